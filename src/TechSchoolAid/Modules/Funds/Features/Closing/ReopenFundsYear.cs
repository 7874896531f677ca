using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Funds.Contracts;

namespace TechSchoolAid.Modules.Funds.Features.Closing;

public sealed class ReopenInput
{
    public string? Reason { get; set; }
}

/// <summary>Reopens a closed year, with the reason (audited): the records of the year can be corrected again.</summary>
public sealed class ReopenFundsYear(TsaDbContext db, FinalAccountsSteps steps, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/accounts/{orgCode}/{fiscalYear:int}/reopen", (string orgCode, int fiscalYear, ReopenInput input, ReopenFundsYear f, CancellationToken ct) =>
                f.HandleAsync(orgCode, fiscalYear, input, ct))
            .RequireAccess(FundsAccess.CloseYear)
            .WithSummary("重新开放已关闭的资金年度（须填写原因，记入审计日志）")
            .Produces<FinalAccountsView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<FinalAccountsView> HandleAsync(string orgCode, int fiscalYear, ReopenInput input, CancellationToken ct)
    {
        db.Actor.Demand(FundsAccess.CloseYear);
        FinalAccountsSteps.CheckYear(fiscalYear);
        var reason = input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            throw AppException.Invalid("reason", "请填写重新开放年度的原因");
        }

        if (reason.Length > 500)
        {
            throw AppException.Invalid("reason", "原因不能超过 500 字");
        }

        var org = await steps.OrganizationForWriteAsync(orgCode, ct);
        db.Actor.Demand(FundsAccess.CloseYear, org.ScopePath);
        var year = await steps.YearAsync(org, fiscalYear, ct) ?? throw AppException.Conflict($"{fiscalYear}年度未关闭，无需重新开放");
        year.Reopen(reason, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record(FundsAuditActions.YearReopened, year.Id.ToString(), org.ScopePath, new { closed = true }, new { closed = false, reason }, clock);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw AppException.Conflict($"{fiscalYear}年度已被他人同时修改，请刷新后查看");
        }

        db.ChangeTracker.Clear();
        return await steps.ViewAsync(org, fiscalYear, ct);
    }
}
