using System.Globalization;

namespace TechSchoolAid.Modules.Aid.Contracts;

/// <summary>A day of the year (approval deadlines recur each year: 31 May, 30 November).</summary>
public readonly record struct MonthDay(int Month, int Day)
{
    public bool IsValid => Month is >= 1 and <= 12 && Day >= 1 && Day <= DateTime.DaysInMonth(2023, Month);

    public DateOnly In(int year) => new(year, Month, Day);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Month}月{Day}日");
}

/// <summary>One grant tier: the amount per student per year (fen) and the expected share of the province's grant students.</summary>
public sealed record AidTier(long AmountFen, int SharePercent);

public enum Semester
{
    Spring = 1,
    Autumn = 2,
}

/// <summary>
/// A policy table as entered (API body and form) and as stored. <see cref="ProvinceCode"/> null or empty: the national
/// default. Money in fen.
/// </summary>
public sealed record AidPolicyValues
{
    public string? ProvinceCode { get; init; }

    public string Title { get; init; } = "";

    public DateOnly ValidFrom { get; init; }

    public DateOnly? ValidTo { get; init; }

    public int GrantGradeFrom { get; init; } = 1;

    public int GrantGradeTo { get; init; } = 2;

    public long GrantAverageFen { get; init; }

    public IReadOnlyList<AidTier> Tiers { get; init; } = [];

    public IReadOnlyList<string> AllRuralAreaCodes { get; init; } = [];

    public int PublicationWorkingDays { get; init; } = 5;

    public int ObjectionAnswerWorkingDays { get; init; } = 5;

    /// <summary>
    /// The approval deadlines are national (<c>AidNationalRange</c>, the ministry's data; 人社厅函〔2024〕53号 二（二））:
    /// a table input leaves them out; one that carries a date other than the national one is refused. A stored table's
    /// view shows the national dates in force on its start.
    /// </summary>
    public MonthDay? SpringApprovalDeadline { get; init; }

    /// <inheritdoc cref="SpringApprovalDeadline"/>
    public MonthDay? AutumnApprovalDeadline { get; init; }

    public string Source { get; init; } = "";

    /// <summary>The weighted average of the tiers under the expected distribution, in fen (rounded down).</summary>
    public long ExpectedAverageFen => AidMoney.WeightedAverageFen(Tiers);
}

/// <summary>
/// A stored table as the API and the page show it: the expected average (tiers × distribution) against the table's own
/// declared average (<see cref="DifferenceFen"/>), and both against the national average in force on its start
/// (<see cref="NationalAverageFen"/>): <see cref="MeetsStandard"/> is true when neither is below the national figure.
/// </summary>
public sealed record AidPolicyView(
    Guid Id,
    string ProvinceName,
    int Version,
    AidPolicyValues Values,
    long ExpectedAverageFen,
    long DifferenceFen,
    bool MeetsStandard,
    IReadOnlyList<string> Actions,
    long? NationalAverageFen = null);

/// <summary>
/// The numbers in force for a province on a date (the province's own table, else the national default), for the rounds,
/// eligibility and the funding-gap report.
/// </summary>
public sealed record AidPolicy(
    Guid PolicyId,
    string ProvinceCode,
    bool IsNationalDefault,
    string Title,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    int GrantGradeFrom,
    int GrantGradeTo,
    long GrantAverageFen,
    IReadOnlyList<AidTier> Tiers,
    IReadOnlyList<string> AllRuralAreaCodes,
    int PublicationWorkingDays,
    int ObjectionAnswerWorkingDays,
    MonthDay SpringApprovalDeadline,
    MonthDay AutumnApprovalDeadline,
    long TierMinFen,
    long TierMaxFen,
    int? CentralSharePercent,
    string Source)
{
    public bool GrantCoversGrade(int grade) => grade >= GrantGradeFrom && grade <= GrantGradeTo;

    public DateOnly ApprovalDeadline(int year, Semester semester) =>
        (semester == Semester.Spring ? SpringApprovalDeadline : AutumnApprovalDeadline).In(year);
}

public sealed record AidNationalRangeView(
    Guid Id, long TierMinFen, long TierMaxFen, int MinPublicationWorkingDays, DateOnly ValidFrom, DateOnly? ValidTo, string Source,
    long NationalAverageFen, MonthDay SpringApprovalDeadline, MonthDay AutumnApprovalDeadline);

/// <summary>
/// The national numbers as entered by the ministry (money in fen): the tier range, the national average standard (the
/// floor of every table's average), the minimum publication period and the two approval deadlines.
/// </summary>
public sealed record AidNationalRangeInput
{
    public long TierMinFen { get; init; }

    public long TierMaxFen { get; init; }

    public long NationalAverageFen { get; init; }

    public MonthDay SpringApprovalDeadline { get; init; } = new(5, 31);

    public MonthDay AutumnApprovalDeadline { get; init; } = new(11, 30);

    public int MinPublicationWorkingDays { get; init; }

    public DateOnly ValidFrom { get; init; }

    public DateOnly? ValidTo { get; init; }

    public string Source { get; init; } = "";
}

public sealed record AidCentralShareInput
{
    public string ProvinceCode { get; init; } = "";

    /// <summary>A 计划单列市 (大连 2102、青岛 3702、宁波 3302、厦门 3502、深圳 4403) for its own share; empty for the province's.</summary>
    public string? CityCode { get; init; }

    public int SharePercent { get; init; }

    public DateOnly ValidFrom { get; init; }

    public DateOnly? ValidTo { get; init; }

    public string Source { get; init; } = "";
}

public sealed record AidCentralShareView(
    Guid Id, string ProvinceCode, string ProvinceName, int SharePercent, DateOnly ValidFrom, DateOnly? ValidTo, string Source,
    string? CityCode = null, string? CityName = null);

/// <summary>What other modules use: the policy in force for a province on a date.</summary>
public interface IAidPolicies
{
    /// <summary>The province's table over the national default, or null: "该学期没有资助政策".</summary>
    Task<AidPolicy?> PolicyFor(string provinceCode, DateOnly date, CancellationToken ct = default);

    /// <summary>
    /// The central share (percent) of a school's grant and waiver money on a date: the city's own share where one is
    /// recorded (the 计划单列市 of 国办发〔2018〕6号), otherwise its province's; null when none is recorded.
    /// </summary>
    Task<int?> CentralSharePercentFor(string provinceCode, string? cityCode, DateOnly date, CancellationToken ct = default);
}

public static class AidMoney
{
    public static long WeightedAverageFen(IReadOnlyList<AidTier> tiers) =>
        tiers.Count == 0 ? 0 : tiers.Sum(t => t.AmountFen * t.SharePercent) / 100;

    /// <summary>Fen as yuan for the screen: "2,300" or "2,300.50".</summary>
    public static string Yuan(long fen) => fen % 100 == 0
        ? (fen / 100).ToString("N0", CultureInfo.InvariantCulture)
        : (fen / 100m).ToString("N2", CultureInfo.InvariantCulture);
}
