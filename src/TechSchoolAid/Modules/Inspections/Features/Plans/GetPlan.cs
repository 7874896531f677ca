using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.Inspections.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Inspections.Features.Plans;

/// <summary>A plan with the checker's breaches (INS-1), and the plans of the caller's scope.</summary>
public sealed class GetPlan(TsaDbContext db, PlanViews views)
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/plans/{id:guid}", (Guid id, GetPlan get, CancellationToken ct) => get.HandleAsync(id, ct))
            .RequireAccess(InspectionAccess.View)
            .WithSummary("查看检查计划：列入的学校及理由、覆盖规则检查结果（违反项）、未列入学校的风险")
            .Produces<PlanView>().ProducesProblem(403).ProducesProblem(404);
        g.MapGet("/plans", (int? year, GetPlan get, CancellationToken ct) => get.ListAsync(year, ct))
            .RequireAccess(InspectionAccess.View)
            .WithSummary("本辖区的年度检查计划（部级看全部省份）")
            .Produces<List<PlanSummaryView>>().ProducesProblem(403);
    }

    public async Task<PlanView> HandleAsync(Guid id, CancellationToken ct)
    {
        var plan = await views.LoadAsync(id, tracked: false, ct);
        db.Actor.Demand(InspectionAccess.View, plan.ScopePath);
        return await views.ViewAsync(plan, ct);
    }

    public async Task<List<PlanSummaryView>> ListAsync(int? year, CancellationToken ct)
    {
        db.Actor.Demand(InspectionAccess.View);
        var q = db.Set<InspectionPlan>().AsNoTracking();
        if (year is { } y)
        {
            q = q.Where(p => p.Year == y);
        }

        var plans = await q.OrderByDescending(p => p.Year).ThenBy(p => p.ProvinceCode)
            .Select(p => new { p.Id, p.ProvinceCode, p.Year, p.State, Schools = p.Entries.Count, Breaches = p.Acknowledgements.Count })
            .ToListAsync(ct);
        var ids = plans.Select(p => p.Id).ToList();
        var visited = await db.Set<InspectionVisit>().AsNoTracking().Where(v => v.PlanId != null && ids.Contains(v.PlanId.Value))
            .GroupBy(v => v.PlanId).Select(g => new { Id = g.Key!.Value, Count = g.Select(v => v.TargetCode).Distinct().Count() })
            .ToDictionaryAsync(x => x.Id, x => x.Count, ct);
        return plans.Select(p => new PlanSummaryView(p.Id, p.ProvinceCode, Divisions.ProvinceName(p.ProvinceCode) ?? p.ProvinceCode, p.Year, p.State, p.State.ToChinese(),
            p.Schools, visited.GetValueOrDefault(p.Id), p.Breaches)).ToList();
    }
}
