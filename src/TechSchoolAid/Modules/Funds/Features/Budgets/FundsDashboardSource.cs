using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Dashboards.Contracts;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Funds.Features.Budgets;

/// <summary>
/// RPT-1 "funds executed" (FND-1): for the fiscal year, the money allocated to the schools (allocations not cancelled
/// whose recipient is a school, so a sum passed down through province and city is counted once) against the money paid
/// to students (payment lines the bank confirmed), and the share executed. Only for roles that see funds
/// (<see cref="FundsAccess.View"/>). Summed in SQL by scope path (payments over ix_funds_payment_lines_accounts).
/// </summary>
public sealed class FundsDashboardSource(TsaDbContext db) : IDashboardSource
{
    public const string Key = "funds";

    private const int Allocated = 0, Paid = 1;

    private static readonly DashboardColumn[] Columns = [new("下达到校", "元"), new("已发放到学生", "元"), new("执行率", "%")];

    public async Task<IReadOnlyList<DashboardTile>> TilesAsync(DashboardQuery query, CancellationToken ct)
    {
        if (!db.Actor.May(FundsAccess.View))
        {
            return [];
        }

        var year = query.Year;
        var allocated = await (from a in db.Set<Allocation>().AsNoTracking()
                               join o in db.Organizations() on a.ToOrganizationId equals o.Id
                               where a.FiscalYear == year && !a.IsCancelled && o.Level == OrgLevel.School && a.ScopePath.StartsWith(query.ScopePath)
                               group a by a.ScopePath into g
                               select new { ScopePath = g.Key, Fen = g.Sum(a => a.AmountFen) }).ToListAsync(ct);
        var paid = await db.Set<PaymentLine>().AsNoTracking()
            .Where(l => l.FiscalYear == year && l.State == PaymentLineState.Paid && l.ScopePath.StartsWith(query.ScopePath))
            .GroupBy(l => l.ScopePath)
            .Select(g => new { ScopePath = g.Key, Fen = g.Sum(l => l.AmountFen) })
            .ToListAsync(ct);

        var sums = new DashboardBreakdown(query, 2);
        allocated.ForEach(a => sums.Add(a.ScopePath, Allocated, a.Fen));
        paid.ForEach(p => sums.Add(p.ScopePath, Paid, p.Fen));
        var t = sums.Total;
        if (t[Allocated] == 0 && t[Paid] == 0)
        {
            return []; // no funds data for the year in this scope: the tile would only show zeros
        }

        var rate = DashboardBreakdown.PerMille(t[Paid], t[Allocated]);
        var figures = new List<DashboardFigure>
        {
            new("下达到校资金", t[Allocated], "元", DashboardTone.Neutral, "/funds/budgets"),
            new("已发放到学生", t[Paid], "元", DashboardTone.Neutral, "/funds/payments"),
            new("执行率", rate, "%", t[Paid] > t[Allocated] ? DashboardTone.Bad : DashboardTone.Neutral, "/funds/accounts"),
        };
        var table = sums.Table(Columns, u => u.Level == OrgLevel.School ? DashboardBreakdown.Link("/funds/payments", ("school", u.Code)) : null,
            v => [.. v, DashboardBreakdown.PerMille(v[Paid], v[Allocated])]);
        return [new DashboardTile(Key, $"资助资金执行（{year}年度）", 70, figures, table)];
    }
}
