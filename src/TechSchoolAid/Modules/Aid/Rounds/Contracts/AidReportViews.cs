using TechSchoolAid.Modules.Aid.Contracts;

namespace TechSchoolAid.Modules.Aid.Rounds.Contracts;

/// <summary>A priority-group student who receives nothing this term, or a watch-group student not yet assessed (AID-2).</summary>
public sealed record PriorityGap(
    Guid StudentId, string SchoolCode, string SchoolName, string StudentName, string ClassName, IReadOnlyList<string> Groups,
    string? Level, string Problem);

/// <summary>Counts per organisation under the caller (schools, cities or provinces) for AID-2.</summary>
public sealed record PriorityGapSummary(string Code, string Name, int PriorityWithoutAid, int WatchNotAssessed);

public sealed record PriorityGapReport(string Term, IReadOnlyList<PriorityGapSummary> ByOrganization, IReadOnlyList<PriorityGap> Students, int TotalStudents);

/// <summary>
/// AID-7 for one organisation (school, city or province), by the causes 人社厅函〔2024〕53号 二（二） names, each priced at the
/// national calculation standard for the term (<see cref="PerStudentFen"/>) × the central share: (a) <see cref="Undeclared"/>,
/// eligible students of the 学籍 data on no list — the school answers; (b) <see cref="LateApproved"/>, lines approved after
/// the approval deadline — the approving level answers (<see cref="LateAnswerable"/>); (c) <see cref="Gap"/>, the declared
/// eligible count against the approved count (<see cref="GapAmountFen"/>, <see cref="CentralGapFen"/>).
/// </summary>
public sealed record FundingGapRow(
    string Code, string Name, string Level, int Schools, int DeclaredEligible, int Approved, int Gap, long GapAmountFen, int? CentralSharePercent,
    long CentralGapFen, int Undeclared = 0, long UndeclaredCentralFen = 0, int LateApproved = 0, long LateCentralFen = 0, string LateAnswerable = "",
    long PerStudentFen = 0)
{
    /// <summary>The three causes together: the central money the organisation's data leaves unclaimed.</summary>
    public long TotalCentralGapFen => UndeclaredCentralFen + LateCentralFen + CentralGapFen;
}

public sealed record FundingGapReport(string Term, AidItem Item, string ItemText, IReadOnlyList<FundingGapRow> Rows, FundingGapRow Total);
