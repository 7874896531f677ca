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

/// <summary>
/// Closes the organisation's fiscal year (FND-2) — only when its final accounts are drawn up and balance, declared and
/// computed alike, with no line waiting for the bank. From then on <see cref="FundsYearGuard"/> refuses every money write
/// of the year at or under the organisation. Two clerks closing at once: one succeeds, the other gets 409.
/// </summary>
public sealed class CloseFundsYear(TsaDbContext db, FinalAccountsSteps steps, FinalAccountsCalculator calculator, FundsYearGuard guard, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/accounts/{orgCode}/{fiscalYear:int}/close", (string orgCode, int fiscalYear, CloseFundsYear f, CancellationToken ct) => f.HandleAsync(orgCode, fiscalYear, ct))
            .RequireAccess(FundsAccess.CloseYear)
            .WithSummary("关闭资金年度：决算收支平衡后方可关闭，关闭后本单位及下级该年度的资金记录只读")
            .Produces<FinalAccountsView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<FinalAccountsView> HandleAsync(string orgCode, int fiscalYear, CancellationToken ct)
    {
        db.Actor.Demand(FundsAccess.CloseYear);
        FinalAccountsSteps.CheckYear(fiscalYear);
        var org = await steps.OrganizationForWriteAsync(orgCode, ct);
        db.Actor.Demand(FundsAccess.CloseYear, org.ScopePath);
        await guard.EnsureOpenAsync(org.ScopePath, fiscalYear, ct);
        var account = await steps.AccountAsync(org, fiscalYear, ct);
        var computed = await calculator.ForAsync(org, fiscalYear, ct);
        var declared = account is null ? null
            : new AccountFigures(account.DeclaredReceivedFen, account.DeclaredPaidFen, account.DeclaredReturnedFen, account.DeclaredBalanceFen);
        var mismatches = FinalAccountsCalculator.Mismatches(computed, declared);
        if (mismatches.Count > 0)
        {
            throw AppException.Invalid("accounts", "决算不平衡，不能关闭年度：" + string.Join("；", mismatches));
        }

        var year = await steps.YearAsync(org, fiscalYear, ct);
        if (year is null)
        {
            year = new FundsYear(Guid.CreateVersion7(), org.Id, org.ScopePath, fiscalYear);
            db.Add(year);
        }

        year.Close(db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record(FundsAuditActions.YearClosed, year.Id.ToString(), org.ScopePath, null, new { fiscalYear, figures = computed.Figures }, clock);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw AppException.Conflict($"{fiscalYear}年度已被他人同时关闭或重新开放，请刷新后查看");
        }
        catch (DbUpdateException ex) when (UniqueIndex.IsViolation(ex, "IX_funds_years_OrganizationId_FiscalYear", "funds_years.OrganizationId"))
        {
            throw AppException.Conflict($"{fiscalYear}年度已被他人同时关闭，请刷新后查看");
        }

        db.ChangeTracker.Clear();
        return await steps.ViewAsync(org, fiscalYear, ct);
    }
}
