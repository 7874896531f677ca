using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;

namespace TechSchoolAid.Modules.Funds.Features.Budgets;

public sealed class ReceiptInput
{
    public DateOnly? ReceivedOn { get; set; }

    /// <summary>The version the caller saw (409 when someone changed it since).</summary>
    public int? Version { get; set; }
}

public sealed record ReceiptConfirmed(Guid Id, DateOnly ReceivedOn, DateOnly? PassOnDueOn, int Version);

/// <summary>
/// The recipient confirms the date the money arrived (FND-1): a province or city's finance office, or the school's finance
/// staff. The date starts the 30 days to pass the money on; it may not lie in the future nor before the issue date.
/// </summary>
public sealed class ConfirmAllocationReceipt(TsaDbContext db, FundsYearGuard years, BudgetSteps steps, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder g) =>
        g.MapPost("/allocations/{id:guid}/receipt", (Guid id, ReceiptInput input, ConfirmAllocationReceipt confirm, CancellationToken ct) => confirm.HandleAsync(id, input, ct))
            .RequirePermission(Permission.ViewFunds)
            .WithSummary("收款单位确认收到资金（收到日期不得晚于今天、不得早于下达日期；自收到之日起30日内向下分配）")
            .Produces<ReceiptConfirmed>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<ReceiptConfirmed> HandleAsync(Guid id, ReceiptInput input, CancellationToken ct)
    {
        var allocation = await db.Set<Allocation>().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw AppException.NotFound("资金下达记录");
        var rule = db.Actor.Level == OrgLevel.School ? FundsAccess.SchoolConfirmReceipt : FundsAccess.ConfirmReceipt;
        db.Actor.Demand(rule, allocation.ScopePath);
        if (input.ReceivedOn is not { } on)
        {
            throw AppException.Invalid("receivedOn", "请填写收到日期");
        }

        allocation.EnsureVersion(input.Version);
        await years.EnsureOpenAsync(allocation.ScopePath, allocation.FiscalYear, ct);
        allocation.ConfirmReceipt(on, db.Actor.UserName, clock.Today());
        db.Record(FundsAuditActions.AllocationReceived, allocation.Id.ToString(), allocation.ScopePath, null,
            new { receivedOn = ChinaTime.Iso(on), allocation.AmountFen, allocation.DocumentNumber }, clock);
        await steps.SaveAsync(ct);
        return new ReceiptConfirmed(allocation.Id, on, allocation.PassOnDueOn, allocation.Version);
    }
}
