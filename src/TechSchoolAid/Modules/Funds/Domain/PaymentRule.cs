using TechSchoolAid.Kernel;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Funds.Contracts;

namespace TechSchoolAid.Modules.Funds.Domain;

/// <summary>
/// How a province pays its grants (FND-1: 按月或按学期, set by the province): the frequency and the day of the month, from a
/// date on. A new rule is a new row, so the rule of any past date can be read again. Not scoped: every school of the
/// province reads its province's rule; only the province's administrator writes it (<see cref="FundsAccess.SetPaymentRule"/>).
/// </summary>
public sealed class PaymentRule
{
    /// <summary>
    /// The months a term's grant is paid over when paying monthly: the yearly amount over 10 months, 5 per term (autumn
    /// September–January, spring March–July; February and August, the holidays, pay nothing). This split is the system's
    /// decision, recorded here (issue 10 proposes it); no national text fixes the months. The remainder fen of a term's
    /// amount that does not divide by 5 is paid in the term's last month (<see cref="ShareOf"/>), so a term sums exactly.
    /// </summary>
    public const int MonthsPerTerm = 5;

    /// <summary>Used when a province has set no rule: per semester, on the 10th.</summary>
    public static readonly PaymentRule Default = new(Guid.Empty, "", PayFrequency.PerSemester, 10, new DateOnly(2000, 1, 1), "system", DateTime.UnixEpoch);

    private PaymentRule()
    {
    }

    public PaymentRule(Guid id, string provinceCode, PayFrequency frequency, int payDay, DateOnly effectiveFrom, string by, DateTime atUtc)
    {
        Id = id;
        ProvinceCode = provinceCode;
        Frequency = frequency;
        PayDay = payDay;
        EffectiveFrom = effectiveFrom;
        SetBy = by;
        SetAtUtc = atUtc;
    }

    public Guid Id { get; private set; }

    public string ProvinceCode { get; private set; } = "";

    public PayFrequency Frequency { get; private set; }

    /// <summary>The day of the month payments are made (1–28, so that it exists in every month).</summary>
    public int PayDay { get; private set; }

    public DateOnly EffectiveFrom { get; private set; }

    public string SetBy { get; private set; } = "";

    public DateTime SetAtUtc { get; private set; }

    public int Version { get; private set; }

    /// <summary>
    /// The period a payment on <paramref name="date"/> pays, or null with the reason when none (a holiday month). Monthly:
    /// the month; per semester: the term.
    /// </summary>
    public (PaymentPeriod? Period, string? Problem) PeriodOf(DateOnly date)
    {
        var term = AidTerm.Of(date);
        if (Frequency == PayFrequency.PerSemester)
        {
            return (new PaymentPeriod(term, term.StartsOn, term.EndsOn, term.ToString(), -1), null);
        }

        var index = MonthIndex(term, date);
        if (index < 0)
        {
            return (null, $"{date.Year}年{date.Month}月为假期，按月发放的助学金只在秋季学期 9 月至次年 1 月、春季学期 3 月至 7 月发放");
        }

        var start = new DateOnly(date.Year, date.Month, 1);
        return (new PaymentPeriod(term, start, start.AddMonths(1).AddDays(-1), $"{date.Year}年{date.Month}月", index), null);
    }

    /// <summary>The suggested payment date in the month of <paramref name="today"/>.</summary>
    public DateOnly PayDateIn(DateOnly today) => new(today.Year, today.Month, PayDay);

    /// <summary>0–4 for the paying months of the term, -1 for a holiday month.</summary>
    public static int MonthIndex(AidTerm term, DateOnly date)
    {
        var months = ((date.Year - term.StartsOn.Year) * 12) + date.Month - term.StartsOn.Month;
        return months is >= 0 and < MonthsPerTerm ? months : -1;
    }

    /// <summary>
    /// A line's share for a period: the whole term amount per semester; monthly, a fifth of it, the remainder fen paid in
    /// the term's last month, so that the five months sum exactly to the term's amount.
    /// </summary>
    public static long ShareOf(long termAmountFen, PaymentPeriod period) => period.MonthIndex switch
    {
        < 0 => termAmountFen,
        MonthsPerTerm - 1 => (termAmountFen / MonthsPerTerm) + (termAmountFen % MonthsPerTerm),
        _ => termAmountFen / MonthsPerTerm,
    };

    public string Describe() => Frequency == PayFrequency.Monthly
        ? $"按月发放，每月 {PayDay} 日（自 {ChinaTime.Iso(EffectiveFrom)} 起）"
        : $"按学期发放，学期首月 {PayDay} 日（自 {ChinaTime.Iso(EffectiveFrom)} 起）";
}

/// <summary>A payment period: the term it belongs to, its dates, its label and, when monthly, its month in the term (0–4; -1 for a semester).</summary>
public sealed record PaymentPeriod(AidTerm Term, DateOnly Start, DateOnly End, string Label, int MonthIndex);
