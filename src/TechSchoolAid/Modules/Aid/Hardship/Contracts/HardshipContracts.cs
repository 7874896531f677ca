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
}

public sealed class HardshipFilter
{
    public string? SchoolCode { get; set; }

    public int? SchoolYear { get; set; }

    public HardshipLevel? Level { get; set; }

    public HardshipState? State { get; set; }

    public bool? PriorityOnly { get; set; }

    /// <summary>Superseded versions too (the history).</summary>
    public bool? IncludeHistory { get; set; }
}

/// <summary>A row of the staff list: no family situation.</summary>
public sealed record HardshipRow(
    Guid Id, Guid StudentId, string SchoolCode, string StudentName, string ClassName, int SchoolYear, Semester Semester, int Version,
    HardshipState State, string StateText, HardshipLevel? Level, string? LevelText, IReadOnlyList<string> PriorityGroups,
    IReadOnlyList<string> WatchGroups, DateOnly? PublishedTo, bool HasOpenObjection, DateOnly? ObjectionDueDate, bool IsCurrent);

/// <summary>
/// One version in full with who did what and when (AID-6). <see cref="FamilySituation"/> only for the school's aid staff;
/// null for everyone else. <see cref="Actions"/> names the <see cref="HardshipAccess"/> rules the caller passes on it.
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
    DateTime? ObjectionAnsweredAtUtc, bool ObjectionAnsweredLate,
    string? ArchivedBy, DateTime? ArchivedAtUtc, string? SupersededBy, DateTime? SupersededAtUtc, Guid? PreviousId,
    IReadOnlyList<string> Actions);

/// <summary>The public list during publication: name, class and level only (never ID number, family situation, groups).</summary>
public sealed record HardshipPublicEntry(string Name, string ClassName, string Level, DateOnly PublishedFrom, DateOnly PublishedTo);

public sealed record HardshipStudentChoice(Guid Id, string Name, string ClassName);
