using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSchoolAid.Modules.Organizations.Domain;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Modules.Supervision.Domain;

namespace TechSchoolAid.Modules.Supervision.Data;

internal sealed class PresenceCampaignConfiguration : IEntityTypeConfiguration<PresenceCampaign>
{
    public void Configure(EntityTypeBuilder<PresenceCampaign> b)
    {
        b.ToTable("presence_campaigns");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Name).HasMaxLength(100).IsRequired();
        b.Property(c => c.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(c => c.OrganizationCode).HasMaxLength(20).IsRequired();
        b.Property(c => c.OpenedBy).HasMaxLength(64).IsRequired();
        b.Property(c => c.ClosedBy).HasMaxLength(64);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasIndex(c => new { c.ScopePath, c.State });
    }
}

internal sealed class PresenceCampaignSchoolConfiguration : IEntityTypeConfiguration<PresenceCampaignSchool>
{
    public void Configure(EntityTypeBuilder<PresenceCampaignSchool> b)
    {
        b.ToTable("presence_campaign_schools");
        b.HasKey(s => s.Id);
        b.Property(s => s.CampaignName).HasMaxLength(100).IsRequired();
        b.Property(s => s.SchoolCode).HasMaxLength(20).IsRequired();
        b.Property(s => s.SchoolName).HasMaxLength(100).IsRequired();
        b.Property(s => s.ScopePath).HasMaxLength(100).IsRequired();
        b.HasIndex(s => new { s.CampaignId, s.SchoolId }).IsUnique();
        b.HasIndex(s => s.ScopePath);
        b.HasOne<PresenceCampaign>().WithMany().HasForeignKey(s => s.CampaignId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(s => s.SchoolId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PresenceCheckResultConfiguration : IEntityTypeConfiguration<PresenceCheckResult>
{
    public void Configure(EntityTypeBuilder<PresenceCheckResult> b)
    {
        b.ToTable("presence_check_results");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.CampaignName).HasMaxLength(100).IsRequired();
        b.Property(r => r.SchoolCode).HasMaxLength(20).IsRequired();
        b.Property(r => r.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(r => r.StudentName).HasMaxLength(50).IsRequired();
        b.Property(r => r.StudentIdNumberMasked).HasMaxLength(24).IsRequired();
        b.Property(r => r.StatusNumber).HasMaxLength(32);
        b.Property(r => r.Note).HasMaxLength(500);
        b.Property(r => r.RecordedBy).HasMaxLength(64).IsRequired();
        b.Property(r => r.Version).IsConcurrencyToken();
        // One result per student and campaign (a correction overwrites it; the audit keeps the earlier one).
        b.HasIndex(r => new { r.CampaignId, r.StudentId }).IsUnique();
        // "No activity": the latest result of a student.
        b.HasIndex(r => new { r.StudentId, r.RecordedAtUtc });
        b.HasOne<PresenceCampaign>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StudentRecord>().WithMany().HasForeignKey(r => r.StudentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class HangingFlagConfiguration : IEntityTypeConfiguration<HangingFlag>
{
    public void Configure(EntityTypeBuilder<HangingFlag> b)
    {
        b.ToTable("hanging_flags");
        b.HasKey(f => f.Id);
        b.Property(f => f.Id).ValueGeneratedNever();
        b.Property(f => f.Detail).HasMaxLength(300).IsRequired();
        b.Property(f => f.SchoolCode).HasMaxLength(20).IsRequired();
        b.Property(f => f.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(f => f.StudentName).HasMaxLength(50).IsRequired();
        b.Property(f => f.StudentIdNumberMasked).HasMaxLength(24).IsRequired();
        b.Property(f => f.StatusNumber).HasMaxLength(32);
        b.Property(f => f.DetectedBy).HasMaxLength(64).IsRequired();
        b.Property(f => f.Answer).HasMaxLength(1000);
        b.Property(f => f.AnsweredBy).HasMaxLength(64);
        b.Property(f => f.ReviewNote).HasMaxLength(500);
        b.Property(f => f.ReviewedBy).HasMaxLength(64);
        b.Property(f => f.Version).IsConcurrencyToken();
        b.Ignore(f => f.IsOpen);
        // The hanging list of a scope (open first), and "is this student already flagged for this reason".
        b.HasIndex(f => new { f.ScopePath, f.State });
        // The list's order (open first, newest first): a large scope (a province of a national database) stops after its
        // first page instead of sorting every open flag of the scope (10 ms → 0.5 ms; docs/postgres-physical-design.md).
        b.HasIndex(f => new { f.State, f.DetectedAtUtc, f.Id }).IsDescending(false, true, false);
        b.HasIndex(f => new { f.StudentId, f.Reason });
        b.HasOne<StudentRecord>().WithMany().HasForeignKey(f => f.StudentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PresenceCampaign>().WithMany().HasForeignKey(f => f.CampaignId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class HangingPolicyConfiguration : IEntityTypeConfiguration<HangingPolicy>
{
    public void Configure(EntityTypeBuilder<HangingPolicy> b)
    {
        b.ToTable("hanging_policies");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Source).HasMaxLength(200).IsRequired();
        // Working values until a notice fixes them: half a year without any recorded activity; a school term after the
        // expected graduation date. Administrators add a row with a validity period to change them.
        b.HasData(new HangingPolicy(1, 180, 90, new DateOnly(2024, 1, 1), null, "人籍一致核验工作口径：180 天无学籍活动；预计毕业日期后 90 天"));
    }
}

internal sealed class SupervisionMeasureConfiguration : IEntityTypeConfiguration<SupervisionMeasure>
{
    public void Configure(EntityTypeBuilder<SupervisionMeasure> b)
    {
        b.ToTable("supervision_measures");
        b.HasKey(m => m.Id);
        b.Property(m => m.Id).ValueGeneratedNever();
        b.Property(m => m.SchoolCode).HasMaxLength(20).IsRequired();
        b.Property(m => m.SchoolName).HasMaxLength(100).IsRequired();
        b.Property(m => m.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(m => m.IssuerCode).HasMaxLength(20).IsRequired();
        b.Property(m => m.Reason).HasMaxLength(1000).IsRequired();
        b.Property(m => m.EvidenceText).HasMaxLength(2000);
        b.Property(m => m.IssuedBy).HasMaxLength(64).IsRequired();
        b.Property(m => m.Rectification).HasMaxLength(2000);
        b.Property(m => m.RectifiedBy).HasMaxLength(64);
        b.Property(m => m.ClosingNote).HasMaxLength(500);
        b.Property(m => m.ClosedBy).HasMaxLength(64);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.Ignore(m => m.RequiresRectification);
        b.HasIndex(m => new { m.ScopePath, m.State });
        b.HasIndex(m => new { m.SchoolId, m.IssuedOn });
        b.HasOne<Organization>().WithMany().HasForeignKey(m => m.SchoolId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SupervisionMeasureFileConfiguration : IEntityTypeConfiguration<SupervisionMeasureFile>
{
    public void Configure(EntityTypeBuilder<SupervisionMeasureFile> b)
    {
        b.ToTable("supervision_measure_files");
        b.HasKey(f => f.Id);
        b.Property(f => f.Id).ValueGeneratedNever();
        b.Property(f => f.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(f => f.FileName).HasMaxLength(200).IsRequired();
        b.Property(f => f.ContentType).HasMaxLength(40).IsRequired();
        b.Property(f => f.Sha256).HasMaxLength(64).IsRequired();
        b.Property(f => f.Content).IsRequired();
        b.Property(f => f.UploadedBy).HasMaxLength(64).IsRequired();
        b.HasIndex(f => f.MeasureId);
        b.HasOne<SupervisionMeasure>().WithMany().HasForeignKey(f => f.MeasureId).OnDelete(DeleteBehavior.Restrict);
    }
}
