using TechSchoolAid.Modules.Aid.Contracts;

namespace TechSchoolAid.Modules.Aid.Hardship.Contracts;

/// <summary>A student's application (also a semester's re-assessment). Everything optional so the handler says what is missing.</summary>
public sealed class HardshipApplicationInput
{
    /// <summary>The school year by its first calendar year (2026 = 2026-2027).</summary>
    public int? SchoolYear { get; set; }

    public Semester? Semester { get; set; }

    public string? FamilySituation { get; set; }

    public List<PriorityGroups>? PriorityGroups { get; set; }

    public List<WatchGroups>? WatchGroups { get; set; }

    /// <summary>The student's signed personal commitment (个人承诺): required.</summary>
    public bool? CommitmentSigned { get; set; }

    public DateOnly? CommitmentSignedOn { get; set; }
}

public sealed class HardshipPanelInput
{
    public List<string>? Members { get; set; }

    public DateOnly? ReviewedOn { get; set; }

    public string? Opinion { get; set; }
}

public sealed class HardshipDecisionInput
{
    public HardshipLevel? Level { get; set; }

    public string? Note { get; set; }
}

public sealed class HardshipPublicationInput
{
    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }
}

public sealed class HardshipObjectionInput
{
    public string? Text { get; set; }

    /// <summary>The day the objection was received; today when omitted.</summary>
    public DateOnly? RaisedOn { get; set; }
}

public sealed class HardshipAnswerInput
{
    public string? Answer { get; set; }

    /// <summary>
    /// The review found the objection right (异议成立): the level stops counting for aid until the school decides again and
    /// publishes the new decision. Omitted or false: the objection is not upheld and the level stands.
    /// </summary>
    public bool? Upheld { get; set; }
}

/// <summary>The year's advance notice (提前告知, 教财〔2018〕16号 四（一）). Everything optional so the handler says what is missing.</summary>
public sealed class HardshipNoticeInput
{
    /// <summary>The school year by its first calendar year (2026 = 2026-2027).</summary>
    public int? SchoolYear { get; set; }

    /// <summary>What is identified and how (工作事项).</summary>
    public string? Content { get; set; }

    /// <summary>Who may apply (申请对象).</summary>
    public string? WhoMayApply { get; set; }

    /// <summary>The documents to bring (所需材料).</summary>
    public string? Documents { get; set; }

    public DateOnly? ApplyFrom { get; set; }

    public DateOnly? ApplyTo { get; set; }
}

public sealed record HardshipNoticeView(
    Guid Id, string SchoolCode, int SchoolYear, string SchoolYearText, string Content, string WhoMayApply, string Documents, DateOnly ApplyFrom,
    DateOnly ApplyTo, DateOnly PublishedOn, string PublishedBy, DateTime PublishedAtUtc, bool ApplicationsOpen);

/// <summary>
/// The hardship levels that count for aid (issue 11 item 9): what the eligibility rules read. A level counts only after its
/// publication ended without an objection open or upheld (教财〔2018〕16号 四（五）公示、（六）建档).
/// </summary>
public interface IHardshipStanding
{
    /// <summary>
    /// Each student's counting level for the school year (the latest version whose level counts), for the given students
    /// or, when <paramref name="studentIds"/> is null, every student of <paramref name="schoolId"/>.
    /// </summary>
    Task<Dictionary<Guid, HardshipLevel>> CountingLevelsAsync(IReadOnlyCollection<Guid>? studentIds, int? schoolId, int schoolYear, CancellationToken ct);
}

public sealed class HardshipFilter
{
    public string? SchoolCode { get; set; }

    public int? SchoolYear { get; set; }

    public HardshipLevel? Level { get; set; }

    public HardshipState? State { get; set; }

    /// <summary>One class of the school (exact name, as the class picker lists it).</summary>
    public string? ClassName { get; set; }

    public bool? PriorityOnly { get; set; }

    /// <summary>Superseded versions too (the history).</summary>
    public bool? IncludeHistory { get; set; }
}

/// <summary>A row of the staff list: no family situation.</summary>
public sealed record HardshipRow(
    Guid Id, Guid StudentId, string SchoolCode, string StudentName, string ClassName, int SchoolYear, Semester Semester, int Version,
    HardshipState State, string StateText, HardshipLevel? Level, string? LevelText, IReadOnlyList<string> PriorityGroups,
    IReadOnlyList<string> WatchGroups, DateOnly? PublishedTo, bool HasOpenObjection, DateOnly? ObjectionDueDate, bool IsCurrent,
    bool ObjectionUpheld, bool CountsForAid, int RowVersion);

/// <summary>
/// One version in full with who did what and when (AID-6). <see cref="FamilySituation"/>, the panel's opinion, the
/// decision's note and the objection with its answer only for the school's aid staff (each such view is audited); null
/// for everyone else. <see cref="Actions"/> names the <see cref="HardshipAccess"/> rules the caller passes on it.
/// </summary>
public sealed record HardshipDetail(
    HardshipRow Row,
    string? FamilySituation,
    bool CommitmentSigned,
    DateOnly CommitmentSignedOn,
    string AppliedBy, DateTime AppliedAtUtc,
    IReadOnlyList<string> PanelMembers, DateOnly? PanelReviewedOn, string? PanelOpinion, string? PanelRecordedBy, DateTime? PanelRecordedAtUtc,
    string? DecisionNote, string? DecidedBy, DateTime? DecidedAtUtc,
    DateOnly? PublishedFrom, string? PublishedBy, DateTime? PublishedAtUtc,
    string? ObjectionText, DateOnly? ObjectionRaisedOn, string? ObjectionRecordedBy, string? ObjectionAnswer, string? ObjectionAnsweredBy,
    DateTime? ObjectionAnsweredAtUtc, bool ObjectionAnsweredLate, bool ObjectionUpheld,
    string? ArchivedBy, DateTime? ArchivedAtUtc, string? SupersededBy, DateTime? SupersededAtUtc, Guid? PreviousId,
    IReadOnlyList<string> Actions);

/// <summary>The public list during publication: name, class and level only (never ID number, family situation, groups).</summary>
public sealed record HardshipPublicEntry(string Name, string ClassName, string Level, DateOnly PublishedFrom, DateOnly PublishedTo);

public sealed record HardshipStudentChoice(Guid Id, string Name, string ClassName);
