using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Aid.Contracts;

namespace TechSchoolAid.Modules.Aid.Rounds;

/// <summary>Where a school's list for one item and term stands (AID-5). Numbers are stored: never renumber.</summary>
public enum AidRoundState
{
    Draft = 1,     // 拟定中
    Published = 2, // 校内公示
    Submitted = 3, // 已报送，待审核
    Returned = 4,  // 已退回
    Reviewed = 5,  // 审核完成
}

/// <summary>One student's line in a round. Numbers are stored: never renumber.</summary>
public enum AidEntryState
{
    Proposed = 1, // 拟资助
    Approved = 2, // 审核通过
    Rejected = 3, // 审核不通过
    Withdrawn = 4, // 学校撤出名单（异议成立等）
}

public static class AidRoundTexts
{
    public static string ToChinese(this AidRoundState s) => s switch
    {
        AidRoundState.Draft => "拟定中",
        AidRoundState.Published => "校内公示",
        AidRoundState.Submitted => "待审核",
        AidRoundState.Returned => "已退回",
        _ => "审核完成",
    };

    public static string ToChinese(this AidEntryState s) => s switch
    {
        AidEntryState.Proposed => "拟资助",
        AidEntryState.Approved => "审核通过",
        AidEntryState.Rejected => "审核不通过",
        _ => "已撤出",
    };
}

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

    public void Declare(int count)
    {
        DeclaredEligibleCount = count;
        Version++;
    }

    public void Publish(DateOnly from, DateOnly to, string by, DateTime atUtc)
    {
        PublishedFrom = from;
        PublishedTo = to;
        PublishedBy = by;
        PublishedAtUtc = atUtc;
        State = AidRoundState.Published;
        Version++;
    }

    public void Submit(string by, DateTime atUtc)
    {
        SubmittedBy = by;
        SubmittedAtUtc = atUtc;
        State = AidRoundState.Submitted;
        ReturnNote = null;
        Version++;
    }

    public void Return(string note, string by, DateTime atUtc)
    {
        ReturnNote = note;
        ReviewedBy = by;
        ReviewedAtUtc = atUtc;
        State = AidRoundState.Returned;
        Version++;
    }

    /// <summary>A reviewer's decision on some lines; the round is reviewed once no line is left to decide.</summary>
    public void Reviewed(bool complete, string by, DateTime atUtc)
    {
        ReviewedBy = by;
        ReviewedAtUtc = atUtc;
        if (complete)
        {
            State = AidRoundState.Reviewed;
        }

        Version++;
    }
}

/// <summary>
/// One student on a round's list. <see cref="PersonKey"/> (the blind index of the ID number) with item and term is unique
/// among approved lines everywhere: a person is approved once per item and term in the whole system.
/// </summary>
public sealed class AidEntry : IScoped
{
    private AidEntry()
    {
    }

    public AidEntry(Guid id, AidRound round, Guid studentId, string personKey, string name, string className, string idNumberMasked, int grade,
        long yearAmountFen, string basis, string by, DateTime atUtc)
    {
        Id = id;
        RoundId = round.Id;
        SchoolId = round.SchoolId;
        ScopePath = round.ScopePath;
        SchoolYear = round.SchoolYear;
        Semester = round.Semester;
        Item = round.Item;
        StudentId = studentId;
        PersonKey = personKey;
        StudentName = name;
        ClassName = className;
        IdNumberMasked = idNumberMasked;
        Grade = grade;
        YearAmountFen = yearAmountFen;
        AmountFen = yearAmountFen / 2;
        Basis = basis;
        State = AidEntryState.Proposed;
        CollectedBy = by;
        CollectedAtUtc = atUtc;
    }

    public Guid Id { get; private set; }

    public Guid RoundId { get; private set; }

    public int SchoolId { get; private set; }

    public string ScopePath { get; private set; } = "";

    public int SchoolYear { get; private set; }

    public Semester Semester { get; private set; }

    public AidItem Item { get; private set; }

    public Guid StudentId { get; private set; }

    public string PersonKey { get; private set; } = "";

    public string StudentName { get; private set; } = "";

    public string ClassName { get; private set; } = "";

    public string IdNumberMasked { get; private set; } = "";

    public int Grade { get; private set; }

    /// <summary>Grant: the tier (per year); waiver: the tuition (per year). In fen.</summary>
    public long YearAmountFen { get; private set; }

    /// <summary>This term's amount: half the yearly one. In fen.</summary>
    public long AmountFen { get; private set; }

    /// <summary>Why the student qualifies, as explained when the line was added.</summary>
    public string Basis { get; private set; } = "";

    public AidEntryState State { get; private set; }

    public string CollectedBy { get; private set; } = "";

    public DateTime CollectedAtUtc { get; private set; }

    public string? ObjectionText { get; private set; }

    public DateOnly? ObjectionRaisedOn { get; private set; }

    public DateOnly? ObjectionDueDate { get; private set; }

    public string? ObjectionRecordedBy { get; private set; }

    public string? ObjectionAnswer { get; private set; }

    public string? ObjectionAnsweredBy { get; private set; }

    public DateTime? ObjectionAnsweredAtUtc { get; private set; }

    public string? ReviewedBy { get; private set; }

    public DateTime? ReviewedAtUtc { get; private set; }

    public string? ReviewNote { get; private set; }

    public string? WithdrawnBy { get; private set; }

    public DateTime? WithdrawnAtUtc { get; private set; }

    public string? WithdrawnReason { get; private set; }

    public int Version { get; private set; }

    public bool HasOpenObjection => ObjectionText is not null && ObjectionAnswer is null;

    public void SetYearAmount(long fen)
    {
        YearAmountFen = fen;
        AmountFen = fen / 2;
        Version++;
    }

    public void Object(string text, DateOnly raisedOn, DateOnly due, string by)
    {
        if (HasOpenObjection)
        {
            throw AppException.Conflict($"{StudentName} 已有未答复的异议，请先答复");
        }

        ObjectionText = text;
        ObjectionRaisedOn = raisedOn;
        ObjectionDueDate = due;
        ObjectionRecordedBy = by;
        ObjectionAnswer = null;
        ObjectionAnsweredBy = null;
        ObjectionAnsweredAtUtc = null;
        Version++;
    }

    public void Answer(string answer, string by, DateTime atUtc)
    {
        ObjectionAnswer = answer;
        ObjectionAnsweredBy = by;
        ObjectionAnsweredAtUtc = atUtc;
        Version++;
    }

    public void Withdraw(string reason, string by, DateTime atUtc)
    {
        State = AidEntryState.Withdrawn;
        WithdrawnReason = reason;
        WithdrawnBy = by;
        WithdrawnAtUtc = atUtc;
        Version++;
    }

    /// <summary>A withdrawn line taken back onto the list (the history of the withdrawal stays in the audit).</summary>
    public void Repropose(long yearAmountFen, string basis, int grade, string by, DateTime atUtc)
    {
        State = AidEntryState.Proposed;
        YearAmountFen = yearAmountFen;
        AmountFen = yearAmountFen / 2;
        Basis = basis;
        Grade = grade;
        CollectedBy = by;
        CollectedAtUtc = atUtc;
        WithdrawnBy = null;
        WithdrawnAtUtc = null;
        WithdrawnReason = null;
        Version++;
    }

    public void Review(bool approve, string? note, string by, DateTime atUtc)
    {
        State = approve ? AidEntryState.Approved : AidEntryState.Rejected;
        ReviewNote = note;
        ReviewedBy = by;
        ReviewedAtUtc = atUtc;
        Version++;
    }
}

/// <summary>
/// The province's reopening of the approval deadline for one term (AID-5): reviews in the province may be completed until
/// <see cref="Until"/>. Recorded with the reason, who and when.
/// </summary>
public sealed class AidDeadlineReopening : IScoped
{
    private AidDeadlineReopening()
    {
    }

    public AidDeadlineReopening(Guid id, string provinceCode, string scopePath, AidTerm term, DateOnly until, string reason, string by, DateTime atUtc)
    {
        Id = id;
        ProvinceCode = provinceCode;
        ScopePath = scopePath;
        SchoolYear = term.SchoolYear;
        Semester = term.Semester;
        Until = until;
        Reason = reason;
        CreatedBy = by;
        CreatedAtUtc = atUtc;
    }

    public Guid Id { get; private set; }

    public string ProvinceCode { get; private set; } = "";

    public string ScopePath { get; private set; } = "";

    public int SchoolYear { get; private set; }

    public Semester Semester { get; private set; }

    public DateOnly Until { get; private set; }

    public string Reason { get; private set; } = "";

    public string CreatedBy { get; private set; } = "";

    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>The latest day the province reopened the round's term until, or null. A national rule: read past the scope filter.</summary>
    public static Task<DateOnly?> ReopenedUntilAsync(TsaDbContext db, AidRound round, CancellationToken ct)
    {
        var province = round.ProvinceCode;
        return db.Set<AidDeadlineReopening>().IgnoreQueryFilters().AsNoTracking()
            .Where(x => x.ProvinceCode == province && x.SchoolYear == round.SchoolYear && x.Semester == round.Semester)
            .MaxAsync(x => (DateOnly?)x.Until, ct);
    }
}
