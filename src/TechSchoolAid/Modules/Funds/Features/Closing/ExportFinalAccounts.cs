using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Funds.Contracts;

namespace TechSchoolAid.Modules.Funds.Features.Closing;

/// <summary>The final accounts as an Excel file (决算表): the figures, their sources, the mismatches; for the ministry also the provinces' table.</summary>
public sealed class ExportFinalAccounts(TsaDbContext db, FinalAccountsSteps steps, GetProvinceAccounts provinces, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/accounts/{orgCode}/{fiscalYear:int}/export", async (string orgCode, int fiscalYear, ExportFinalAccounts f, CancellationToken ct) =>
        {
            var (bytes, name) = await f.HandleAsync(orgCode, fiscalYear, ct);
            return TypedResults.File(bytes, FileResponses.Xlsx, name);
        }).RequireAccess(FundsAccess.Export)
            .WithSummary("导出年度决算 Excel（部级含各省汇总表）").ProducesFile(FileResponses.Xlsx).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);

    public async Task<(byte[] Bytes, string FileName)> HandleAsync(string orgCode, int fiscalYear, CancellationToken ct)
    {
        db.Actor.Demand(FundsAccess.Export);
        FinalAccountsSteps.CheckYear(fiscalYear);
        var org = await steps.OrganizationAsync(orgCode, ct);
        db.Actor.Demand(FundsAccess.Export, org.ScopePath);
        var view = await steps.ViewAsync(org, fiscalYear, ct);
        var sheets = new Dictionary<string, IEnumerable<IDictionary<string, object?>>>
        {
            ["决算表"] = Figures(view),
            ["资金来源明细"] = view.Sources.Select(s => (IDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["项目"] = s.Figure switch { "received" => "收到", "paid" => "支出", _ => "退回" },
                ["说明"] = s.Label,
                ["金额（元）"] = s.AmountFen / 100m,
            }).ToList(),
            ["校验结果"] = (view.Mismatches.Count == 0 ? ["收支平衡：收到 = 支出 + 退回 + 结余"] : view.Mismatches)
                .Select(m => (IDictionary<string, object?>)new Dictionary<string, object?> { ["校验结果"] = m }).ToList(),
        };
        if (org.Level == OrgLevel.Ministry)
        {
            var table = await provinces.HandleAsync(fiscalYear, ct);
            sheets["各省汇总"] = table.Rows.Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["省份代码"] = r.ProvinceCode,
                ["省份"] = r.ProvinceName,
                ["收到（元）"] = r.Figures.ReceivedFen / 100m,
                ["支出（元）"] = r.Figures.PaidFen / 100m,
                ["退回（元）"] = r.Figures.ReturnedFen / 100m,
                ["结余（元）"] = r.Figures.BalanceFen / 100m,
                ["省级决算"] = r.Closed ? "已关闭" : r.DrawnUp ? "已编制" : "未编制",
            }).ToList();
        }

        db.Record(FundsAuditActions.AccountsExported, org.Code, org.ScopePath, null, new { fiscalYear }, clock);
        await db.SaveChangesAsync(ct);
        return (SafeExcel.WriteSheets(sheets), $"{org.Code}-{fiscalYear}年度资助资金决算.xlsx");
    }

    private static List<IDictionary<string, object?>> Figures(FinalAccountsView v)
    {
        IDictionary<string, object?> Row(string item, long computed, long? declared) => new Dictionary<string, object?>
        {
            ["单位"] = v.OrganizationName,
            ["年度"] = v.FiscalYear,
            ["项目"] = item,
            ["系统记录（元）"] = computed / 100m,
            ["填报（元）"] = declared / 100m,
            ["是否一致"] = declared is null ? "未编制" : declared == computed ? "一致" : "不一致",
        };

        return
        [
            Row("收到", v.Computed.ReceivedFen, v.Declared?.ReceivedFen),
            Row("支出", v.Computed.PaidFen, v.Declared?.PaidFen),
            Row("退回", v.Computed.ReturnedFen, v.Declared?.ReturnedFen),
            Row("结余", v.Computed.BalanceFen, v.Declared?.BalanceFen),
        ];
    }
}
