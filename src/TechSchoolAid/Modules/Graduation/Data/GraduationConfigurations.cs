using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSchoolAid.Modules.Graduation.Domain;
using TechSchoolAid.Modules.Organizations.Domain;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Modules.Graduation.Data;

internal sealed class GraduationRoundConfiguration : IEntityTypeConfiguration<GraduationRound>
{
    public void Configure(EntityTypeBuilder<GraduationRound> b)
    {
        b.ToTable("graduation_rounds");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.SchoolCode).HasMaxLength(20).IsRequired();
        b.Property(r => r.SchoolName).HasMaxLength(100).IsRequired();
        b.Property(r => r.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(r => r.Name).HasMaxLength(60).IsRequired();
        b.Property(r => r.CreatedBy).HasMaxLength(64).IsRequired();
        b.Property(r => r.SubmittedBy).HasMaxLength(64);
        b.Property(r => r.ReviewedBy).HasMaxLength(64);
        b.Property(r => r.ReturnReason).HasMaxLength(500);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Ignore(r => r.IsEditableBySchool);
        b.HasIndex(r => new { r.ScopePath, r.State });
        b.HasIndex(r => r.SchoolId);
        b.HasOne<Organization>().WithMany().HasForeignKey(r => r.SchoolId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GraduationEntryConfiguration : IEntityTypeConfiguration<GraduationEntry>
{
    public void Configure(EntityTypeBuilder<GraduationEntry> b)
    {
        b.ToTable("graduation_entries");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(e => e.StudentName).HasMaxLength(50).IsRequired();
        b.Property(e => e.IdNumberMasked).HasMaxLength(24).IsRequired();
        b.Property(e => e.StatusNumber).HasMaxLength(32);
        b.Property(e => e.Major).HasMaxLength(60).IsRequired();
        b.Property(e => e.LevelText).HasMaxLength(20).IsRequired();
        b.Property(e => e.AssessedBy).HasMaxLength(64);
        b.Property(e => e.ReturnNote).HasMaxLength(500);
        b.Property(e => e.CertificateNumber).HasMaxLength(20);
        b.Ignore(e => e.IsAssessed);
        b.Ignore(e => e.Passed);
        b.HasIndex(e => new { e.RoundId, e.StudentId }).IsUnique();
        b.HasIndex(e => e.StudentId);
        b.HasOne<GraduationRound>().WithMany().HasForeignKey(e => e.RoundId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StudentRecord>().WithMany().HasForeignKey(e => e.StudentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> b)
    {
        b.ToTable("certificates");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Number).HasMaxLength(20).IsRequired();
        b.Property(c => c.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(c => c.HolderName).HasMaxLength(50).IsRequired();
        b.Property(c => c.SchoolCode).HasMaxLength(20).IsRequired();
        b.Property(c => c.SchoolName).HasMaxLength(100).IsRequired();
        b.Property(c => c.Major).HasMaxLength(60).IsRequired();
        b.Property(c => c.LevelText).HasMaxLength(20).IsRequired();
        b.Property(c => c.IssuedBy).HasMaxLength(64).IsRequired();
        b.Property(c => c.SupersededByNumber).HasMaxLength(20);
        b.Property(c => c.UpgradeReason).HasMaxLength(500);
        b.Ignore(c => c.IsSuperseded);

        // One number, one certificate, nationwide: the serial is computed as max + 1, and this index settles a race.
        b.HasIndex(c => c.Number).IsUnique();
        b.HasIndex(c => c.StudentId);
        b.HasOne<GraduationRound>().WithMany().HasForeignKey(c => c.RoundId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StudentRecord>().WithMany().HasForeignKey(c => c.StudentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CertificateLookupConfiguration : IEntityTypeConfiguration<CertificateLookup>
{
    public void Configure(EntityTypeBuilder<CertificateLookup> b)
    {
        b.ToTable("certificate_lookups");
        b.HasKey(l => l.Id);
        b.Property(l => l.ClientHash).HasMaxLength(64).IsRequired();
        b.Property(l => l.NumberQueried).HasMaxLength(40).IsRequired();
        b.Property(l => l.Channel).HasMaxLength(8).IsRequired();
        b.HasIndex(l => l.AtUtc);
        b.HasIndex(l => l.NumberQueried);
    }
}
