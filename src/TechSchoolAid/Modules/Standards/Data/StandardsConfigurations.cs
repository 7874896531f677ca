using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSchoolAid.Modules.Standards.Domain;

namespace TechSchoolAid.Modules.Standards.Data;

internal sealed class AidRuleDocumentConfiguration : IEntityTypeConfiguration<AidRuleDocument>
{
    public void Configure(EntityTypeBuilder<AidRuleDocument> b)
    {
        b.ToTable("standards_aid_rules");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(x => x.SchoolCode).HasMaxLength(20).IsRequired();
        b.Property(x => x.Title).HasMaxLength(100).IsRequired();
        b.Property(x => x.FileName).HasMaxLength(100).IsRequired();
        b.Property(x => x.ContentType).HasMaxLength(100).IsRequired();
        b.Property(x => x.Content).IsRequired();
        b.Property(x => x.Sha256).HasMaxLength(64).IsRequired();
        b.Property(x => x.EndReason).HasMaxLength(200);
        b.Property(x => x.RecordedBy).HasMaxLength(64).IsRequired();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.ScopePath, x.Status });
        b.HasIndex(x => new { x.SchoolCode, x.Status });
    }
}

internal sealed class AidStaffMemberConfiguration : IEntityTypeConfiguration<AidStaffMember>
{
    public void Configure(EntityTypeBuilder<AidStaffMember> b)
    {
        b.ToTable("standards_aid_staff");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(x => x.SchoolCode).HasMaxLength(20).IsRequired();
        b.Property(x => x.Name).HasMaxLength(50).IsRequired();
        b.Property(x => x.Post).HasMaxLength(50).IsRequired();
        b.Property(x => x.PhoneCipher).IsRequired();
        b.Property(x => x.PhoneMasked).HasMaxLength(20).IsRequired();
        b.Property(x => x.RecordedBy).HasMaxLength(64).IsRequired();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.ScopePath);
        b.HasIndex(x => x.SchoolCode);
    }
}

internal sealed class TrainingConfiguration : IEntityTypeConfiguration<Training>
{
    public void Configure(EntityTypeBuilder<Training> b)
    {
        b.ToTable("standards_trainings");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(x => x.Title).HasMaxLength(100).IsRequired();
        b.Property(x => x.Place).HasMaxLength(100).IsRequired();
        b.Property(x => x.RecordedBy).HasMaxLength(64).IsRequired();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.ScopePath, x.StartsOn });
    }
}

internal sealed class StaffTrainingConfiguration : IEntityTypeConfiguration<StaffTraining>
{
    public void Configure(EntityTypeBuilder<StaffTraining> b)
    {
        b.ToTable("standards_staff_trainings");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(x => x.SchoolCode).HasMaxLength(20).IsRequired();
        b.Property(x => x.Title).HasMaxLength(100).IsRequired();
        b.Property(x => x.Organizer).HasMaxLength(100).IsRequired();
        b.Property(x => x.CertificateName).HasMaxLength(100);
        b.Property(x => x.CertificateType).HasMaxLength(50);
        b.Property(x => x.CertificateSha256).HasMaxLength(64);
        b.Property(x => x.RecordedBy).HasMaxLength(64).IsRequired();
        b.HasIndex(x => new { x.StaffId, x.CompletedOn });
        b.HasIndex(x => new { x.TrainingId, x.StaffId }).IsUnique();
        b.HasIndex(x => x.ScopePath);
        b.HasOne<AidStaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Training>().WithMany().HasForeignKey(x => x.TrainingId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BrochureConfiguration : IEntityTypeConfiguration<Brochure>
{
    public void Configure(EntityTypeBuilder<Brochure> b)
    {
        b.ToTable("standards_brochures");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(x => x.SchoolCode).HasMaxLength(20).IsRequired();
        b.Property(x => x.SchoolName).HasMaxLength(100).IsRequired();
        b.Property(x => x.FileName).HasMaxLength(100).IsRequired();
        b.Property(x => x.ContentType).HasMaxLength(50).IsRequired();
        b.Property(x => x.Content).IsRequired();
        b.Property(x => x.Sha256).HasMaxLength(64).IsRequired();
        b.Property(x => x.WaiverPage).HasMaxLength(20);
        b.Property(x => x.GrantPage).HasMaxLength(20);
        b.Property(x => x.HotlinePage).HasMaxLength(20);
        b.Property(x => x.SubmittedBy).HasMaxLength(64);
        b.Property(x => x.DecidedBy).HasMaxLength(64);
        b.Property(x => x.ReturnReason).HasMaxLength(500);
        b.Property(x => x.UpdatedBy).HasMaxLength(64).IsRequired();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.SchoolId, x.Year, x.Season }).IsUnique();
        b.HasIndex(x => new { x.ScopePath, x.Status });
    }
}

internal sealed class StandardsPolicyConfiguration : IEntityTypeConfiguration<StandardsPolicy>
{
    public void Configure(EntityTypeBuilder<StandardsPolicy> b)
    {
        b.ToTable("standards_policies");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ProvinceCode).HasMaxLength(10).IsRequired();
        b.Property(x => x.ProvinceScopePath).HasMaxLength(100).IsRequired();
        b.Property(x => x.Source).HasMaxLength(200).IsRequired();
        b.Property(x => x.RecordedBy).HasMaxLength(64).IsRequired();
        b.HasIndex(x => new { x.ProvinceCode, x.ValidFrom }).IsUnique();
    }
}
