using System.Text.Json.Serialization;
using TechSchoolAid.Modules.Aid.Contracts;

namespace TechSchoolAid.Modules.Aid.Rounds.Contracts;

public sealed class AidRoundFilter
{
    public string? SchoolCode { get; set; }

    public int? SchoolYear { get; set; }

    public Semester? Semester { get; set; }

    public AidItem? Item { get; set; }

    public AidRoundState? State { get; set; }

    /// <summary>Only lists waiting for the caller's review.</summary>
    public bool? WaitingForMe { get; set; }

    public int? Page { get; set; }

    public int? PageSize { get; set; }
}

public sealed class AidEntryFilter
{
    public AidEntryState? State { get; set; }

    public string? ClassName { get; set; }

    /// <summary>Part of the student's name.</summary>
    public string? Name { get; set; }

    public bool? OpenObjection { get; set; }

    public int? Page { get; set; }

    public int? PageSize { get; set; }
}

/// <summary>
/// A list as the lists and the to-do panel show it: counts and sums per state, the deadline and whether it is late;
/// <see cref="ReopenedUntil"/>: for a late list, the day the province's reopening in force keeps its review open until.
/// </summary>
public sealed record AidRoundRow(
    Guid Id, string SchoolCode, string SchoolName, int SchoolYear, Semester Semester, string Term, AidItem Item, string ItemText,
    AidRoundState State, string StateText, DateOnly ApprovalDeadline, bool IsLate, bool IsAtRisk,
    int Proposed, int Approved, int Rejected, int Withdrawn, int OpenObjections, long ApprovedAmountFen, int DeclaredEligibleCount,
    DateOnly? PublishedFrom, DateOnly? PublishedTo, DateOnly? ReopenedUntil = null);

/// <summary>
/// A list in full with who did each step and when (AID-6), and what the caller may do with it now: <see cref="Actions"/>
/// names the rules of <c>AidRoundAccess</c> the caller passes on this list ("manage", "review", "export"); the Can* flags
/// add the list's state to them. <see cref="ApprovalClosed"/>: why approving and rejecting are closed today (the
/// approval deadline passed and the province has not reopened it), so the reviewer reads it before clicking.
/// </summary>
public sealed record AidRoundDetail(
    AidRoundRow Row,
    string CreatedBy, DateTime CreatedAtUtc,
    string? PublishedBy, DateTime? PublishedAtUtc,
    string? SubmittedBy, DateTime? SubmittedAtUtc,
    string? ReviewedBy, DateTime? ReviewedAtUtc, string? ReturnNote,
    IReadOnlyList<long> Tiers, int PublicationWorkingDays, long ProposedAmountFen,
    bool CanEdit, bool CanPublish, bool CanSubmit, bool CanReview, DateOnly? ReopenedUntil,
    IReadOnlyList<string> Actions, string? ApprovalClosed = null)
{
    /// <summary>The caller is the list's own school's aid staff.</summary>
    [JsonIgnore]
    public bool IsOwnStaff => Actions.Contains(AidRoundActions.Manage);

    /// <summary>The caller may export the list.</summary>
    [JsonIgnore]
    public bool CanExport => Actions.Contains(AidRoundActions.Export);
}

/// <summary>The names of the actions a list's detail carries in <see cref="AidRoundDetail.Actions"/>.</summary>
public static class AidRoundActions
{
    public const string Manage = "manage";
    public const string Review = "review";
    public const string Export = "export";
    public const string ReopenDeadline = "reopen-deadline";
}

/// <summary>
/// One line with who collected and reviewed it and when (AID-6), and its <see cref="Version"/>: a decision on the line
/// sends it back as <c>If-Match: "version"</c> (ADR 0015), so two clerks acting on the same line cannot overwrite each other.
/// <see cref="ApprovedLate"/>: approved after its list's <see cref="ApprovalDeadline"/> (China time; only through a
/// province's reopening), marked wherever the line is shown.
/// </summary>
public sealed record AidEntryRow(
    Guid Id, Guid RoundId, Guid StudentId, string StudentName, string ClassName, string IdNumberMasked, int Grade,
    long YearAmountFen, long AmountFen, string Basis, AidEntryState State, string StateText,
    string CollectedBy, DateTime CollectedAtUtc,
    string? ObjectionText, DateOnly? ObjectionRaisedOn, DateOnly? ObjectionDueDate, string? ObjectionAnswer, string? ObjectionAnsweredBy,
    string? ReviewedBy, DateTime? ReviewedAtUtc, string? ReviewNote, string? WithdrawnReason, int Version,
    DateOnly? ApprovalDeadline = null, bool ApprovedLate = false);

/// <summary>The public list during publication: name, class, aid item and tier only.</summary>
public sealed record AidPublicEntry(string Name, string ClassName, string Item, string Tier, DateOnly PublishedFrom, DateOnly PublishedTo);

/// <summary>A student's aid lines over the terms, with who collected, submitted and reviewed each (AID-6).</summary>
public sealed record StudentAidRecord(
    Guid EntryId, Guid RoundId, string Term, AidItem Item, string ItemText, long AmountFen, AidEntryState State, string StateText,
    string SchoolName, string CollectedBy, DateTime CollectedAtUtc, string? SubmittedBy, DateTime? SubmittedAtUtc,
    string? ReviewedBy, DateTime? ReviewedAtUtc, string? ReviewNote,
    DateOnly? ApprovalDeadline = null, bool ApprovedLate = false);

/// <summary>A student the school may try to add to a list (eligibility is checked, with reasons, when added).</summary>
public sealed record AidCandidate(Guid StudentId, string Name, string ClassName, string IdNumberMasked, bool WasWithdrawn);

/// <summary>What a review did: lines approved and rejected, lines left undecided, and the list's state after it.</summary>
public sealed record AidReviewResult(Guid RoundId, int Approved, int Rejected, int Undecided, AidRoundState State);
