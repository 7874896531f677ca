using TechSchoolAid.Modules.Aid.Contracts;

namespace TechSchoolAid.Modules.Aid.Rounds.Contracts;

/// <summary>A priority-group student who receives nothing this term, or a watch-group student not yet assessed (AID-2).</summary>
public sealed record PriorityGap(
    Guid StudentId, string SchoolCode, string SchoolName, string StudentName, string ClassName, IReadOnlyList<string> Groups,
    string? Level, string Problem);

/// <summary>Counts per organisation under the caller (schools, cities or provinces) for AID-2.</summary>
public sealed record PriorityGapSummary(string Code, string Name, int PriorityWithoutAid, int WatchNotAssessed);

public sealed record PriorityGapReport(string Term, IReadOnlyList<PriorityGapSummary> ByOrganization, IReadOnlyList<PriorityGap> Students, int TotalStudents);

/// <summary>AID-7 for one organisation (school, city or province): declared against approved, and what the gap costs.</summary>
public sealed record FundingGapRow(
    string Code, string Name, string Level, int Schools, int DeclaredEligible, int Approved, int Gap, long GapAmountFen, int? CentralSharePercent,
    long CentralGapFen);

public sealed record FundingGapReport(string Term, AidItem Item, string ItemText, IReadOnlyList<FundingGapRow> Rows, FundingGapRow Total);
