using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;

namespace TechSchoolAid.Modules.Aid.Rounds.Domain;

/// <summary>
/// A school's proposed list for one aid item in one term: built, published inside the school, submitted, reviewed by
/// the direct supervisor (city for 市管 schools, province for 省管) before the approval deadline. One per school, item and
/// term. Each step records who and when (AID-6).
/// </summary>
public sealed class AidRound : IScoped
{
    private AidRound()
    {
    }

    public AidRound(Guid id, int schoolId, string schoolCode, string schoolName, string scopePath, AidTerm term, AidItem item, Guid policyId,
        DateOnly approvalDeadline, int declaredEligibleCount, string by, DateTime atUtc)
    {
        Id = id;
        SchoolId = schoolId;
        SchoolCode = schoolCode;
        SchoolName = schoolName;
        ScopePath = scopePath;
        SupervisorPath = ScopePaths.ParentOf(scopePath);
        SchoolYear = term.SchoolYear;
        Semester = term.Semester;
        Item = item;
        PolicyId = policyId;
        ApprovalDeadline = approvalDeadline;
        DeclaredEligibleCount = declaredEligibleCount;
        State = AidRoundState.Draft;
        CreatedBy = by;
        CreatedAtUtc = atUtc;
    }

    public Guid Id { get; private set; }

    public int SchoolId { get; private set; }

    public string SchoolCode { get; private set; } = "";

    public string SchoolName { get; private set; } = "";

    public string ScopePath { get; private set; } = "";

    /// <summary>The direct supervisor's path (the city for 市管, the province for 省管): who reviews the list.</summary>
    public string SupervisorPath { get; private set; } = "";

    public int SchoolYear { get; private set; }

    public Semester Semester { get; private set; }

    public AidItem Item { get; private set; }

    public Guid PolicyId { get; private set; }

    public DateOnly ApprovalDeadline { get; private set; }

    /// <summary>The school's declared number of students who qualify (AID-7 compares it with the approved count).</summary>
    public int DeclaredEligibleCount { get; private set; }

    public AidRoundState State { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public DateTime CreatedAtUtc { get; private set; }

    public DateOnly? PublishedFrom { get; private set; }

    public DateOnly? PublishedTo { get; private set; }

    public string? PublishedBy { get; private set; }

    public DateTime? PublishedAtUtc { get; private set; }

    public string? SubmittedBy { get; private set; }

    public DateTime? SubmittedAtUtc { get; private set; }

    public string? ReviewedBy { get; private set; }

    public DateTime? ReviewedAtUtc { get; private set; }

    public string? ReturnNote { get; private set; }

    public int Version { get; private set; }

    public AidTerm Term => new(SchoolYear, Semester);

    /// <summary>The province of the school (the first segment of its scope path).</summary>
    public string ProvinceCode => ScopePath.Split('/', StringSplitOptions.RemoveEmptyEntries)[0];

    public bool IsEditable => State is AidRoundState.Draft or AidRoundState.Returned;

    /// <summary>Refuses unless the list may still be changed by the school (拟定中 or 被退回).</summary>
    public void EnsureEditable()
    {
        if (!IsEditable)
        {
            throw AppException.Conflict($"名单当前为“{State.ToChinese()}”，只有拟定中或被退回的名单可以修改");
        }
    }

    /// <summary>Refuses unless the list is under publication (objections are recorded only then).</summary>
    public void EnsurePublished()
    {
        if (State != AidRoundState.Published)
        {
            throw AppException.Conflict("名单不在公示期，不能登记异议");
        }
    }

    /// <summary>Refuses unless the list waits for the supervisor's review.</summary>
    public void EnsureUnderReview()
    {
        if (State != AidRoundState.Submitted)
        {
            throw AppException.Conflict($"名单当前为“{State.ToChinese()}”，不在待审核状态");
        }
    }

    /// <summary>
    /// Refuses a decision on lines after the approval deadline unless the province reopened the term until
    /// <paramref name="reopenedUntil"/> (today or later).
    /// </summary>
    public void EnsureWithinDeadline(DateOnly today, DateOnly? reopenedUntil)
    {
        if (ApprovalClosedReason(today, reopenedUntil) is { } reason)
        {
            throw AppException.Conflict(reason);
        }
    }

    /// <summary>
    /// Why approving or rejecting lines is closed on <paramref name="today"/> (the deadline passed and no reopening of the
    /// province covers today), in Chinese; null while it is open. Pages show it before anyone clicks.
    /// </summary>
    public string? ApprovalClosedReason(DateOnly today, DateOnly? reopenedUntil) =>
        today > ApprovalDeadline && (reopenedUntil is not { } until || until < today)
            ? $"{Term}的审批截止日期 {ChinaTime.Iso(ApprovalDeadline)} 已过，须由省级人力资源社会保障部门重新开放审批后才能审核"
            : null;

    /// <summary>The school's declared number of qualifying students (AID-7).</summary>
    public void Declare(int count)
    {
        if (count is < 0 or > 1_000_000)
        {
            throw AppException.Invalid("declaredEligibleCount", "申报的符合条件人数应为 0 至 1,000,000 之间的整数");
        }

        DeclaredEligibleCount = count;
        Version++;
    }

    /// <summary>Publishes an editable list inside the school from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public void Publish(DateOnly from, DateOnly to, string by, DateTime atUtc)
    {
        EnsureEditable();
        if (to < from)
        {
            throw AppException.Invalid("to", "公示结束日期不能早于开始日期");
        }

        PublishedFrom = from;
        PublishedTo = to;
        PublishedBy = by;
        PublishedAtUtc = atUtc;
        State = AidRoundState.Published;
        Version++;
    }

    /// <summary>Refuses unless the list is published and its publication ended before <paramref name="today"/>.</summary>
    public void EnsureSubmittable(DateOnly today)
    {
        if (State != AidRoundState.Published)
        {
            throw AppException.Conflict(IsEditable ? "名单须先在校内公示，公示期满后才能报送" : $"名单当前为“{State.ToChinese()}”，不能报送");
        }

        if (today <= PublishedTo)
        {
            throw AppException.Conflict($"公示期至 {ChinaTime.Iso(PublishedTo!.Value)} 结束，公示期满后才能报送");
        }
    }

    /// <summary>Submits the published list once its publication has ended (the day in China at <paramref name="atUtc"/> after its last day).</summary>
    public void Submit(string by, DateTime atUtc)
    {
        EnsureSubmittable(DateOnly.FromDateTime(ChinaTime.ToChina(atUtc).DateTime));
        SubmittedBy = by;
        SubmittedAtUtc = atUtc;
        State = AidRoundState.Submitted;
        ReturnNote = null;
        Version++;
    }

    /// <summary>Returns the whole submitted list to the school, with the reason.</summary>
    public void Return(string note, string by, DateTime atUtc)
    {
        EnsureUnderReview();
        if (string.IsNullOrWhiteSpace(note))
        {
            throw AppException.Invalid("note", "退回时请填写退回原因");
        }

        ReturnNote = note;
        ReviewedBy = by;
        ReviewedAtUtc = atUtc;
        State = AidRoundState.Returned;
        Version++;
    }

    /// <summary>A reviewer's decision on some lines; the round is reviewed once no line is left to decide.</summary>
    public void Reviewed(bool complete, string by, DateTime atUtc)
    {
        EnsureUnderReview();
        ReviewedBy = by;
        ReviewedAtUtc = atUtc;
        if (complete)
        {
            State = AidRoundState.Reviewed;
        }

        Version++;
    }
}
