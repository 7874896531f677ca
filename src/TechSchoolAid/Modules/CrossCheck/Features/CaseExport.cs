using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.CrossCheck.Contracts;

namespace TechSchoolAid.Modules.CrossCheck.Features;

/// <summary>The results of a filter as Excel (masked ID numbers only), audited with the row count.</summary>
public static class CaseExport
{
    /// <summary>GET /crosscheck/cases/export.</summary>
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/cases/export", async ([AsParameters] CrossCheckCaseFilter f, CrossCheckQueries q, TsaDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            db.Actor.Demand(CrossCheckAccess.ExportCases);
            var rows = new List<IDictionary<string, object?>>();
            await foreach (var c in q.AllAsync(f, ct))
            {
                rows.Add(ExcelRow(c));
            }

            db.Record(CrossCheckAuditActions.CasesExported, f.Month ?? "all", db.ScopePath, null, new { rows = rows.Count, f.Item, f.State }, clock);
            await db.SaveChangesAsync(ct);
            var title = f.Item == AidItem.Waiver ? "教育部免学费比对结果" : f.Item == AidItem.Grant ? "教育部助学金比对结果" : "教育部比对结果";
            return TypedResults.File(SafeExcel.Write(rows, title), MonthlyCrossCheck.XlsxType, $"{title}{(f.Month is { Length: > 0 } m ? "-" + m : "")}.xlsx");
        }).WithSummary("导出比对结果 Excel（证件号码脱敏）").RequireAccess(CrossCheckAccess.ExportCases).ProducesFile(FileResponses.Xlsx).ProducesProblem(403);

    public static IDictionary<string, object?> ExcelRow(CrossCheckCaseRow c) => new Dictionary<string, object?>
    {
        ["比对月份"] = c.Month,
        ["来源"] = c.KindText,
        ["资助项目"] = c.ItemText,
        ["学期"] = c.Term,
        ["学校代码"] = c.SchoolCode,
        ["学校名称"] = c.SchoolName,
        ["姓名"] = c.StudentName,
        ["证件号码"] = c.IdNumberMasked,
        ["对方"] = c.OtherSide,
        ["发现日期"] = ChinaTime.Iso(c.FoundOn),
        ["清理期限"] = ChinaTime.Iso(c.DueDate),
        ["状态"] = c.StateText,
        ["是否逾期"] = c.IsLate ? "是" : "否",
        ["核实说明"] = c.ClearanceNote,
        ["清理人"] = c.ClearedBy,
        ["清理时间"] = ChinaTime.Format(c.ClearedAtUtc),
    };
}
