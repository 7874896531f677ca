using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.CrossCheck.Contracts;
using TechSchoolAid.Modules.CrossCheck.Domain;
using TechSchoolAid.Modules.Dashboards.Contracts;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.CrossCheck.Features;

/// <summary>
/// RPT-1 "cross-check cases open and overdue" (CHK-2): today's open cases, the "keep" clearances still waiting for the
/// supervisor's confirmation, and those past their clearance due date (the rule of <see cref="CrossCheckCase.Overdue"/>);
/// with the cases found and cleared in the dashboard's year. Counted in SQL by scope path.
/// </summary>
public sealed class CrossCheckDashboardSource(TsaDbContext db) : IDashboardSource
{
    public const string Key = "cross-check";

    private const int Found = 0, Cleared = 1, Open = 2, KeptWaiting = 3, Overdue = 4;

    private static readonly DashboardColumn[] Columns =
    [
        new("本年发现", "条"), new("本年已清理", "条"), new("待清理", "条"), new("“保留”待主管部门确认", "条"), new("逾期未清理", "条"),
    ];

    public async Task<IReadOnlyList<DashboardTile>> TilesAsync(DashboardQuery query, CancellationToken ct)
    {
        if (!db.Actor.May(StudentAccess.View))
        {
            return [];
        }

        var from = new DateOnly(query.Year, 1, 1);
        var to = from.AddYears(1);
        var today = query.Today;
        var counts = await db.Set<CrossCheckCase>().AsNoTracking()
            .Where(c => c.ScopePath.StartsWith(query.ScopePath)
                        && (c.State == CrossCheckCaseState.Open || (c.State == CrossCheckCaseState.Kept && c.KeepConfirmedAtUtc == null)
                            || (c.FoundOn >= from && c.FoundOn < to) || (c.ClearedOn >= from && c.ClearedOn < to)))
            .GroupBy(c => c.ScopePath)
            .Select(g => new
            {
                ScopePath = g.Key,
                Found = g.Sum(c => c.FoundOn >= from && c.FoundOn < to ? 1L : 0L),
                Cleared = g.Sum(c => c.State != CrossCheckCaseState.Open && c.ClearedOn >= from && c.ClearedOn < to ? 1L : 0L),
                Open = g.Sum(c => c.State == CrossCheckCaseState.Open ? 1L : 0L),
                Kept = g.Sum(c => c.State == CrossCheckCaseState.Kept && c.KeepConfirmedAtUtc == null ? 1L : 0L),
                Overdue = g.Sum(c => (c.State == CrossCheckCaseState.Open || (c.State == CrossCheckCaseState.Kept && c.KeepConfirmedAtUtc == null)) && c.DueDate < today ? 1L : 0L),
            })
            .ToListAsync(ct);

        var sums = new DashboardBreakdown(query, 5);
        foreach (var c in counts)
        {
            sums.Add(c.ScopePath, Found, c.Found);
            sums.Add(c.ScopePath, Cleared, c.Cleared);
            sums.Add(c.ScopePath, Open, c.Open);
            sums.Add(c.ScopePath, KeptWaiting, c.Kept);
            sums.Add(c.ScopePath, Overdue, c.Overdue);
        }

        var t = sums.Total;
        var figures = new List<DashboardFigure>
        {
            new($"{query.Year}年发现", t[Found], "条", DashboardTone.Neutral, "/crosscheck/grants"),
            new($"{query.Year}年已清理", t[Cleared], "条", DashboardTone.Good, "/crosscheck/grants"),
            new("待清理", t[Open], "条", t[Open] > 0 ? DashboardTone.Warning : DashboardTone.Good, "/crosscheck/grants"),
            new("“保留”待确认", t[KeptWaiting], "条", t[KeptWaiting] > 0 ? DashboardTone.Warning : DashboardTone.Neutral, "/crosscheck/grants?awaitingSupervisor=true"),
            new("逾期未清理", t[Overdue], "条", t[Overdue] > 0 ? DashboardTone.Bad : DashboardTone.Good, "/crosscheck/grants?overdue=true"),
        };
        var table = sums.Table(Columns, u => u.Level == OrgLevel.School ? DashboardBreakdown.Link("/crosscheck/grants", ("school", u.Code)) : null);
        return [new DashboardTile(Key, "重复资助比对结果清理", 40, figures, table)];
    }
}
