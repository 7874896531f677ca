using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Funds.Contracts;

namespace TechSchoolAid.Modules.Funds.Features.Closing;

/// <summary>An organisation's final accounts of a year (决算, FND-2): received, paid, returned, balance, the rule checked and every mismatch.</summary>
public sealed class GetFinalAccounts(TsaDbContext db, FinalAccountsSteps steps)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/accounts/{orgCode}/{fiscalYear:int}", (string orgCode, int fiscalYear, GetFinalAccounts q, CancellationToken ct) => q.HandleAsync(orgCode, fiscalYear, ct))
            .RequireAccess(FundsAccess.View)
            .WithSummary("查看单位年度决算：收到、支出、退回、结余，校验“收到 = 支出 + 退回 + 结余”并列出每一处不一致")
            .Produces<FinalAccountsView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);

    public async Task<FinalAccountsView> HandleAsync(string orgCode, int fiscalYear, CancellationToken ct)
    {
        db.Actor.Demand(FundsAccess.View);
        FinalAccountsSteps.CheckYear(fiscalYear);
        var org = await steps.OrganizationAsync(orgCode, ct);
        db.Actor.Demand(FundsAccess.View, org.ScopePath);
        return await steps.ViewAsync(org, fiscalYear, ct);
    }
}
