using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;
using TechSchoolAid.Modules.Funds.Features.Budgets;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Funds.Features.Performance;

public sealed class PerformanceTargetsInput
{
    public int? FiscalYear { get; set; }

    public int? ExecutionRatePercent { get; set; }

    public int? TimelinessPercent { get; set; }

    public int? ApprovalOnTimePercent { get; set; }

    public int? DuplicatesClearedPercent { get; set; }

    public int? RectificationPercent { get; set; }

    /// <summary>The version the caller saw when changing existing targets (409 when someone changed them since).</summary>
    public int? Version { get; set; }
}

/// <summary>The province administrator sets (or revises) the province's performance targets for a year (绩效目标, FND-3), audited old → new.</summary>
public sealed class SetPerformanceTargets(TsaDbContext db, FundsYearGuard years, BudgetSteps steps, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder g) =>
        g.MapPut("/performance/targets", (PerformanceTargetsInput input, SetPerformanceTargets set, CancellationToken ct) => set.HandleAsync(input, ct))
            .RequireAccess(FundsAccess.ManagePerformance)
            .WithSummary("省级设定本省年度绩效目标（各项指标的目标值，0–100%）")
            .Produces<PerformanceTargetsView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);

    public async Task<PerformanceTargetsView> HandleAsync(PerformanceTargetsInput input, CancellationToken ct)
    {
        var me = db.Actor.ScopePath;
        db.Actor.Demand(FundsAccess.ManagePerformance, me);
        var errors = new Dictionary<string, string[]>();
        if (input.FiscalYear is not { } year || year < 2000 || year > 2100)
        {
            errors["fiscalYear"] = ["请填写正确的预算年度"];
        }

        foreach (var (field, name, value) in new[]
                 {
                     ("executionRatePercent", "预算执行率目标", input.ExecutionRatePercent), ("timelinessPercent", "发放及时率目标", input.TimelinessPercent),
                     ("approvalOnTimePercent", "按期审核率目标", input.ApprovalOnTimePercent), ("duplicatesClearedPercent", "重复资助清理率目标", input.DuplicatesClearedPercent),
                     ("rectificationPercent", "整改完成率目标", input.RectificationPercent),
                 })
        {
            if (value is not { } v || v < 0 || v > 100)
            {
                errors[field] = [$"{name}应在 0 至 100（%）之间"];
            }
        }

        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors);
        }

        var fiscalYear = input.FiscalYear!.Value;
        await years.EnsureOpenAsync(me, fiscalYear, ct);
        var target = await db.Set<PerformanceTarget>().FirstOrDefaultAsync(t => t.ScopePath == me && t.FiscalYear == fiscalYear, ct);
        var old = target is null ? null : new { target.ExecutionRatePercent, target.TimelinessPercent, target.ApprovalOnTimePercent, target.DuplicatesClearedPercent, target.RectificationPercent };
        if (target is null)
        {
            var org = await db.AllOrganizations().FirstAsync(o => o.Code == db.Actor.OrganizationCode, ct);
            target = new PerformanceTarget(Guid.CreateVersion7(), org.Id, me, fiscalYear);
            db.Add(target);
        }
        else if (input.Version is { } v && v != target.Version)
        {
            throw AppException.Conflict("本省该年度的绩效目标已被他人修改，请刷新后重试");
        }

        target.Set(input.ExecutionRatePercent!.Value, input.TimelinessPercent!.Value, input.ApprovalOnTimePercent!.Value, input.DuplicatesClearedPercent!.Value,
            input.RectificationPercent!.Value, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record(FundsAuditActions.TargetsSet, target.Id.ToString(), me, old, new
        {
            fiscalYear, target.ExecutionRatePercent, target.TimelinessPercent, target.ApprovalOnTimePercent, target.DuplicatesClearedPercent, target.RectificationPercent,
        }, clock);
        await steps.SaveAsync(ct);
        return new PerformanceTargetsView(target.ExecutionRatePercent, target.TimelinessPercent, target.ApprovalOnTimePercent, target.DuplicatesClearedPercent,
            target.RectificationPercent, target.SetBy, target.SetAtUtc, target.Version);
    }
}
