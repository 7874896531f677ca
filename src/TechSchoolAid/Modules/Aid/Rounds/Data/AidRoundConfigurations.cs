using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Organizations.Domain;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Modules.Aid.Rounds.Data;

internal sealed class AidRoundConfiguration : IEntityTypeConfiguration<AidRound>
{
    public void Configure(EntityTypeBuilder<AidRound> b)
    {
        b.ToTable("aid_rounds");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.SchoolCode).HasMaxLength(20).IsRequired();
        b.Property(r => r.SchoolName).HasMaxLength(100).IsRequired();
        b.Property(r => r.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(r => r.SupervisorPath).HasMaxLength(100).IsRequired();
        b.Property(r => r.CreatedBy).HasMaxLength(64).IsRequired();
        b.Property(r => r.PublishedBy).HasMaxLength(64);
        b.Property(r => r.SubmittedBy).HasMaxLength(64);
        b.Property(r => r.ReviewedBy).HasMaxLength(64);
        b.Property(r => r.ReturnNote).HasMaxLength(500);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Ignore(r => r.Term);
        b.Ignore(r => r.ProvinceCode);
        b.Ignore(r => r.IsEditable);

        // One list per school, item and term, also under concurrent creators.
        b.HasIndex(r => new { r.SchoolId, r.SchoolYear, r.Semester, r.Item }).IsUnique().HasDatabaseName("ux_aid_rounds_school_term_item");
        b.HasIndex(r => new { r.ScopePath, r.SchoolYear, r.Semester, r.State });
        b.HasIndex(r => new { r.SupervisorPath, r.State });
        b.HasOne<Organization>().WithMany().HasForeignKey(r => r.SchoolId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AidEntryConfiguration : IEntityTypeConfiguration<AidEntry>
{
    public void Configure(EntityTypeBuilder<AidEntry> b)
    {
        b.ToTable("aid_entries");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(e => e.PersonKey).HasMaxLength(64).IsRequired();
        b.Property(e => e.StudentName).HasMaxLength(50).IsRequired();
        b.Property(e => e.ClassName).HasMaxLength(50).IsRequired();
        b.Property(e => e.IdNumberMasked).HasMaxLength(40).IsRequired();
        b.Property(e => e.Basis).HasMaxLength(500).IsRequired();
        b.Property(e => e.CollectedBy).HasMaxLength(64).IsRequired();
        b.Property(e => e.ObjectionText).HasMaxLength(1000);
        b.Property(e => e.ObjectionRecordedBy).HasMaxLength(64);
        b.Property(e => e.ObjectionAnswer).HasMaxLength(1000);
        b.Property(e => e.ObjectionAnsweredBy).HasMaxLength(64);
        b.Property(e => e.ReviewedBy).HasMaxLength(64);
        b.Property(e => e.ReviewNote).HasMaxLength(500);
        b.Property(e => e.WithdrawnBy).HasMaxLength(64);
        b.Property(e => e.WithdrawnReason).HasMaxLength(500);
        b.Property(e => e.StatusKeptBy).HasMaxLength(64);
        b.Property(e => e.StatusKeptNote).HasMaxLength(500);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Ignore(e => e.HasOpenObjection);

        // AID-5: a person is approved at most once per item and term in the whole system (two schools included).
        b.HasIndex(e => new { e.PersonKey, e.Item, e.SchoolYear, e.Semester }).IsUnique()
            .HasFilter("\"State\" = 2").HasDatabaseName("ux_aid_entries_once_per_term");
        b.HasIndex(e => new { e.RoundId, e.StudentId }).IsUnique();
        // A list's lines in order, and the lists page's counts and sums per list and state read from the index alone
        // (50 lists of a province, 40,000 lines: 16.8 → 7.3 ms at national size); open objections have their own small
        // partial index.
        b.HasIndex(e => new { e.RoundId, e.State, e.ClassName }).IncludeProperties(e => new { e.AmountFen, e.ScopePath });
        b.HasIndex(e => e.RoundId, "ix_aid_entries_open_objections").HasFilter("\"ObjectionText\" IS NOT NULL AND \"ObjectionAnswer\" IS NULL");
        b.HasIndex(e => new { e.ScopePath, e.SchoolYear, e.Semester, e.Item, e.State });
        b.HasIndex(e => e.StudentId);
        // RPT-1 the aid tile: a year's lines counted per list, state and review day from the index alone.
        b.HasIndex(e => new { e.SchoolYear, e.RoundId }, "ix_aid_entries_dashboard").IncludeProperties(e => new { e.ScopePath, e.Item, e.State, e.ReviewedAtUtc });
        b.HasOne<AidRound>().WithMany().HasForeignKey(e => e.RoundId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StudentRecord>().WithMany().HasForeignKey(e => e.StudentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AidDeadlineReopeningConfiguration : IEntityTypeConfiguration<AidDeadlineReopening>
{
    public void Configure(EntityTypeBuilder<AidDeadlineReopening> b)
    {
        b.ToTable("aid_deadline_reopenings");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.ProvinceCode).HasMaxLength(2).IsRequired();
        b.Property(r => r.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(r => r.Reason).HasMaxLength(500).IsRequired();
        b.Property(r => r.CreatedBy).HasMaxLength(64).IsRequired();
        b.HasIndex(r => new { r.ProvinceCode, r.SchoolYear, r.Semester });
    }
}
