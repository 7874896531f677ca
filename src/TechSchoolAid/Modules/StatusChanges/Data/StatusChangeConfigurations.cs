using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSchoolAid.Modules.Organizations.Domain;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.StatusChanges.Domain;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Modules.StatusChanges.Data;

internal sealed class StatusChangeConfiguration : IEntityTypeConfiguration<StatusChange>
{
    public void Configure(EntityTypeBuilder<StatusChange> b)
    {
        b.ToTable("status_changes");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.StudentName).HasMaxLength(50).IsRequired();
        b.Property(c => c.StudentIdNumberMasked).HasMaxLength(24).IsRequired();
        b.Property(c => c.StatusNumber).HasMaxLength(32);
        b.Property(c => c.SchoolCode).HasMaxLength(20).IsRequired();
        b.Property(c => c.SchoolName).HasMaxLength(100).IsRequired();
        b.Property(c => c.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(c => c.OtherSchoolCode).HasMaxLength(20);
        b.Property(c => c.OtherSchoolName).HasMaxLength(100);
        b.Property(c => c.Reason).HasMaxLength(500).IsRequired();
        // The to-do of suspensions past their expected return without a resumption.
        b.HasIndex(c => new { c.Kind, c.State, c.ExpectedReturnOn });
        b.Property(c => c.NewMajor).HasMaxLength(60);
        b.Property(c => c.NewClassName).HasMaxLength(50);
        b.Property(c => c.PreviousMajor).HasMaxLength(60);
        b.Property(c => c.PreviousClassName).HasMaxLength(50);
        b.Property(c => c.EnteredBy).HasMaxLength(64).IsRequired();
        b.Property(c => c.SubmittedBy).HasMaxLength(64);
        b.Property(c => c.AcceptedBy).HasMaxLength(64);
        b.Property(c => c.ApprovedBy).HasMaxLength(64);
        b.Property(c => c.ReturnedBy).HasMaxLength(64);
        b.Property(c => c.ReturnReason).HasMaxLength(500);
        b.Property(c => c.UndoneBy).HasMaxLength(64);
        b.Property(c => c.UndoReason).HasMaxLength(500);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.IsPending);
        b.Ignore(c => c.IsEditableBySchool);

        // "A second pending change of the same kind" is refused by the handler with a clear message, and by the database
        // under concurrent writers: at most one pending (Draft, Submitted, Accepted, Returned) change per student, kind, side.
        b.HasIndex(c => new { c.StudentId, c.Kind, c.Side }).IsUnique().HasFilter("\"State\" IN (1, 2, 3, 5)").HasDatabaseName("ux_status_changes_one_pending");
        b.HasIndex(c => c.StudentId);
        // STA-2 lists: late / due soon per scope.
        b.HasIndex(c => new { c.ScopePath, c.State, c.DueDate });
        b.HasIndex(c => new { c.SchoolId, c.OccurredOn });
        // RPT-1 the status-change tile: a year's changes counted by scope path from the index alone.
        b.HasIndex(c => new { c.OccurredOn, c.ScopePath }, "ix_status_changes_dashboard").IncludeProperties(c => new { c.Side, c.State, c.DueDate, c.CompletedOn });
        b.HasOne<Organization>().WithMany().HasForeignKey(c => c.SchoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StudentRecord>().WithMany().HasForeignKey(c => c.StudentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StatusChangeEventConfiguration : IEntityTypeConfiguration<StatusChangeEvent>
{
    public void Configure(EntityTypeBuilder<StatusChangeEvent> b)
    {
        b.ToTable("status_change_events");
        b.HasKey(e => e.Id);
        b.Property(e => e.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(e => e.Action).HasMaxLength(40).IsRequired();
        b.Property(e => e.By).HasMaxLength(64).IsRequired();
        b.Property(e => e.Note).HasMaxLength(500);
        b.HasIndex(e => e.ChangeId);
        b.HasOne<StatusChange>().WithMany().HasForeignKey(e => e.ChangeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StatusChangeEvidenceConfiguration : IEntityTypeConfiguration<StatusChangeEvidence>
{
    public void Configure(EntityTypeBuilder<StatusChangeEvidence> b)
    {
        b.ToTable("status_change_evidence");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(e => e.FileName).HasMaxLength(200).IsRequired();
        b.Property(e => e.ContentType).HasMaxLength(40).IsRequired();
        b.Property(e => e.Sha256).HasMaxLength(64).IsRequired();
        b.Property(e => e.Content).IsRequired();
        b.Property(e => e.UploadedBy).HasMaxLength(64).IsRequired();
        b.HasIndex(e => e.ChangeId);
        b.HasOne<StatusChange>().WithMany().HasForeignKey(e => e.ChangeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StatusChangePolicyConfiguration : IEntityTypeConfiguration<StatusChangePolicy>
{
    public void Configure(EntityTypeBuilder<StatusChangePolicy> b)
    {
        b.ToTable("status_change_policies");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Source).HasMaxLength(200).IsRequired();
        // STA-2 as published: 10 working days, 人社厅函〔2024〕53号. Administrators add a row when a notice changes it.
        b.HasData(new StatusChangePolicy(1, 10, new DateOnly(2024, 1, 1), null, "人社厅函〔2024〕53号：学籍异动应在发生之日起10个工作日内在系统中办理"));
    }
}

internal sealed class StatusChangeKindRuleConfiguration : IEntityTypeConfiguration<StatusChangeKindRule>
{
    /// <summary>
    /// The national defaults, from 2024-01-01 (docs/policy-sources.md, "学籍异动"): the evidence each kind needs before its
    /// approval and the longest suspension. A province adds its own rows where its rules differ; the ministry a new national row.
    /// </summary>
    private const string Source = "中等职业学校学生学籍管理办法（教职成〔2010〕7号）及省级实施细则：退学由本人和监护人提出申请；连续休学两年仍不能复学的可认定退学；"
        + "死亡、失踪按有关部门出示的证明材料注销学籍（系统默认值，各省可按本省技工院校学籍管理规定修改）";

    public void Configure(EntityTypeBuilder<StatusChangeKindRule> b)
    {
        b.ToTable("status_change_kind_rules");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(r => r.Evidence).HasMaxLength(StatusChangeKindRule.MaxEvidenceLength);
        b.Property(r => r.Source).HasMaxLength(StatusChangeKindRule.MaxSourceLength).IsRequired();
        b.Property(r => r.SetBy).HasMaxLength(64).IsRequired();
        b.HasIndex(r => new { r.Kind, r.ScopePath, r.ValidFrom }).IsUnique().HasDatabaseName("ux_status_change_kind_rules_from");
        var from = new DateOnly(2024, 1, 1);
        var at = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        StatusChangeKindRule Row(int id, StatusChangeKind kind, bool required, string? evidence, int? maxMonths = null) =>
            new(id, kind, "/", from, required, evidence, maxMonths, Source, "system", at);
        b.HasData(
            Row(1, StatusChangeKind.Transfer, true, "转入学校同意接收的证明"),
            Row(2, StatusChangeKind.MajorChange, false, null),
            Row(3, StatusChangeKind.Suspension, true, "本人及监护人的休学申请及相关证明（因病休学附县级及以上医院证明）", 24),
            Row(4, StatusChangeKind.Resumption, false, null),
            Row(5, StatusChangeKind.Withdrawal, true, "本人及监护人的退学申请"),
            Row(6, StatusChangeKind.Repeat, false, null),
            Row(7, StatusChangeKind.Expulsion, true, "学校的开除学籍处分决定"),
            Row(8, StatusChangeKind.Death, true, "死亡证明（医疗机构或公安机关出具）"),
            Row(9, StatusChangeKind.Reservation, true, "入伍通知书"),
            Row(10, StatusChangeKind.Completion, false, null));
    }
}
