using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSchoolAid.Modules.Organizations.Domain;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Modules.Students.Data;

internal sealed class StudentRecordConfiguration : IEntityTypeConfiguration<StudentRecord>
{
    public void Configure(EntityTypeBuilder<StudentRecord> b)
    {
        b.ToTable("student_records");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.SchoolCode).HasMaxLength(20).IsRequired();
        b.Property(s => s.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(s => s.Name).HasMaxLength(50).IsRequired();
        b.Property(s => s.IdNumberCipher).IsRequired();
        b.Property(s => s.IdNumberHash).HasMaxLength(64).IsRequired();
        b.Property(s => s.IdNumberMasked).HasMaxLength(24).IsRequired();
        b.Property(s => s.Ethnicity).HasMaxLength(20).IsRequired();
        b.Property(s => s.HouseholdCountyCode).HasMaxLength(6).IsRequired();
        b.Property(s => s.Major).HasMaxLength(60).IsRequired();
        b.Property(s => s.MajorCode).HasMaxLength(16);
        b.Property(s => s.ClassName).HasMaxLength(50).IsRequired();
        b.Property(s => s.PhoneMasked).HasMaxLength(20);
        b.Property(s => s.GuardianName).HasMaxLength(50);
        b.Property(s => s.GuardianPhoneMasked).HasMaxLength(20);
        b.Property(s => s.InputFingerprint).HasMaxLength(64).IsRequired();
        b.Property(s => s.StatusNumber).HasMaxLength(32);
        b.Property(s => s.CollectedBy).HasMaxLength(64).IsRequired();
        b.Property(s => s.VerifiedBy).HasMaxLength(64);
        b.Property(s => s.VerificationMethod).HasMaxLength(40);
        b.Property(s => s.SubmittedBy).HasMaxLength(64);
        b.Property(s => s.ReviewedBy).HasMaxLength(64);
        b.Property(s => s.ReviewNote).HasMaxLength(500);
        b.Property(s => s.Version).IsConcurrencyToken();

        // ENR-4: one full-time place per person nationwide, held by the database itself. The bare column is a valid
        // boolean predicate on both PostgreSQL and SQLite.
        // Two indexes on the same column, so each is named in HasIndex: an unnamed second HasIndex would configure (and
        // rename) the first. OnePlaceRule recognises a refusal by the unique index's name.
        b.HasIndex(s => s.IdNumberHash, "ux_student_records_one_place").IsUnique().HasFilter("\"HoldsPlace\"");
        b.HasIndex(s => s.IdNumberHash, "ix_student_records_id_hash");
        b.HasIndex(s => s.StatusNumber).IsUnique();
        // The school list's filter and order (ENR lists must stay fast at 5,000 students a school).
        b.HasIndex(s => new { s.SchoolCode, s.ClassName, s.Name });
        b.HasIndex(s => new { s.SchoolId, s.RegistrationState });
        // The scope index carries the list's order columns, so a city's page is chosen from the index alone (16,585
        // entries of city 4401 at 5 M students: 14.8 → 4 ms) and only the 50 rows shown are read (StudentQueries.ListAsync).
        b.HasIndex(s => new { s.ScopePath, s.RegistrationState }).IncludeProperties(s => new { s.SchoolCode, s.ClassName, s.Name, s.Id });
        // The reviewers' to-do panel: records submitted and waiting, per school, with the oldest submission — read from
        // the index alone (a province's 2,000 waiting records: 6.3 → 2.3 ms at 5 M students; docs/postgres-physical-design.md).
        b.HasIndex(s => new { s.ScopePath, s.SchoolCode }, "ix_student_records_submitted")
            .HasFilter("\"RegistrationState\" = 2").IncludeProperties(s => s.SubmittedAtUtc);
        b.HasIndex(s => s.BatchId);
        // RPT-1 the registration tile: a year's new students counted by scope path, intake and state from the index alone.
        b.HasIndex(s => new { s.IntakeYear, s.ScopePath, s.IntakeSeason, s.RegistrationState }, "ix_student_records_dashboard");
        b.HasOne<Organization>().WithMany().HasForeignKey(s => s.SchoolId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IntakeDeadlineConfiguration : IEntityTypeConfiguration<IntakeDeadline>
{
    public void Configure(EntityTypeBuilder<IntakeDeadline> b)
    {
        b.ToTable("intake_deadlines");
        b.HasKey(d => d.Id);
        b.Property(d => d.Source).HasMaxLength(200).IsRequired();
    }
}

internal sealed class RegistrationReopeningConfiguration : IEntityTypeConfiguration<RegistrationReopening>
{
    public void Configure(EntityTypeBuilder<RegistrationReopening> b)
    {
        b.ToTable("registration_reopenings");
        b.HasKey(r => r.Id);
        b.Property(r => r.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(r => r.Reason).HasMaxLength(500).IsRequired();
        b.Property(r => r.GrantedBy).HasMaxLength(64).IsRequired();
        b.HasIndex(r => new { r.SchoolId, r.IntakeYear, r.IntakeSeason });
        b.HasOne<Organization>().WithMany().HasForeignKey(r => r.SchoolId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DeclaredIntakeConfiguration : IEntityTypeConfiguration<DeclaredIntake>
{
    public void Configure(EntityTypeBuilder<DeclaredIntake> b)
    {
        b.ToTable("declared_intakes");
        b.HasKey(d => d.Id);
        b.Property(d => d.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(d => d.DeclaredBy).HasMaxLength(64).IsRequired();
        b.HasIndex(d => new { d.SchoolId, d.IntakeYear, d.IntakeSeason }).IsUnique();
        b.HasOne<Organization>().WithMany().HasForeignKey(d => d.SchoolId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RegistrationBatchConfiguration : IEntityTypeConfiguration<RegistrationBatch>
{
    public void Configure(EntityTypeBuilder<RegistrationBatch> b)
    {
        b.ToTable("registration_batches");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(x => x.Number).HasMaxLength(40).IsRequired();
        b.Property(x => x.SubmittedBy).HasMaxLength(64).IsRequired();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.ScopePath, x.SubmittedAtUtc });
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
    }
}
