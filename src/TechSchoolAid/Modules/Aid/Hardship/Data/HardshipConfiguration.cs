using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSchoolAid.Modules.Aid.Hardship.Domain;
using TechSchoolAid.Modules.Organizations.Domain;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Modules.Aid.Hardship.Data;

internal sealed class HardshipAssessmentConfiguration : IEntityTypeConfiguration<HardshipAssessment>
{
    public void Configure(EntityTypeBuilder<HardshipAssessment> b)
    {
        b.ToTable("aid_hardship_assessments");
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.SchoolCode).HasMaxLength(20).IsRequired();
        b.Property(a => a.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(a => a.StudentName).HasMaxLength(50).IsRequired();
        b.Property(a => a.ClassName).HasMaxLength(50).IsRequired();
        b.Property(a => a.FamilySituationCipher).IsRequired();
        b.Property(a => a.AppliedBy).HasMaxLength(64).IsRequired();
        b.Property(a => a.PanelMembers).HasMaxLength(500);
        b.Property(a => a.PanelRecordedBy).HasMaxLength(64);
        b.Property(a => a.DecidedBy).HasMaxLength(64);
        b.Property(a => a.PublishedBy).HasMaxLength(64);
        b.Property(a => a.ObjectionRecordedBy).HasMaxLength(64);
        b.Property(a => a.ObjectionAnsweredBy).HasMaxLength(64);
        b.Property(a => a.ArchivedBy).HasMaxLength(64);
        b.Property(a => a.SupersededBy).HasMaxLength(64);
        b.Property(a => a.RowVersion).IsConcurrencyToken();
        b.Ignore(a => a.IsCurrent);
        b.Ignore(a => a.HasOpenObjection);
        b.Ignore(a => a.IsPriority);
        b.Ignore(a => a.IsRedecision);

        // One current version per student and school year, also under concurrent writers.
        b.HasIndex(a => new { a.StudentId, a.SchoolYear }).IsUnique().HasFilter("\"SupersededAtUtc\" IS NULL").HasDatabaseName("ux_aid_hardship_current");
        b.HasIndex(a => new { a.ScopePath, a.SchoolYear, a.State });
        b.HasOne<Organization>().WithMany().HasForeignKey(a => a.SchoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StudentRecord>().WithMany().HasForeignKey(a => a.StudentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class HardshipNoticeConfiguration : IEntityTypeConfiguration<HardshipNotice>
{
    public void Configure(EntityTypeBuilder<HardshipNotice> b)
    {
        b.ToTable("aid_hardship_notices");
        b.HasKey(n => n.Id);
        b.Property(n => n.Id).ValueGeneratedNever();
        b.Property(n => n.SchoolCode).HasMaxLength(20).IsRequired();
        b.Property(n => n.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(n => n.Content).HasMaxLength(2000).IsRequired();
        b.Property(n => n.WhoMayApply).HasMaxLength(500).IsRequired();
        b.Property(n => n.Documents).HasMaxLength(500).IsRequired();
        b.Property(n => n.PublishedBy).HasMaxLength(64).IsRequired();
        b.Property(n => n.Version).IsConcurrencyToken();

        // One notice per school and school year, also under concurrent writers.
        b.HasIndex(n => new { n.SchoolId, n.SchoolYear }).IsUnique().HasDatabaseName("ux_aid_hardship_notice");
        b.HasIndex(n => n.ScopePath);
        b.HasOne<Organization>().WithMany().HasForeignKey(n => n.SchoolId).OnDelete(DeleteBehavior.Restrict);
    }
}
