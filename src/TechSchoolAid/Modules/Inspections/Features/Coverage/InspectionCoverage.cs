using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.Inspections.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Inspections.Features.Coverage;

/// <summary>
/// Coverage per province over the last three years (INS-1, the notice 三(二)): 省管 schools visited each year, the share
/// of 市管 schools visited each year, the schools never visited in the three years, open and overdue rectifications.
/// The ministry sees every province at a glance; a province sees its own.
/// </summary>
public sealed class InspectionCoverage(TsaDbContext db, InspectionSupport support)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/coverage", (int? year, InspectionCoverage coverage, CancellationToken ct) => coverage.HandleAsync(year, ct))
            .RequireAccess(InspectionAccess.View)
            .WithSummary("各省近三年检查覆盖情况：省管学校每年覆盖、市管学校每年覆盖比例、三年未检查的学校、整改进度")
            .Produces<List<CoverageView>>().ProducesProblem(400).ProducesProblem(403);

    public async Task<List<CoverageView>> HandleAsync(int? year, CancellationToken ct)
    {
        db.Actor.Demand(InspectionAccess.View);
        var today = support.Today;
        var last = year ?? today.Year;
        if (last < 2000 || last > today.Year + 1)
        {
            throw AppException.Invalid("year", $"年度应在 2000 至 {today.Year + 1} 年之间");
        }

        var first = last - 2;
        var schools = await db.SchoolsUnderAsync(db.Actor.ScopePath, ct);
        var visits = await db.Set<InspectionVisit>().AsNoTracking().Where(v => v.Year >= first && v.Year <= last)
            .Select(v => new { v.TargetCode, v.TargetIsSchool, v.ProvinceCode, v.Year, v.Kind }).ToListAsync(ct);
        var plans = await db.Set<InspectionPlan>().AsNoTracking().Where(p => p.Year >= first && p.Year <= last)
            .Select(p => new { p.ProvinceCode, p.Year, p.State }).ToListAsync(ct);
        var tasks = await db.Set<RectificationTask>().AsNoTracking().Where(t => t.State != RectificationState.Closed)
            .Select(t => new { t.ScopePath, t.State, t.DueOn }).ToListAsync(ct);
        var visited = visits.Where(v => v.TargetIsSchool).Select(v => (v.TargetCode, v.Year)).ToHashSet();
        var result = new List<CoverageView>();
        foreach (var province in schools.GroupBy(s => s.ProvinceCode ?? "").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var years = new List<CoverageYearView>();
            var prov = province.Where(s => s.ManagedBy == ManagedBy.Province).ToList();
            var city = province.Where(s => s.ManagedBy == ManagedBy.City).ToList();
            for (var y = first; y <= last; y++)
            {
                var cityVisited = city.Count(s => visited.Contains((s.Code, y)));
                years.Add(new CoverageYearView(y, prov.Count, prov.Count(s => visited.Contains((s.Code, y))), city.Count, cityVisited,
                    city.Count == 0 ? 0 : cityVisited * 1000 / city.Count,
                    plans.Any(p => p.ProvinceCode == province.Key && p.Year == y && p.State == PlanState.Confirmed),
                    visits.Count(v => v.ProvinceCode == province.Key && v.Year == y && v.Kind == VisitKind.SpotCheck)));
            }

            var never = province.Where(s => !Enumerable.Range(first, 3).Any(y => visited.Contains((s.Code, y)))).Select(s => $"{s.Name}（{s.Code}）").ToList();
            var provinceTasks = tasks.Where(t => province.Any(s => t.ScopePath.StartsWith(s.ScopePath, StringComparison.Ordinal))).ToList();
            result.Add(new CoverageView(province.Key, Divisions.ProvinceName(province.Key) ?? province.Key, years, never, provinceTasks.Count,
                provinceTasks.Count(t => t.State is RectificationState.Open or RectificationState.Returned && t.DueOn < today)));
        }

        return result;
    }
}
