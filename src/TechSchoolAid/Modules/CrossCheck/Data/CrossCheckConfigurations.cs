using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSchoolAid.Modules.CrossCheck.Domain;

namespace TechSchoolAid.Modules.CrossCheck.Data;

internal sealed class CrossCheckCaseConfiguration : IEntityTypeConfiguration<CrossCheckCase>
{
    public void Configure(EntityTypeBuilder<CrossCheckCase> b)
    {
        b.ToTable("crosscheck_cases");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.SchoolCode).HasMaxLength(20).IsRequired();
        b.Property(c => c.SchoolName).HasMaxLength(100).IsRequired();
        b.Property(c => c.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(c => c.SupervisorPath).HasMaxLength(100).IsRequired();
        b.Property(c => c.PersonKey).HasMaxLength(64).IsRequired();
        b.Property(c => c.StudentName).HasMaxLength(50).IsRequired();
        b.Property(c => c.IdNumberMasked).HasMaxLength(40).IsRequired();
        b.Property(c => c.OtherSide).HasMaxLength(200).IsRequired();
        b.Property(c => c.ClearanceNote).HasMaxLength(1000);
        b.Property(c => c.ClearedBy).HasMaxLength(64);
        b.Property(c => c.KeepConfirmedBy).HasMaxLength(64);
        b.Property(c => c.ReopenReason).HasMaxLength(500);
        b.Property(c => c.ReopenedBy).HasMaxLength(64);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.AwaitingSupervisor);

        // Re-running a month never makes a second case for the same line.
        b.HasIndex(c => new { c.Kind, c.Month, c.EntryId }).IsUnique().HasDatabaseName("ux_crosscheck_cases_once_per_month");
        b.HasIndex(c => new { c.ScopePath, c.Month, c.Item, c.State });
        b.HasIndex(c => new { c.SupervisorPath, c.State, c.DueDate });
        b.HasIndex(c => new { c.EntryId, c.Kind });
    }
}

internal sealed class CrossCheckEvidenceConfiguration : IEntityTypeConfiguration<CrossCheckEvidence>
{
    public void Configure(EntityTypeBuilder<CrossCheckEvidence> b)
    {
        b.ToTable("crosscheck_evidence");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(e => e.FileName).HasMaxLength(200).IsRequired();
        b.Property(e => e.ContentType).HasMaxLength(50).IsRequired();
        b.Property(e => e.Sha256).HasMaxLength(64).IsRequired();
        b.Property(e => e.UploadedBy).HasMaxLength(64).IsRequired();
        b.HasIndex(e => e.CaseId);
        b.HasOne<CrossCheckCase>().WithMany().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CrossCheckRunConfiguration : IEntityTypeConfiguration<CrossCheckRun>
{
    public void Configure(EntityTypeBuilder<CrossCheckRun> b)
    {
        b.ToTable("crosscheck_runs");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(r => r.FileName).HasMaxLength(200);
        b.Property(r => r.FileSha256).HasMaxLength(64);
        b.Property(r => r.Encoding).HasMaxLength(20);
        b.Property(r => r.RunBy).HasMaxLength(64).IsRequired();
        b.HasIndex(r => r.FileSha256).IsUnique().HasFilter("\"FileSha256\" IS NOT NULL");
        b.HasIndex(r => new { r.ScopePath, r.Month });
    }
}

internal sealed class CrossCheckRejectedRowConfiguration : IEntityTypeConfiguration<CrossCheckRejectedRow>
{
    public void Configure(EntityTypeBuilder<CrossCheckRejectedRow> b)
    {
        b.ToTable("crosscheck_rejected_rows");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(r => r.Reason).HasMaxLength(200).IsRequired();
        b.Property(r => r.Value).HasMaxLength(60);
        b.HasIndex(r => new { r.RunId, r.RowNumber });
        b.HasOne<CrossCheckRun>().WithMany().HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ClearanceDeadlineConfiguration : IEntityTypeConfiguration<ClearanceDeadline>
{
    /// <summary>The seeded row: 10 working days (人社厅函〔2024〕53号 三（三）), from the notice's year on.</summary>
    public static readonly Guid SeededId = Guid.Parse("c4ec0000-0000-0000-0000-000000000010");

    public const string SeededSource = "人社厅函〔2024〕53号《人力资源社会保障部办公厅关于做好2024年技工院校学生资助工作的通知》三（三）：于 10 个工作日内完成数据清理工作";

    public void Configure(EntityTypeBuilder<ClearanceDeadline> b)
    {
        b.ToTable("crosscheck_clearance_deadlines");
        b.HasKey(d => d.Id);
        b.Property(d => d.Id).ValueGeneratedNever();
        b.Property(d => d.Source).HasMaxLength(300).IsRequired();
        b.Property(d => d.Version).IsConcurrencyToken();
        b.HasIndex(d => d.ValidFrom).IsUnique().HasDatabaseName("ux_crosscheck_clearance_deadline_from");
        b.HasData(new ClearanceDeadline(SeededId, new DateOnly(2024, 1, 1), null, 10, SeededSource));
    }
}
