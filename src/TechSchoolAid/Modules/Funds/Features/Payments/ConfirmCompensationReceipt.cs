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

namespace TechSchoolAid.Modules.Funds.Features.Payments;

public sealed class ReceiptInput
{
    public DateOnly? ReceivedOn { get; set; }
}

/// <summary>The school confirms that its tuition-waiver compensation arrived (the paying school's finance staff).</summary>
public sealed class ConfirmCompensationReceipt(TsaDbContext db, FundsYearGuard years, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/waiver-compensations/{id:guid}/receipt", async (Guid id, ReceiptInput input, ConfirmCompensationReceipt confirm, CancellationToken ct) =>
            TypedResults.Ok(await confirm.HandleAsync(id, input, ct)))
            .RequireAccess(FundsAccess.Pay)
            .WithSummary("学校确认收到免学费补助资金").Produces<WaiverCompensationRow>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<WaiverCompensationRow> HandleAsync(Guid id, ReceiptInput input, CancellationToken ct)
    {
        db.Actor.Demand(FundsAccess.Pay);
        var comp = await db.Set<WaiverCompensation>().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw AppException.NotFound("免学费补助资金记录");
        db.Actor.Demand(FundsAccess.Pay, comp.ScopePath);
        var today = clock.Today();
        var on = input.ReceivedOn ?? today;
        if (on > today || on < comp.PaidOn)
        {
            throw AppException.Invalid("receivedOn", $"到账日期应在拨付日期 {ChinaTime.Iso(comp.PaidOn)} 至今天之间");
        }

        await years.EnsureOpenAsync(comp.ScopePath, comp.FiscalYear, ct);
        comp.ConfirmReceived(on, db.Actor.UserName);
        db.Record(FundsAuditActions.CompensationReceived, comp.Id.ToString(), comp.ScopePath, null, new { receivedOn = ChinaTime.Iso(on) }, clock);
        await PaymentRows.SaveAsync(db, "该记录刚被他人确认，请刷新后查看", ct);
        return ListWaiverCompensations.ToRow(comp);
    }
}
