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

namespace TechSchoolAid.Modules.Funds.Features.Budgets;

public sealed class CancelAllocationInput
{
    public string? Reason { get; set; }

    public int? Version { get; set; }
}

/// <summary>The sender takes back an allocation recorded in error, before the recipient confirms it (with the reason, audited).</summary>
public sealed class CancelAllocation(TsaDbContext db, FundsYearGuard years, BudgetSteps steps, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder g) =>
        g.MapPost("/allocations/{id:guid}/cancellation", async (Guid id, CancelAllocationInput input, CancelAllocation cancel, CancellationToken ct) =>
        {
            await cancel.HandleAsync(id, input, ct);
            return TypedResults.NoContent();
        }).RequireAccess(FundsAccess.Allocate)
            .WithSummary("下达单位撤销误登记的资金下达（收款单位确认收到前，须填写原因）")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task HandleAsync(Guid id, CancelAllocationInput input, CancellationToken ct)
    {
        var allocation = await db.Set<Allocation>().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw AppException.NotFound("资金下达记录");
        db.Actor.Demand(FundsAccess.Allocate, allocation.FromScopePath);
        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length == 0)
        {
            throw AppException.Invalid("reason", "请填写撤销原因");
        }

        if (reason.Length > 200)
        {
            throw AppException.Invalid("reason", "撤销原因不能超过 200 字");
        }

        allocation.EnsureVersion(input.Version);
        await years.EnsureOpenAsync(allocation.ScopePath, allocation.FiscalYear, ct);
        allocation.Cancel();
        db.Record(FundsAuditActions.AllocationCancelled, allocation.Id.ToString(), allocation.ScopePath, null, new { reason, allocation.AmountFen }, clock);
        await steps.SaveAsync(ct);
    }
}
