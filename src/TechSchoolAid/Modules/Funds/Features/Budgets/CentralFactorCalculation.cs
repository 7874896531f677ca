using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Funds.Features.Budgets;

/// <summary>One line of a province's calculation as shown: "1,234 人 × 1,150.00 元 × 60% = 851,460.00 元".</summary>
public sealed record FactorLineView(string Term, int Students, long? YearStandardFen, long? TermStandardFen, int? CentralSharePercent, long AmountFen,
    string Basis, string Formula);

/// <summary>A province's central allocation by the factor method against what the ministry recorded for it.</summary>
public sealed record FactorProvince(string ProvinceCode, string ProvinceName, int Students, long CalculatedFen, long RecordedFen, string Comparison,
    IReadOnlyList<FactorLineView> Lines, IReadOnlyList<string> Problems);

public sealed record FactorReport(int FiscalYear, AidItem Item, string ItemText, string Method, IReadOnlyList<FactorProvince> Provinces, long TotalFen);

/// <summary>
/// The central allocation of a fiscal year and item to each province by the factor method (因素法, 国办发〔2018〕6号): the
/// approved lines of the year's terms (from Aid) × the national standard for the term × the province's central share,
/// shown line by line so a province can check it, beside what the ministry recorded. Readable by every funds role over
/// its scope (a province sees its own).
/// </summary>
public sealed class CentralFactorCalculation(TsaDbContext db, IAidFundingFacts facts)
{
    public static void Map(IEndpointRouteBuilder g) =>
        g.MapGet("/budgets/factor", (int fiscalYear, AidItem item, CentralFactorCalculation calc, CancellationToken ct) => calc.HandleAsync(fiscalYear, item, ct))
            .RequireAccess(FundsAccess.View)
            .WithSummary("中央资金因素法测算：各省审核通过人次 × 国家标准 × 中央分担比例（逐项列出算式），与已登记的中央下达金额对比")
            .Produces<FactorReport>().ProducesProblem(400).ProducesProblem(403);

    public async Task<FactorReport> HandleAsync(int fiscalYear, AidItem item, CancellationToken ct)
    {
        db.Actor.Demand(FundsAccess.View);
        if (fiscalYear is < 2000 or > 2100)
        {
            throw AppException.Invalid("fiscalYear", "请填写正确的预算年度");
        }

        if (!Enum.IsDefined(item))
        {
            throw AppException.Invalid("item", "请选择资助项目（国家助学金或免学费）");
        }

        var lines = await facts.FactorLinesAsync(fiscalYear, item, ct);
        var recorded = await db.Set<Allocation>().AsNoTracking()
            .Where(a => a.FromScopePath == "/" && a.FiscalYear == fiscalYear && a.Item == item && a.Source == FundsSource.Central && !a.IsCancelled)
            .GroupBy(a => a.ScopePath).Select(g => new { Path = g.Key, Fen = g.Sum(a => a.AmountFen) }).ToListAsync(ct);
        var recordedByProvince = recorded.ToDictionary(r => r.Path.Trim('/'), r => r.Fen);
        var provinces = lines.Select(l => l.ProvinceCode).Concat(recordedByProvince.Keys).Distinct().OrderBy(c => c, StringComparer.Ordinal).ToList();

        var rows = provinces.Select(code =>
        {
            var mine = lines.Where(l => l.ProvinceCode == code).ToList();
            var views = mine.Select(l => new FactorLineView(l.TermText, l.Students, l.YearStandardFen, l.TermStandardFen, l.CentralSharePercent, l.AmountFen,
                l.StandardBasis, Formula(l))).ToList();
            var problems = mine.Where(l => l.TermStandardFen is null).Select(l => $"{l.TermText}有 {l.Students} 人次缺少测算标准：{l.StandardBasis}")
                .Concat(mine.Where(l => l.CentralSharePercent is null).Select(l => $"{l.TermText}本省的中央分担比例尚未登记")).Distinct().ToList();
            var calculated = mine.Sum(l => l.AmountFen);
            var recordedFen = recordedByProvince.GetValueOrDefault(code);
            var comparison = recordedFen == 0 ? "尚未登记中央下达"
                : recordedFen == calculated ? "登记金额与测算一致"
                : recordedFen > calculated ? $"登记金额比测算多 {BudgetSteps.Yuan(recordedFen - calculated)} 元"
                : $"登记金额比测算少 {BudgetSteps.Yuan(calculated - recordedFen)} 元";
            return new FactorProvince(code, Divisions.ProvinceName(code) ?? code, mine.Sum(l => l.Students), calculated, recordedFen, comparison, views, problems);
        }).ToList();

        var method = item == AidItem.Grant
            ? "中央资金 = 各学期审核通过的国家助学金人次 × 国家平均资助标准（每学期为年标准的一半）× 本省中央分担比例"
            : "中央资金 = 各学期审核通过的免学费人次 × 学校免学费标准（核定学费；民办学校按同类型公办学校标准；每学期为年标准的一半）× 本省中央分担比例";
        return new FactorReport(fiscalYear, item, AidTerm.ItemText(item), method, rows, rows.Sum(r => r.CalculatedFen));
    }

    private static string Formula(AidFactorLine l) =>
        l.TermStandardFen is { } s && l.CentralSharePercent is { } p
            ? string.Create(CultureInfo.InvariantCulture, $"{l.Students:N0} 人 × {BudgetSteps.Yuan(s)} 元 × {p}% = {BudgetSteps.Yuan(l.AmountFen)} 元")
            : string.Create(CultureInfo.InvariantCulture, $"{l.Students:N0} 人 × （缺少标准或分担比例）= 0.00 元");
}
