using TechSchoolAid.Modules.Aid.Contracts;

namespace TechSchoolAid.Modules.CrossCheck.Contracts;

public sealed record RejectedRowDto(long RowNumber, string Reason, string? Value);

public sealed record CrossCheckRunResult(
    Guid RunId, string Month, string? FileName, string? Encoding, long TotalRows, long ValidRows, long MalformedRows, int Matches, int NewCases,
    DateOnly DueDate, IReadOnlyList<RejectedRowDto> Rejected);

public sealed record InternalRunInput(string? Month);

public sealed record InternalCheckResult(Guid RunId, string Month, int NewCases, DateOnly DueDate);

public sealed record ClearanceInput(ClearanceAction? Action, string? Note, string? FileName, byte[]? Content);

public sealed class CrossCheckCaseFilter
{
    /// <summary>YYYY-MM.</summary>
    public string? Month { get; set; }

    public AidItem? Item { get; set; }

    public CrossCheckCaseState? State { get; set; }

    public CrossCheckKind? Kind { get; set; }

    public string? SchoolCode { get; set; }

    /// <summary>Only cases past their due date and not cleared (open, or a "keep" not confirmed).</summary>
    public bool? Overdue { get; set; }

    /// <summary>Only "keep" clearances waiting for the supervisor's confirmation.</summary>
    public bool? AwaitingSupervisor { get; set; }

    public int? Page { get; set; }

    public int? PageSize { get; set; }
}

public sealed record CrossCheckCaseRow(
    Guid Id, CrossCheckKind Kind, string KindText, string Month, AidItem Item, string ItemText, string Term, string SchoolCode, string SchoolName,
    string StudentName, string IdNumberMasked, string OtherSide, DateOnly FoundOn, DateOnly DueDate, CrossCheckCaseState State, string StateText,
    bool IsOverdue, bool IsLate, string? ClearanceNote, string? ClearedBy, DateTime? ClearedAtUtc, bool HasEvidence, bool CanClear,
    IReadOnlyList<string> Actions, bool AwaitingSupervisor, string? KeepConfirmedBy, DateTime? KeepConfirmedAtUtc, string? ReopenReason, bool CanReviewKeep);

/// <summary>The supervisor's decision on a school's "keep": confirm, or reopen with a reason.</summary>
public sealed class KeepReviewInput
{
    /// <summary>True: confirm the keep; false: reopen the case (a reason is required).</summary>
    public bool? Confirm { get; set; }

    public string? Reason { get; set; }
}

/// <summary>A new clearance deadline row (the ministry). Everything optional so the handler says what is missing.</summary>
public sealed class ClearanceDeadlineInput
{
    public DateOnly? ValidFrom { get; set; }

    public int? WorkingDays { get; set; }

    public string? Source { get; set; }
}

public sealed record ClearanceDeadlineView(Guid Id, DateOnly ValidFrom, DateOnly? ValidTo, int WorkingDays, string Source, bool InForce);

/// <summary>One month of the trend: cases found, cleared on time, late (cleared late or still open past the due date), open.</summary>
public sealed record CrossCheckMonthFigures(string Month, int Found, int ClearedOnTime, int Late, int Open, int Withdrawn);

public sealed record CrossCheckRunRow(Guid Id, CrossCheckKind Kind, string KindText, string Month, string? FileName, string? Encoding, long TotalRows,
    long ValidRows, long MalformedRows, int Matches, int NewCases, string RunBy, DateTime RunAtUtc);

/// <summary>Who did each step of a case: the run that found it (national, read for a case in scope) and the clearance's evidence.</summary>
public sealed record CrossCheckCaseSteps(
    string FoundBy, DateTime FoundAtUtc, string? RunFileName, string? EvidenceFileName, int? EvidenceSize, string? EvidenceSha256, string? EvidenceUploadedBy,
    DateTime? EvidenceUploadedAtUtc);

public sealed record CrossCheckRunDetail(CrossCheckRunRow Run, IReadOnlyList<RejectedRowDto> Rejected);
