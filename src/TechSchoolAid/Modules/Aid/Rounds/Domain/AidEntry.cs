using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;

namespace TechSchoolAid.Modules.Aid.Rounds.Domain;

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

    /// <summary>
    /// The status change the aid officer looked at and kept the approved line for (issue 13 item 6): the date the student's
    /// status took effect. A later change (another date) flags the line again.
    /// </summary>
    public DateOnly? StatusKeptSince { get; private set; }

    public string? StatusKeptBy { get; private set; }

    public DateTime? StatusKeptAtUtc { get; private set; }

    public string? StatusKeptNote { get; private set; }

    public int Version { get; private set; }

    public bool HasOpenObjection => ObjectionText is not null && ObjectionAnswer is null;

    /// <summary>Changes the yearly amount (a grant's tier) of an undecided line.</summary>
    public void SetYearAmount(long fen)
    {
        EnsureProposed("不能调整档次");
        YearAmountFen = fen;
        AmountFen = fen / 2;
        Version++;
    }

    /// <summary>Records an objection to an undecided line; one objection at a time.</summary>
    public void Object(string text, DateOnly raisedOn, DateOnly due, string by)
    {
        EnsureProposed("不能登记异议");
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

    /// <summary>Answers the open objection; an upheld one takes the student off the list.</summary>
    public void Answer(string answer, bool upheld, string by, DateTime atUtc)
    {
        if (!HasOpenObjection)
        {
            throw AppException.Conflict($"{StudentName} 没有待答复的异议");
        }

        ObjectionAnswer = answer;
        ObjectionAnsweredBy = by;
        ObjectionAnsweredAtUtc = atUtc;
        Version++;
        if (upheld)
        {
            MarkWithdrawn($"异议成立：{answer}"[..Math.Min(500, answer.Length + 5)], by, atUtc);
        }
    }

    /// <summary>Takes an undecided student off the list, with the reason (the line is kept as withdrawn).</summary>
    public void Withdraw(string reason, string by, DateTime atUtc)
    {
        EnsureProposed("不能撤出名单");
        MarkWithdrawn(reason, by, atUtc);
    }

    /// <summary>Takes an approved line back (CHK-1/CHK-2 "withdraw here"), which frees the person for the other school.</summary>
    public void Revoke(string reason, string by, DateTime atUtc)
    {
        if (State != AidEntryState.Approved)
        {
            throw AppException.Conflict($"{StudentName} 当前为“{State.ToChinese()}”，不是审核通过的资助，不能撤销");
        }

        MarkWithdrawn(reason, by, atUtc);
    }

    /// <summary>
    /// The aid officer keeps an approved line after the student's status changed (the payments already stop by date; the
    /// line itself stands, e.g. for the months before the change), with the reason.
    /// </summary>
    public void KeepDespiteStatus(DateOnly statusSince, string note, string by, DateTime atUtc)
    {
        if (State != AidEntryState.Approved)
        {
            throw AppException.Conflict($"{StudentName} 当前为“{State.ToChinese()}”，不是审核通过的资助，无需处理学籍变动");
        }

        StatusKeptSince = statusSince;
        StatusKeptNote = note;
        StatusKeptBy = by;
        StatusKeptAtUtc = atUtc;
        Version++;
    }

    private void EnsureProposed(string refusal)
    {
        if (State != AidEntryState.Proposed)
        {
            throw AppException.Conflict($"{StudentName} 当前为“{State.ToChinese()}”，{refusal}");
        }
    }

    private void MarkWithdrawn(string reason, string by, DateTime atUtc)
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
        if (State != AidEntryState.Withdrawn)
        {
            throw AppException.Conflict($"{StudentName} 已在名单中");
        }

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

    /// <summary>The supervisor's decision on one undecided line (lists are decided in bulk by the review feature, on the same condition).</summary>
    public void Review(bool approve, string? note, string by, DateTime atUtc)
    {
        EnsureProposed("不能再次审核");
        State = approve ? AidEntryState.Approved : AidEntryState.Rejected;
        ReviewNote = note;
        ReviewedBy = by;
        ReviewedAtUtc = atUtc;
        Version++;
    }
}
