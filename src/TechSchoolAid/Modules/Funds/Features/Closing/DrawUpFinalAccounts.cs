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

namespace TechSchoolAid.Modules.Funds.Features.Closing;

/// <summary>The figures the organisation declares, in fen.</summary>
public sealed class DrawUpInput
{
    public long? ReceivedFen { get; set; }

    public long? PaidFen { get; set; }

    public long? ReturnedFen { get; set; }

    public long? BalanceFen { get; set; }

    public string? Note { get; set; }
}

/// <summary>
/// Draws up (编制) the organisation's final accounts: stores the declared figures beside the computed ones and answers
/// every mismatch. Declared figures that do not balance are stored as declared (the view shows why the year cannot close).
/// </summary>
public sealed class DrawUpFinalAccounts(TsaDbContext db, FinalAccountsSteps steps, FinalAccountsCalculator calculator, FundsYearGuard guard, TimeProvider clock)
{
    /// <summary>More than the whole country's aid budget of a year is a typing error (≈ 1,000 亿元).</summary>
    public const long MaxFen = 10_000_000_000_000L;

    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/accounts/{orgCode}/{fiscalYear:int}/draw-up", (string orgCode, int fiscalYear, DrawUpInput input, DrawUpFinalAccounts f, CancellationToken ct) =>
                f.HandleAsync(orgCode, fiscalYear, input, ct))
            .RequireAccess(FundsAccess.CloseYear)
            .WithSummary("编制年度决算：填报收到、支出、退回、结余金额（分），与系统记录并列保存并逐项校验")
            .Produces<FinalAccountsView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<FinalAccountsView> HandleAsync(string orgCode, int fiscalYear, DrawUpInput input, CancellationToken ct)
    {
        db.Actor.Demand(FundsAccess.CloseYear);
        FinalAccountsSteps.CheckYear(fiscalYear);
        var org = await steps.OrganizationForWriteAsync(orgCode, ct);
        db.Actor.Demand(FundsAccess.CloseYear, org.ScopePath);
        var received = Amount(input.ReceivedFen, "receivedFen", "收到资金", allowZero: true);
        var paid = Amount(input.PaidFen, "paidFen", "支出", allowZero: true);
        var returned = Amount(input.ReturnedFen, "returnedFen", "退回资金", allowZero: true);
        var balance = Amount(input.BalanceFen, "balanceFen", "结余", allowZero: true);
        var note = input.Note?.Trim();
        if (note is { Length: > 500 })
        {
            throw AppException.Invalid("note", "说明不能超过 500 字");
        }

        await guard.EnsureOpenAsync(org.ScopePath, fiscalYear, ct);
        var computed = (await calculator.ForAsync(org, fiscalYear, ct)).Figures;
        var account = await steps.AccountAsync(org, fiscalYear, ct);
        var old = account is null ? null : new { account.DeclaredReceivedFen, account.DeclaredPaidFen, account.DeclaredReturnedFen, account.DeclaredBalanceFen };
        if (account is null)
        {
            account = new FinalAccount(Guid.CreateVersion7(), org.Id, org.Name, org.ScopePath, fiscalYear);
            db.Add(account);
        }

        account.DrawUp((received, paid, returned, balance), (computed.ReceivedFen, computed.PaidFen, computed.ReturnedFen, computed.BalanceFen),
            string.IsNullOrEmpty(note) ? null : note, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record(FundsAuditActions.AccountsDrawnUp, account.Id.ToString(), org.ScopePath, old,
            new { fiscalYear, received, paid, returned, balance, computed }, clock);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw AppException.Conflict("决算已被他人同时修改，请刷新后重试");
        }
        catch (DbUpdateException ex) when (UniqueIndex.IsViolation(ex, "ux_funds_final_accounts_year", "funds_final_accounts.OrganizationId"))
        {
            throw AppException.Conflict("决算已被他人同时编制，请刷新后重试");
        }

        db.ChangeTracker.Clear();
        return await steps.ViewAsync(org, fiscalYear, ct);
    }

    /// <summary>A declared amount: given, not negative (a balance may not be negative either: money cannot be spent twice), not absurd.</summary>
    public static long Amount(long? value, string field, string what, bool allowZero)
    {
        if (value is not { } v)
        {
            throw AppException.Invalid(field, $"请填写{what}（分）");
        }

        if (v < 0 || (!allowZero && v == 0))
        {
            throw AppException.Invalid(field, allowZero ? $"{what}不能为负数" : $"{what}必须大于 0");
        }

        if (v > MaxFen)
        {
            throw AppException.Invalid(field, $"{what}超出合理范围（不能超过 1000 亿元），请核对单位是否为“分”");
        }

        return v;
    }
}
