using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Funds.Contracts;

namespace TechSchoolAid.Modules.Funds.Features.Budgets;

/// <summary>What the budget use cases share: the save that answers 409 in Chinese, the sources each level may send, money as text.</summary>
public sealed class BudgetSteps(TsaDbContext db)
{
    public async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw AppException.Conflict("该资金记录已被他人修改，请刷新后重试");
        }
        catch (DbUpdateException ex) when (UniqueIndex.IsViolation(ex, "ux_funds_performance_targets_year", "funds_performance_targets.ScopePath")
                                           || UniqueIndex.IsViolation(ex, "ux_funds_self_evaluations_year", "funds_self_evaluations.ScopePath"))
        {
            throw AppException.Conflict("本省该年度的绩效记录已由他人同时建立，请刷新后重试");
        }
    }

    /// <summary>The level of an organisation by its scope path: "/" ministry, "/44/" province, "/44/4401/" city or 省管 school, deeper a school.</summary>
    public static OrgLevel LevelOfPath(string path) => path.Count(c => c == '/') switch
    {
        1 => OrgLevel.Ministry,
        2 => OrgLevel.Province,
        _ => OrgLevel.City, // a 省管 school sits at the city depth: callers that need the difference read the organisation's level
    };

    /// <summary>The money a level adds of its own (new money, not passed on): the ministry central, a province provincial, a city local.</summary>
    public static FundsSource? OwnSource(OrgLevel level) => level switch
    {
        OrgLevel.Ministry => FundsSource.Central,
        OrgLevel.Province => FundsSource.Provincial,
        OrgLevel.City => FundsSource.Local,
        _ => null,
    };

    /// <summary>The sources a level may send: its own, and what it received from above to pass on.</summary>
    public static IReadOnlyList<FundsSource> SendableSources(OrgLevel level) => level switch
    {
        OrgLevel.Ministry => [FundsSource.Central],
        OrgLevel.Province => [FundsSource.Central, FundsSource.Provincial],
        OrgLevel.City => [FundsSource.Central, FundsSource.Provincial, FundsSource.Local],
        _ => [],
    };

    /// <summary>Yuan as typed on a form to fen (rounded to the fen); figures beyond any long saturate, so the validation answers instead of an overflow.</summary>
    public static long? FenOf(decimal? yuan) => yuan switch
    {
        null => null,
        > 90_000_000_000_000_000m => long.MaxValue,
        < -90_000_000_000_000_000m => long.MinValue,
        { } y => (long)Math.Round(y * 100m),
    };

    /// <summary>Fen as yuan with two decimals: "1,234,567.80".</summary>
    public static string Yuan(long fen) => (fen / 100m).ToString("N2", CultureInfo.InvariantCulture);

    /// <summary>"资金缺口 X 元" when the budget is below the need, "结余 X 元" when above, "收支相符" when equal.</summary>
    public static string Balance(long budgetFen, long needFen) => budgetFen < needFen ? $"资金缺口 {Yuan(needFen - budgetFen)} 元"
        : budgetFen > needFen ? $"结余 {Yuan(budgetFen - needFen)} 元" : "预算与需求相符";

    /// <summary>A ratio as a percentage with one decimal, or null when there is nothing to divide by.</summary>
    public static decimal? Percent(long part, long whole) => whole <= 0 ? null : Math.Round(part * 100m / whole, 1);
}
