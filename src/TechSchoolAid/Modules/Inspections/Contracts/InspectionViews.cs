namespace TechSchoolAid.Modules.Inspections.Contracts;

public sealed record PlanEntryView(string SchoolCode, string SchoolName, string ManagedBy, EntryReason Reason, string ReasonName, int RiskScore, string RiskDetail, string? Note,
    int? LastVisitYear, bool Visited);

public sealed record PlanBreachView(string Key, string Text, string? AcknowledgedReason);

public sealed record PlanView(
    Guid Id,
    string ProvinceCode,
    string ProvinceName,
    int Year,
    PlanState State,
    string StateName,
    int ProvinceManagedTotal,
    int CityManagedTotal,
    int CityManagedRequired,
    int CityManagedPlanned,
    string CityShare,
    IReadOnlyList<PlanEntryView> Entries,
    IReadOnlyList<PlanBreachView> Breaches,
    IReadOnlyList<SchoolOutsideView> Outside,
    string ProposedBy,
    string? ConfirmedBy,
    DateTime? ConfirmedAtUtc,
    int Version,
    IReadOnlyList<string> Actions);

/// <summary>A school of the province not in the plan, with its risk, so the province can add it.</summary>
public sealed record SchoolOutsideView(string SchoolCode, string SchoolName, string ManagedBy, int RiskScore, string RiskDetail, int? LastVisitYear);

public sealed record PlanSummaryView(Guid Id, string ProvinceCode, string ProvinceName, int Year, PlanState State, string StateName, int Schools, int Visited, int Breaches);

public sealed record ChecklistItemView(string Key, int Order, string Area, string Text, string Source, ComplianceView? SystemCheck);

public sealed record ComplianceView(bool Met, string Detail);

public sealed record SelfInspectionItemView(string Key, string Text, Conclusion Conclusion, string ConclusionName, string? Note);

public sealed record SelfInspectionView(Guid Id, string SchoolCode, int Year, string SubmittedBy, DateTime SubmittedAtUtc, IReadOnlyList<SelfInspectionItemView> Items);

public sealed record FileView(Guid Id, string FileName, string ContentType, long Size, string Sha256, string UploadedBy, DateTime UploadedAtUtc);

public sealed record RectificationView(
    Guid Id,
    Guid VisitId,
    int Year,
    string SchoolCode,
    string SchoolName,
    string ItemKey,
    string ItemText,
    string Requirement,
    DateOnly DueOn,
    RectificationState State,
    string StateName,
    bool Overdue,
    string? Answer,
    string? AnsweredBy,
    DateOnly? AnsweredOn,
    string? ReturnReason,
    string? ClosedBy,
    IReadOnlyList<FileView> Files,
    int Version,
    IReadOnlyList<string> Actions);

public sealed record FindingView(Guid Id, string ItemKey, string ItemText, Conclusion Conclusion, string ConclusionName, string Text, bool NeedsRectification,
    string RecordedBy, IReadOnlyList<FileView> Files, RectificationView? Rectification);

public sealed record VisitView(
    Guid Id,
    VisitKind Kind,
    string KindName,
    Guid? PlanId,
    int Year,
    string ProvinceCode,
    string TargetCode,
    string TargetName,
    bool TargetIsSchool,
    DateOnly VisitedOn,
    string Inspectors,
    string? Summary,
    string RecordedBy,
    IReadOnlyList<FindingView> Findings,
    SelfInspectionView? SelfInspection,
    int Version,
    IReadOnlyList<string> Actions);

public sealed record VisitSummaryView(Guid Id, VisitKind Kind, string KindName, int Year, string ProvinceCode, string TargetCode, string TargetName, DateOnly VisitedOn,
    string Inspectors, int Findings, int OpenRectifications);

public sealed record CoverageYearView(int Year, int ProvinceManagedTotal, int ProvinceManagedVisited, int CityManagedTotal, int CityManagedVisited, int CityManagedPerMille,
    bool PlanConfirmed, int SpotChecks);

public sealed record CoverageView(string ProvinceCode, string ProvinceName, IReadOnlyList<CoverageYearView> Years, IReadOnlyList<string> NeverVisitedSchools,
    int OpenRectifications, int OverdueRectifications);

public sealed record InspectionPolicyView(int Id, DateOnly ValidFrom, int CityShareNumerator, int CityShareDenominator, int YearsWithinWhichEverySchool, int NoRecentVisitWeight,
    int RectificationWorkingDays, string Source, string SetBy, IReadOnlyDictionary<string, int> Weights);
