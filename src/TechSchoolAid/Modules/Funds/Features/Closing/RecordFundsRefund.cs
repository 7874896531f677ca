using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;

namespace TechSchoolAid.Modules.Funds.Features.Closing;

public sealed class RefundInput
{
    public RefundTarget? Target { get; set; }

    public long? AmountFen { get; set; }

    public DateOnly? ReturnedOn { get; set; }

    public string? DocumentNumber { get; set; }

    public string? Note { get; set; }
}

/// <summary>Enters money the organisation gave back in the year (to the level above or the treasury): the "returned" of its final accounts.</summary>
public sealed class RecordFundsRefund(TsaDbContext db, FinalAccountsSteps steps, FundsYearGuard guard, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/accounts/{orgCode}/{fiscalYear:int}/returns", (string orgCode, int fiscalYear, RefundInput input, RecordFundsRefund f, CancellationToken ct) =>
                f.HandleAsync(orgCode, fiscalYear, input, ct))
            .RequireAccess(FundsAccess.CloseYear)
            .WithSummary("登记退回资金（退回上级或缴回国库），计入本单位年度决算的“退回”")
            .Produces<FinalAccountsView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<FinalAccountsView> HandleAsync(string orgCode, int fiscalYear, RefundInput input, CancellationToken ct)
    {
        db.Actor.Demand(FundsAccess.CloseYear);
        FinalAccountsSteps.CheckYear(fiscalYear);
        if (input.Target is not { } target || !Enum.IsDefined(target))
        {
            throw AppException.Invalid("target", "请选择退回去向（退回上级或缴回国库）");
        }

        var amount = DrawUpFinalAccounts.Amount(input.AmountFen, "amountFen", "退回金额", allowZero: false);
        if (input.ReturnedOn is not { } on || on.Year != fiscalYear || on > clock.Today())
        {
            throw AppException.Invalid("returnedOn", $"请填写退回日期（{fiscalYear}年内，且不晚于今天）");
        }

        var document = input.DocumentNumber?.Trim();
        if (string.IsNullOrEmpty(document) || document.Length > 100)
        {
            throw AppException.Invalid("documentNumber", "请填写缴款书或退款文号（不超过 100 字）");
        }

        var note = input.Note?.Trim();
        if (note is { Length: > 500 })
        {
            throw AppException.Invalid("note", "说明不能超过 500 字");
        }

        var org = await steps.OrganizationForWriteAsync(orgCode, ct);
        db.Actor.Demand(FundsAccess.CloseYear, org.ScopePath);
        await guard.EnsureOpenAsync(org.ScopePath, fiscalYear, ct);
        var refund = new FundsRefund(Guid.CreateVersion7(), org.Id, org.ScopePath, fiscalYear, target, amount, on, document,
            string.IsNullOrEmpty(note) ? null : note, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Add(refund);
        db.Record(FundsAuditActions.RefundRecorded, refund.Id.ToString(), org.ScopePath, null, new { fiscalYear, target, amount, on, document }, clock);
        await db.SaveChangesAsync(ct);
        return await steps.ViewAsync(org, fiscalYear, ct);
    }
}
