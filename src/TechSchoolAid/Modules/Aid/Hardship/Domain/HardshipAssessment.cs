using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Contracts;

namespace TechSchoolAid.Modules.Aid.Hardship.Domain;

/// <summary>
/// One version of a student's hardship identification for a school year (AID-1). A semester's re-assessment supersedes
/// the current version with a new one; superseded versions are kept as history. The family situation is sensitive: it
/// never leaves through the publication list, and it is stored encrypted (SEC-1) together with the panel's opinion, the
/// decision's note and the objection and its answer (<see cref="Kernel.Security.PersonalDataProtector"/>; the handlers
/// seal and open them, every view is audited).
/// </summary>
public sealed class HardshipAssessment : IScoped
{
    private HardshipAssessment()
    {
    }

    public HardshipAssessment(
        Guid id, Guid studentId, int schoolId, string schoolCode, string scopePath, string studentName, string className,
        int schoolYear, Semester semester, int version, Guid? previousId, byte[] familySituationCipher, PriorityGroups priority,
        WatchGroups watch, DateOnly commitmentSignedOn, string by, DateTime atUtc)
    {
        Id = id;
        StudentId = studentId;
        SchoolId = schoolId;
        SchoolCode = schoolCode;
        ScopePath = scopePath;
        StudentName = studentName;
        ClassName = className;
        SchoolYear = schoolYear;
        Semester = semester;
        Version = version;
        PreviousId = previousId;
        FamilySituationCipher = familySituationCipher;
        PriorityGroups = priority;
        WatchGroups = watch;
        CommitmentSigned = true;
        CommitmentSignedOn = commitmentSignedOn;
        State = HardshipState.Applied;
        AppliedBy = by;
        AppliedAtUtc = atUtc;
    }

    public Guid Id { get; private set; }

    public Guid StudentId { get; private set; }

    public int SchoolId { get; private set; }

    public string SchoolCode { get; private set; } = "";

    public string ScopePath { get; private set; } = "";

    public string StudentName { get; private set; } = "";

    public string ClassName { get; private set; } = "";

    /// <summary>The school year by its first calendar year: 2026 is 2026-2027.</summary>
    public int SchoolYear { get; private set; }

    public Semester Semester { get; private set; }

    /// <summary>1 for the year's first identification, then one more per re-assessment.</summary>
    public int Version { get; private set; }

    public Guid? PreviousId { get; private set; }

    /// <summary>The family situation (income, members, reasons, special circumstances), encrypted (SEC-1).</summary>
    public byte[] FamilySituationCipher { get; private set; } = [];

    public PriorityGroups PriorityGroups { get; private set; }

    public WatchGroups WatchGroups { get; private set; }

    public bool CommitmentSigned { get; private set; }

    public DateOnly CommitmentSignedOn { get; private set; }

    public HardshipState State { get; private set; }

    public string AppliedBy { get; private set; } = "";

    public DateTime AppliedAtUtc { get; private set; }

    public string? PanelMembers { get; private set; }

    public DateOnly? PanelReviewedOn { get; private set; }

    /// <summary>The class panel's opinion, encrypted (it discusses the family).</summary>
    public byte[]? PanelOpinionCipher { get; private set; }

    public string? PanelRecordedBy { get; private set; }

    public DateTime? PanelRecordedAtUtc { get; private set; }

    public HardshipLevel? Level { get; private set; }

    /// <summary>The decision's note, encrypted.</summary>
    public byte[]? DecisionNoteCipher { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTime? DecidedAtUtc { get; private set; }

    public DateOnly? PublishedFrom { get; private set; }

    public DateOnly? PublishedTo { get; private set; }

    public string? PublishedBy { get; private set; }

    public DateTime? PublishedAtUtc { get; private set; }

    /// <summary>The objection's text, encrypted.</summary>
    public byte[]? ObjectionTextCipher { get; private set; }

    public DateOnly? ObjectionRaisedOn { get; private set; }

    public DateOnly? ObjectionDueDate { get; private set; }

    public string? ObjectionRecordedBy { get; private set; }

    /// <summary>The school's answer, encrypted.</summary>
    public byte[]? ObjectionAnswerCipher { get; private set; }

    /// <summary>
    /// The school's review found the objection right (异议成立): the level no longer counts and the school decides again
    /// (教财〔2018〕16号 四（五）公示: 有异议的 … 学校应及时复核；复核后调整的，重新公示).
    /// </summary>
    public bool ObjectionUpheld { get; private set; }

    public string? ObjectionAnsweredBy { get; private set; }

    public DateTime? ObjectionAnsweredAtUtc { get; private set; }

    public bool ObjectionAnsweredLate { get; private set; }

    public string? ArchivedBy { get; private set; }

    public DateTime? ArchivedAtUtc { get; private set; }

    /// <summary>Set when a later version replaces this one; null on the current version (one per student and year).</summary>
    public DateTime? SupersededAtUtc { get; private set; }

    public string? SupersededBy { get; private set; }

    public int RowVersion { get; private set; }

    public bool IsCurrent => SupersededAtUtc is null;

    public bool HasOpenObjection => ObjectionRaisedOn is not null && ObjectionAnsweredAtUtc is null;

    /// <summary>
    /// Whether a version's level counts for aid on <paramref name="today"/> (issue 11 item 9; 教财〔2018〕16号 四: 公示 → 建档):
    /// archived, or published with the period over and no objection open or upheld. A level being published, one with an
    /// objection not yet answered, and one whose objection was upheld and not decided again does not count.
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<HardshipAssessment, bool>> CountsForAid(DateOnly today) => a =>
        a.Level != null && !a.ObjectionUpheld && (a.ObjectionRaisedOn == null || a.ObjectionAnsweredAtUtc != null)
        && (a.State == HardshipState.Archived || (a.State == HardshipState.Published && a.PublishedTo < today));

    /// <summary><see cref="CountsForAid"/> for one loaded version.</summary>
    public bool CountsForAidOn(DateOnly today) =>
        Level is not null && !ObjectionUpheld && !HasOpenObjection
        && (State == HardshipState.Archived || (State == HardshipState.Published && PublishedTo < today));

    public bool IsPriority => PriorityGroups != PriorityGroups.None;

    /// <summary>Refuses any step on a version a re-assessment has replaced.</summary>
    public void RequireCurrent()
    {
        if (!IsCurrent)
        {
            throw AppException.Conflict("这是已被替代的历史版本，不能再办理");
        }
    }

    /// <summary>Whether the class panel may be recorded now (the handler asks before it checks the form, the step asks again).</summary>
    public void GuardPanel()
    {
        RequireCurrent();
        RequireState(HardshipState.Applied, "记录班级评议");
    }

    public void RecordPanel(string members, DateOnly reviewedOn, byte[]? opinionCipher, string by, DateTime atUtc)
    {
        GuardPanel();
        PanelMembers = members;
        PanelReviewedOn = reviewedOn;
        PanelOpinionCipher = opinionCipher;
        PanelRecordedBy = by;
        PanelRecordedAtUtc = atUtc;
        State = HardshipState.PanelReviewed;
        RowVersion++;
    }

    /// <summary>True when the decision is taken again after an upheld objection (the version is published, the objection upheld).</summary>
    public bool IsRedecision => State == HardshipState.Published && ObjectionUpheld;

    /// <summary>The school decides only after the class panel, and again after an upheld objection.</summary>
    public void GuardDecide()
    {
        RequireCurrent();
        if (State == HardshipState.Applied)
        {
            throw AppException.Conflict("尚未经班级认定评议小组评议，不能作出学校认定");
        }

        if (IsRedecision)
        {
            return;
        }

        RequireState(HardshipState.PanelReviewed, "作出学校认定");
    }

    /// <summary>
    /// The school's decision. After an upheld objection it replaces the published one: the publication and the objection
    /// are cleared (the audit chain keeps them) and the new decision is published again.
    /// </summary>
    public void Decide(HardshipLevel level, byte[]? noteCipher, string by, DateTime atUtc)
    {
        GuardDecide();
        if (IsRedecision)
        {
            PublishedFrom = null;
            PublishedTo = null;
            PublishedBy = null;
            PublishedAtUtc = null;
            ObjectionTextCipher = null;
            ObjectionRaisedOn = null;
            ObjectionDueDate = null;
            ObjectionRecordedBy = null;
            ObjectionAnswerCipher = null;
            ObjectionAnsweredBy = null;
            ObjectionAnsweredAtUtc = null;
            ObjectionAnsweredLate = false;
            ObjectionUpheld = false;
        }

        Level = level;
        DecisionNoteCipher = noteCipher;
        DecidedBy = by;
        DecidedAtUtc = atUtc;
        State = HardshipState.Decided;
        RowVersion++;
    }

    public void GuardPublish()
    {
        RequireCurrent();
        RequireState(HardshipState.Decided, "公示");
    }

    /// <summary>Publishes for the given dates; the caller has checked them against the policy's working days.</summary>
    public void Publish(DateOnly from, DateOnly to, string by, DateTime atUtc)
    {
        GuardPublish();
        PublishedFrom = from;
        PublishedTo = to;
        PublishedBy = by;
        PublishedAtUtc = atUtc;
        State = HardshipState.Published;
        RowVersion++;
    }

    /// <summary>An objection is received during the publication period, once.</summary>
    public void GuardObjection(DateOnly raisedOn, DateOnly today)
    {
        RequireCurrent();
        if (PublishedTo is { } end && raisedOn > end)
        {
            throw AppException.Conflict($"公示期已于 {ChinaTime.Iso(end)} 结束，不能再提出异议");
        }

        RequireState(HardshipState.Published, "登记异议");
        if (raisedOn > today)
        {
            throw AppException.Invalid("raisedOn", "异议提出日期不能晚于今天");
        }

        if (raisedOn < PublishedFrom!.Value)
        {
            throw AppException.Conflict($"公示期自 {ChinaTime.Iso(PublishedFrom.Value)} 开始，此前不能提出异议");
        }

        if (ObjectionRaisedOn is not null)
        {
            throw AppException.Conflict("该认定已登记过异议");
        }
    }

    public void RaiseObjection(byte[] textCipher, DateOnly raisedOn, DateOnly dueDate, string by, DateOnly today)
    {
        GuardObjection(raisedOn, today);
        ObjectionTextCipher = textCipher;
        ObjectionRaisedOn = raisedOn;
        ObjectionDueDate = dueDate;
        ObjectionRecordedBy = by;
        RowVersion++;
    }

    public void GuardAnswer()
    {
        RequireCurrent();
        if (!HasOpenObjection)
        {
            throw AppException.Conflict("该认定没有待答复的异议");
        }
    }

    public void AnswerObjection(byte[] answerCipher, bool upheld, string by, DateTime atUtc, DateOnly today)
    {
        GuardAnswer();
        ObjectionAnswerCipher = answerCipher;
        ObjectionUpheld = upheld;
        ObjectionAnsweredBy = by;
        ObjectionAnsweredAtUtc = atUtc;
        ObjectionAnsweredLate = ObjectionDueDate is { } due && today > due;
        RowVersion++;
    }

    /// <summary>Archiving waits for the end of the publication period (<paramref name="today"/> after it) and an answer to any objection.</summary>
    public void GuardArchive(DateOnly today)
    {
        RequireCurrent();
        RequireState(HardshipState.Published, "归档");
        if (today <= PublishedTo!.Value)
        {
            throw AppException.Conflict($"公示期至 {ChinaTime.Iso(PublishedTo.Value)} 结束，结束后才能归档");
        }

        RequireAnswered();
    }

    /// <summary>
    /// Archives a published version whose objection, if any, is answered. The end of the period is checked by
    /// <see cref="GuardArchive"/>, which the handler calls with today's date; the demo data archives past history directly.
    /// </summary>
    public void Archive(string by, DateTime atUtc)
    {
        RequireCurrent();
        RequireState(HardshipState.Published, "归档");
        RequireAnswered();
        ArchivedBy = by;
        ArchivedAtUtc = atUtc;
        State = HardshipState.Archived;
        RowVersion++;
    }

    private void RequireAnswered()
    {
        if (HasOpenObjection)
        {
            throw AppException.Conflict("异议尚未答复，答复后才能归档");
        }

        if (ObjectionUpheld)
        {
            throw AppException.Conflict("异议经复核成立，须重新作出学校认定并重新公示后才能归档");
        }
    }

    /// <summary>Re-encrypts every sensitive field with <paramref name="reseal"/> (key rotation); true if anything changed.</summary>
    public bool RotateProtection(Func<byte[], byte[]?> reseal)
    {
        var changed = false;
        byte[]? Apply(byte[]? cipher)
        {
            if (cipher is null || reseal(cipher) is not { } next)
            {
                return cipher;
            }

            changed = true;
            return next;
        }

        FamilySituationCipher = Apply(FamilySituationCipher)!;
        PanelOpinionCipher = Apply(PanelOpinionCipher);
        DecisionNoteCipher = Apply(DecisionNoteCipher);
        ObjectionTextCipher = Apply(ObjectionTextCipher);
        ObjectionAnswerCipher = Apply(ObjectionAnswerCipher);
        if (changed)
        {
            RowVersion++;
        }

        return changed;
    }

    /// <summary>A semester's re-assessment replaces the current, archived version.</summary>
    public void GuardReassess()
    {
        if (!IsCurrent)
        {
            throw AppException.Conflict("这是已被替代的历史版本，请对当前版本重新认定");
        }

        if (State != HardshipState.Archived)
        {
            throw AppException.Conflict($"当前认定状态为“{State.ToChinese()}”，归档后才能在学期中重新认定");
        }
    }

    public void Supersede(string by, DateTime atUtc)
    {
        GuardReassess();
        SupersededBy = by;
        SupersededAtUtc = atUtc;
        RowVersion++;
    }

    private void RequireState(HardshipState expected, string step)
    {
        if (State != expected)
        {
            throw AppException.Conflict($"当前状态为“{State.ToChinese()}”，不能{step}（应为“{expected.ToChinese()}”）");
        }
    }
}
