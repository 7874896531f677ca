using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.Inspections.Domain;

namespace TechSchoolAid.Modules.Inspections.Features.Plans;

public sealed class BreachAcknowledgementInput
{
    /// <summary>The breach's key as the checker lists it ("province-managed:44010001", "city-share", "three-years:44010007").</summary>
    public string? Key { get; set; }

    public string? Reason { get; set; }
}

public sealed class ConfirmPlanInput
{
    public int? Version { get; set; }

    /// <summary>A reason for every breach the checker lists; without one for each, the plan is not confirmed (400 naming the breaches).</summary>
    public List<BreachAcknowledgementInput>? Acknowledgements { get; set; }
}

/// <summary>The province confirms its plan (INS-1): refused unless every breach of the coverage rules is acknowledged with a reason; then read-only.</summary>
public sealed class ConfirmPlan(TsaDbContext db, PlanRules rules, PlanViews views, InspectionSupport support, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/plans/{id:guid}/confirmation", (Guid id, ConfirmPlanInput input, ConfirmPlan confirm, CancellationToken ct) => confirm.HandleAsync(id, input, ct))
            .RequireAccess(InspectionAccess.Plan)
            .WithSummary("确认年度检查计划（每一项不符合覆盖要求的情形都须说明理由，否则不予确认；确认后只读）")
            .Produces<PlanView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<PlanView> HandleAsync(Guid id, ConfirmPlanInput input, CancellationToken ct)
    {
        var plan = await views.LoadAsync(id, tracked: true, ct);
        db.Actor.Demand(InspectionAccess.Plan, plan.ScopePath);
        if (plan.State == PlanState.Confirmed)
        {
            throw AppException.Conflict($"{plan.Year}年检查计划已确认");
        }

        if (input.Version is { } v && v != plan.Version)
        {
            throw AppException.Conflict("检查计划已被他人修改，请刷新后重新检查");
        }

        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in input.Acknowledgements ?? [])
        {
            if (string.IsNullOrWhiteSpace(a.Key))
            {
                throw AppException.Invalid("acknowledgements", "每项说明都须注明所针对的违反项");
            }

            if ((a.Reason ?? "").Trim().Length > InspectionPlan.MaxReasonLength)
            {
                throw AppException.Invalid("acknowledgements", $"说明理由不能超过 {InspectionPlan.MaxReasonLength} 个字符");
            }

            reasons[a.Key.Trim()] = a.Reason ?? "";
        }

        var situation = await rules.SituationAsync(plan.ScopePath, plan.Year, ct);
        var breaches = PlanRules.Breaches(situation, plan.Entries.Select(e => e.SchoolCode).ToHashSet(StringComparer.Ordinal));
        plan.Confirm(breaches, reasons, db.Actor.UserName, support.NowUtc);
        db.AddRange(plan.Acknowledgements);
        db.Record(InspectionAuditActions.PlanConfirmed, plan.Id.ToString(), plan.ScopePath, null,
            new { plan.Year, schools = plan.Entries.Count, acknowledged = breaches.Select(b => new { b.Key, reason = reasons[b.Key] }) }, clock);
        await support.SaveAsync("检查计划已被他人修改，请刷新后重新检查", ct);
        return await views.ViewAsync(plan, ct);
    }
}
