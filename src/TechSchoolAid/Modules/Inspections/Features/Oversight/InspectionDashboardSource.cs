using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Dashboards.Contracts;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.Inspections.Domain;

namespace TechSchoolAid.Modules.Inspections.Features.Oversight;

/// <summary>
/// The dashboard tile "inspection coverage" (RPT-1): plans confirmed, schools visited of those planned, rectifications
/// open and overdue, for the year, by unit of the level below. Counts in the database.
/// </summary>
public sealed class InspectionDashboardSource(TsaDbContext db) : IDashboardSource
{
    public async Task<IReadOnlyList<DashboardTile>> TilesAsync(DashboardQuery query, CancellationToken ct)
    {
        var scope = query.ScopePath;
        var planned = await db.Set<PlanEntry>().AsNoTracking()
            .Where(e => e.ScopePath.StartsWith(scope) && db.Set<InspectionPlan>().Any(p => p.Id == e.PlanId && p.Year == query.Year))
            .Select(e => new { e.ScopePath, e.SchoolCode, e.PlanId }).ToListAsync(ct);
        var visited = await db.Set<InspectionVisit>().AsNoTracking()
            .Where(v => v.ScopePath.StartsWith(scope) && v.Year == query.Year && v.Kind == VisitKind.Planned)
            .Select(v => v.TargetCode).Distinct().ToListAsync(ct);
        var plans = await db.Set<InspectionPlan>().AsNoTracking().Where(p => p.Year == query.Year && (p.ScopePath.StartsWith(scope) || scope.StartsWith(p.ScopePath)))
            .Select(p => new { p.ScopePath, p.State }).ToListAsync(ct);
        var tasks = await db.Set<RectificationTask>().AsNoTracking()
            .Where(t => t.ScopePath.StartsWith(scope) && t.State != RectificationState.Closed)
            .Select(t => new { t.ScopePath, t.State, t.DueOn }).ToListAsync(ct);
        var visitedSet = visited.ToHashSet(StringComparer.Ordinal);
        bool Overdue(RectificationState s, DateOnly due) => s is RectificationState.Open or RectificationState.Returned && due < query.Today;
        var confirmed = plans.Count(p => p.State == PlanState.Confirmed);
        var link = "/inspections";
        var figures = new List<DashboardFigure>
        {
            new("检查计划已确认", confirmed, "个", plans.Count > 0 && confirmed == plans.Count ? DashboardTone.Good : DashboardTone.Warning, link),
            new("计划检查学校", planned.Count, "所", DashboardTone.Neutral, link),
            new("已检查学校", planned.Count(p => visitedSet.Contains(p.SchoolCode)), "所", DashboardTone.Neutral, link),
            new("整改未完成", tasks.Count, "件", tasks.Count == 0 ? DashboardTone.Good : DashboardTone.Warning, link),
            new("整改逾期", tasks.Count(t => Overdue(t.State, t.DueOn)), "件", tasks.Any(t => Overdue(t.State, t.DueOn)) ? DashboardTone.Bad : DashboardTone.Good, link),
        };
        var rows = query.Units.Select(u =>
        {
            var unitPlanned = planned.Where(p => p.ScopePath.StartsWith(u.ScopePath, StringComparison.Ordinal)).ToList();
            var unitTasks = tasks.Where(t => t.ScopePath.StartsWith(u.ScopePath, StringComparison.Ordinal)).ToList();
            return new DashboardRow(u.Code, u.Name,
            [
                plans.Any(p => p.ScopePath.StartsWith(u.ScopePath, StringComparison.Ordinal) && p.State == PlanState.Confirmed) ? 1 : 0,
                unitPlanned.Count, unitPlanned.Count(p => visitedSet.Contains(p.SchoolCode)), unitTasks.Count, unitTasks.Count(t => Overdue(t.State, t.DueOn)),
            ], link);
        }).ToList();
        var table = new DashboardTable(
            [new("计划已确认", "个"), new("计划检查", "所"), new("已检查", "所"), new("整改未完成", "件"), new("整改逾期", "件")], rows);
        return [new DashboardTile("inspection-coverage", $"{query.Year}年检查覆盖", 60, figures, table)];
    }
}
