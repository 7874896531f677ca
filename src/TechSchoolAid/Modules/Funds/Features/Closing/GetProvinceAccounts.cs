using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;

namespace TechSchoolAid.Modules.Funds.Features.Closing;

/// <summary>One province in the ministry's table, with its own accounts' state.</summary>
public sealed record ProvinceAccountsRow(string ProvinceCode, string ProvinceName, AccountFigures Figures, bool Balances, bool DrawnUp, bool Closed);

public sealed record ProvinceAccountsTable(int FiscalYear, List<ProvinceAccountsRow> Rows, AccountFigures Total);

/// <summary>The ministry's table of every province's final accounts for a year (each province as a whole), with the national total.</summary>
public sealed class GetProvinceAccounts(TsaDbContext db, FinalAccountsCalculator calculator)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/accounts/{fiscalYear:int}/provinces", (int fiscalYear, GetProvinceAccounts q, CancellationToken ct) => q.HandleAsync(fiscalYear, ct))
            .RequireAccess(FundsAccess.View)
            .WithSummary("各省年度决算汇总表（教育部/人社部）：各省收到、发放、退回、结余及决算编制和关闭情况")
            .Produces<ProvinceAccountsTable>().ProducesProblem(400).ProducesProblem(403);

    public async Task<ProvinceAccountsTable> HandleAsync(int fiscalYear, CancellationToken ct)
    {
        db.Actor.Demand(FundsAccess.View);
        if (db.Actor.Level != OrgLevel.Ministry)
        {
            throw AppException.Forbidden("各省决算汇总表只供部级用户查看");
        }

        FinalAccountsSteps.CheckYear(fiscalYear);
        var provinces = await calculator.ProvincesAsync(fiscalYear, ct);
        var drawn = await db.Set<FinalAccount>().AsNoTracking().Where(a => a.FiscalYear == fiscalYear && a.ScopePath.Length == 4)
            .Select(a => a.ScopePath).ToListAsync(ct);
        var closed = await db.Set<FundsYear>().AsNoTracking().Where(y => y.FiscalYear == fiscalYear && y.IsClosed && y.ScopePath.Length == 4)
            .Select(y => y.ScopePath).ToListAsync(ct);
        var rows = provinces.Select(p => new ProvinceAccountsRow(p.ProvinceCode, p.ProvinceName, p.Figures, p.Figures.BalanceFen >= 0,
            drawn.Contains($"/{p.ProvinceCode}/"), closed.Contains($"/{p.ProvinceCode}/"))).ToList();
        return new ProvinceAccountsTable(fiscalYear, rows, rows.Aggregate(AccountFigures.Of(0, 0, 0), (a, r) => a.Plus(r.Figures)));
    }
}
