using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.Inspections.Domain;

namespace TechSchoolAid.Modules.Inspections.Features.Plans;

public sealed class ProposePlanInput
{
    public int? Year { get; set; }
}

/// <summary>The province asks the system to propose its plan for a year (INS-1): 省管 schools, the three-year rule, then risk first to the share.</summary>
public sealed class ProposePlan(TsaDbContext db, PlanRules rules, PlanViews views, InspectionSupport support, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/plans", async (ProposePlanInput input, ProposePlan propose, CancellationToken ct) =>
            {
                var plan = await propose.HandleAsync(input, ct);
                return TypedResults.Created($"/api/v1/inspections/plans/{plan.Id}", plan);
            })
            .RequireAccess(InspectionAccess.Plan)
            .WithSummary("省级生成本省年度检查计划（省管学校全部列入；前两年未检查的市管学校必须列入；其余按风险排序至三分之一以上）")
            .Produces<PlanView>(201).ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);

    public async Task<PlanView> HandleAsync(ProposePlanInput input, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(InspectionAccess.Plan, actor.ScopePath);
        var today = support.Today;
        if (input.Year is not { } year || year < today.Year - 1 || year > today.Year + 1)
        {
            throw AppException.Invalid("year", $"检查年度应为 {today.Year - 1} 至 {today.Year + 1} 年之间");
        }

        if (await db.Set<InspectionPlan>().AnyAsync(p => p.ScopePath == actor.ScopePath && p.Year == year, ct))
        {
            throw AppException.Conflict($"本省{year}年检查计划已存在，请在原计划上调整");
        }

        var situation = await rules.SituationAsync(actor.ScopePath, year, ct);
        var plan = new InspectionPlan(Guid.CreateVersion7(), actor.OrganizationCode, actor.ScopePath, year, actor.UserName, support.NowUtc);
        foreach (var (school, reason) in PlanRules.Propose(situation))
        {
            plan.Add(school.School, reason, school.RiskScore, school.RiskDetail, null);
        }

        db.Add(plan);
        db.Record(InspectionAuditActions.PlanProposed, plan.Id.ToString(), plan.ScopePath, null,
            new { year, schools = plan.Entries.Select(e => new { e.SchoolCode, e.Reason, e.RiskScore }) }, clock);
        await support.SaveAsync($"本省{year}年检查计划已存在，请刷新后查看", ct);
        return await views.ViewAsync(plan, ct);
    }
}
