namespace TechSchoolAid.Modules.Aid.Contracts;

/// <summary>
/// One line of the factor calculation (因素法) of a province's central allocation: the approved lines of one term whose
/// per-student standard is the same, × that standard (for the term: half the yearly one) × the province's central share.
/// <see cref="TermStandardFen"/> is null when the standard is not known (no national default policy for the term, or a
/// school's tuition not registered); <see cref="CentralSharePercent"/> is null when the province has no share recorded.
/// </summary>
public sealed record AidFactorLine(
    string ProvinceCode, int SchoolYear, Semester Semester, int Students, long? YearStandardFen, long? TermStandardFen,
    int? CentralSharePercent, string StandardBasis)
{
    public string TermText => new AidTerm(SchoolYear, Semester).ToString();

    /// <summary>Students × term standard × share ÷ 100, in fen (rounded down); zero when a factor is missing.</summary>
    public long AmountFen => TermStandardFen is { } s && CentralSharePercent is { } p ? Students * s * p / 100 : 0;
}

/// <summary>What the approved lines of a school need for a fiscal year and item: the count and the sum of their term amounts (fen).</summary>
public sealed record AidNeedRow(int SchoolId, string ScopePath, AidItem Item, int ApprovedLines, long AmountFen);

/// <summary>A school's approved lines of a fiscal year's terms, and how many of them were approved by their list's approval deadline.</summary>
public sealed record AidApprovalFigures(int SchoolId, string ScopePath, int Approved, int ApprovedByDeadline);

/// <summary>
/// What Funds may know of the approved aid of a fiscal year (FND-1, FND-3), over the caller's scope: the factor lines of
/// the central allocation, the need per school, and the approvals by the deadline. A fiscal year is the calendar year
/// (预算法 第十八条); its terms are the ones that start in it (<see cref="AidFiscalYear.TermsOf"/>). Every query is set-based.
/// </summary>
public interface IAidFundingFacts
{
    /// <summary>The factor lines of every province in scope for the year and item: grant at the national average standard, waiver at the standard the funding-gap report uses.</summary>
    Task<IReadOnlyList<AidFactorLine>> FactorLinesAsync(int fiscalYear, AidItem item, CancellationToken ct);

    /// <summary>Per school in scope and item: the approved lines of the year's terms and the sum of their amounts.</summary>
    Task<IReadOnlyList<AidNeedRow>> NeedAsync(int fiscalYear, CancellationToken ct);

    /// <summary>Per school in scope: the approved lines of the year's terms and those approved on or before their list's approval deadline (China time).</summary>
    Task<IReadOnlyList<AidApprovalFigures>> ApprovalsAsync(int fiscalYear, CancellationToken ct);
}

public static class AidFiscalYear
{
    /// <summary>
    /// The terms that start in a calendar year: the spring term of the school year before (from 1 March) and the autumn
    /// term of the school year that starts in it (from 1 September).
    /// </summary>
    public static IReadOnlyList<AidTerm> TermsOf(int fiscalYear) => [new(fiscalYear - 1, Semester.Spring), new(fiscalYear, Semester.Autumn)];
}
