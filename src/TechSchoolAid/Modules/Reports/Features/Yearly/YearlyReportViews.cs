using TechSchoolAid.Modules.Reports.Contracts;
using TechSchoolAid.Modules.Reports.Domain;

namespace TechSchoolAid.Modules.Reports.Features.Yearly;

/// <summary>A province's submission of a year: "submitted", "returned" or "not-submitted"; late against the deadline.</summary>
public sealed record SubmissionView(
    string ProvinceCode,
    string ProvinceName,
    int Year,
    string State,
    string StateText,
    string? SubmittedBy,
    DateTime? SubmittedAtUtc,
    DateOnly? SubmittedOn,
    string? Sha256,
    bool Late,
    string? ReturnReason,
    int Version);

/// <summary>The report of a scope and year as generated now, with the province's submission when the scope is a province.</summary>
public sealed record YearlyReportView(
    string ScopePath,
    string ScopeName,
    string? ProvinceCode,
    int Year,
    string Title,
    DateTime GeneratedAtUtc,
    DateOnly DataAsOf,
    IReadOnlyList<ReportTable> Tables,
    SubmissionView? Submission,
    DateOnly? DueOn,
    IReadOnlyList<string> Actions);

/// <summary>The ministry's view of a year: the deadline and its source, and every province's submission.</summary>
/// <remarks><see cref="DeadlineVersion"/> is the deadline's version as read (to refuse overwriting another's change), null while none is set.</remarks>
public sealed record SubmissionsView(int Year, DateOnly? DueOn, string? DeadlineSource, int Submitted, int Late, IReadOnlyList<SubmissionView> Rows, int? DeadlineVersion = null);

public static class SubmissionText
{
    public static SubmissionView View(YearlyReportSubmission? s, string provinceCode, string provinceName, int year, DateOnly? dueOn, DateOnly today) =>
        s is null || s.TablesJson.Length == 0
            ? new SubmissionView(provinceCode, provinceName, year, "not-submitted", dueOn is { } d && today > d ? "逾期未报送" : "未报送",
                null, null, null, null, dueOn is { } due && today > due, null, s?.Version ?? 0)
            : new SubmissionView(provinceCode, provinceName, year,
                s.State == SubmissionState.Submitted ? "submitted" : "returned",
                s.State == SubmissionState.Submitted ? (dueOn is { } d2 && s.SubmittedOn > d2 ? "已报送（逾期）" : "已报送") : "已退回，待重新报送",
                s.SubmittedBy, s.SubmittedAtUtc, s.SubmittedOn, s.Sha256,
                dueOn is { } due2 && (s.State == SubmissionState.Submitted ? s.SubmittedOn > due2 : today > due2),
                s.ReturnReason, s.Version);
}
