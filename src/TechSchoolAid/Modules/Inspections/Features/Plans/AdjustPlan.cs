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

public sealed class PlanEntryInput
{
    public string? SchoolCode { get; set; }

    /// <summary>Why the province adds or removes the school (required).</summary>
    public string? Reason { get; set; }

    /// <summary>The plan's version the caller saw (409 when someone changed it since).</summary>
    public int? Version { get; set; }
}

/// <summary>The province adjusts its draft plan: adds a school or removes one, each with a reason (INS-1); a confirmed plan is read-only (409).</summary>
public sealed class AdjustPlan(TsaDbContext db, PlanRules rules, PlanViews views, InspectionSupport support, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/plans/{id:guid}/entries", (Guid id, PlanEntryInput input, AdjustPlan adjust, CancellationToken ct) => adjust.AddAsync(id, input, ct))
            .RequireAccess(InspectionAccess.Plan)
            .WithSummary("检查计划增加学校（须说明理由；已确认的计划不能修改）")
            .Produces<PlanView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        g.MapPost("/plans/{id:guid}/entries/removal", (Guid id, PlanEntryInput input, AdjustPlan adjust, CancellationToken ct) => adjust.RemoveAsync(id, input, ct))
            .RequireAccess(InspectionAccess.Plan)
            .WithSummary("检查计划移出学校（须说明理由；已确认的计划不能修改）")
            .Produces<PlanView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
    }

    public async Task<PlanView> AddAsync(Guid id, PlanEntryInput input, CancellationToken ct)
    {
        var (plan, code, reason) = await PrepareAsync(id, input, ct);
        var situation = await rules.SituationAsync(plan.ScopePath, plan.Year, ct);
        var school = situation.Schools.FirstOrDefault(s => s.School.Code == code)
            ?? throw AppException.Invalid("schoolCode", $"学校代码 {Shorten(code)} 不是本省的学校");
        plan.Add(school.School, EntryReason.AddedByProvince, school.RiskScore, school.RiskDetail, reason);
        db.Record(InspectionAuditActions.PlanSchoolAdded, plan.Id.ToString(), plan.ScopePath, null, new { schoolCode = code, reason }, clock);
        await support.SaveAsync("检查计划已被他人修改，请刷新后重试", ct);
        return await views.ViewAsync(plan, ct);
    }

    public async Task<PlanView> RemoveAsync(Guid id, PlanEntryInput input, CancellationToken ct)
    {
        var (plan, code, reason) = await PrepareAsync(id, input, ct);
        var entry = plan.Remove(code);
        db.Remove(entry);
        db.Record(InspectionAuditActions.PlanSchoolRemoved, plan.Id.ToString(), plan.ScopePath, new { schoolCode = code, entry.Reason, entry.RiskScore }, new { reason }, clock);
        await support.SaveAsync("检查计划已被他人修改，请刷新后重试", ct);
        return await views.ViewAsync(plan, ct);
    }

    private async Task<(InspectionPlan Plan, string Code, string Reason)> PrepareAsync(Guid id, PlanEntryInput input, CancellationToken ct)
    {
        var plan = await views.LoadAsync(id, tracked: true, ct);
        db.Actor.Demand(InspectionAccess.Plan, plan.ScopePath);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.SchoolCode))
        {
            errors["schoolCode"] = ["请填写学校代码"];
        }

        if (string.IsNullOrWhiteSpace(input.Reason))
        {
            errors["reason"] = ["请填写调整理由"];
        }
        else if (input.Reason.Trim().Length > InspectionPlan.MaxReasonLength)
        {
            errors["reason"] = [$"调整理由不能超过 {InspectionPlan.MaxReasonLength} 个字符"];
        }

        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors);
        }

        if (plan.State == PlanState.Confirmed)
        {
            throw AppException.Conflict($"{plan.Year}年检查计划已确认，不能再修改");
        }

        if (input.Version is { } v && v != plan.Version)
        {
            throw AppException.Conflict("检查计划已被他人修改，请刷新后重试");
        }

        return (plan, input.SchoolCode!.Trim(), input.Reason!.Trim());
    }

    private static string Shorten(string s) => s.Length > 20 ? s[..20] + "…" : s;
}
