using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSchoolAid.Modules.PublicSite.Domain;

namespace TechSchoolAid.Modules.PublicSite.Data;

internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> b)
    {
        b.ToTable("public_complaints");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.TrackingNumber).HasMaxLength(20).IsRequired();
        b.Property(c => c.ProvinceCode).HasMaxLength(6).IsRequired();
        b.Property(c => c.ProvinceName).HasMaxLength(50).IsRequired();
        b.Property(c => c.SchoolCode).HasMaxLength(20);
        b.Property(c => c.SchoolName).HasMaxLength(100);
        b.Property(c => c.RoutedToCode).HasMaxLength(20).IsRequired();
        b.Property(c => c.RoutedToName).HasMaxLength(100).IsRequired();
        b.Property(c => c.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(c => c.Text).HasMaxLength(Complaint.MaxTextLength).IsRequired();
        b.Property(c => c.NameMasked).HasMaxLength(40);
        b.Property(c => c.PhoneMasked).HasMaxLength(20).IsRequired();
        b.Property(c => c.LookupKey).HasMaxLength(64).IsRequired();
        b.Property(c => c.ContentKey).HasMaxLength(64).IsRequired();
        b.Property(c => c.EscalatedToPath).HasMaxLength(100);
        b.Property(c => c.EscalatedToName).HasMaxLength(100);
        b.Property(c => c.Answer).HasMaxLength(Complaint.MaxAnswerLength);
        b.Property(c => c.AnsweredBy).HasMaxLength(64);
        b.Property(c => c.AnsweredByName).HasMaxLength(100);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.CurrentPath);
        b.Ignore(c => c.AnsweredOnTime);
        b.HasIndex(c => c.TrackingNumber).IsUnique().HasDatabaseName("ux_public_complaints_tracking");
        b.HasIndex(c => new { c.ScopePath, c.Status, c.DueOn });
        b.HasIndex(c => new { c.Status, c.DueOn });
        b.HasIndex(c => new { c.ContentKey, c.FiledAtUtc });
    }
}

internal sealed class ComplaintDeadlineConfiguration : IEntityTypeConfiguration<ComplaintDeadline>
{
    public void Configure(EntityTypeBuilder<ComplaintDeadline> b)
    {
        b.ToTable("public_complaint_deadlines");
        b.HasKey(d => d.Id);
        b.Property(d => d.Id).ValueGeneratedNever();
        b.Property(d => d.Source).HasMaxLength(500).IsRequired();
        b.Property(d => d.RecordedBy).HasMaxLength(64).IsRequired();
        b.Property(d => d.Version).IsConcurrencyToken();
        b.HasIndex(d => new { d.Kind, d.ValidFrom }).IsUnique().HasDatabaseName("ux_public_complaint_deadlines_kind_from");
    }
}

internal sealed class HotlineConfiguration : IEntityTypeConfiguration<Hotline>
{
    public void Configure(EntityTypeBuilder<Hotline> b)
    {
        b.ToTable("public_hotlines");
        b.HasKey(h => h.Id);
        b.Property(h => h.Id).ValueGeneratedNever();
        b.Property(h => h.OrganizationCode).HasMaxLength(20).IsRequired();
        b.Property(h => h.OrganizationName).HasMaxLength(100).IsRequired();
        b.Property(h => h.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(h => h.ConsultationPhone).HasMaxLength(40).IsRequired();
        b.Property(h => h.ComplaintPhone).HasMaxLength(40).IsRequired();
        b.Property(h => h.Address).HasMaxLength(200).IsRequired();
        b.Property(h => h.Hours).HasMaxLength(100).IsRequired();
        b.Property(h => h.Email).HasMaxLength(100);
        b.Property(h => h.UpdatedBy).HasMaxLength(64).IsRequired();
        b.Property(h => h.Version).IsConcurrencyToken();
        b.HasIndex(h => h.OrganizationCode).IsUnique().HasDatabaseName("ux_public_hotlines_org");
    }
}
