using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Reports.Contracts;
using TechSchoolAid.Modules.Reports.Domain;

namespace TechSchoolAid.Modules.Reports.Features.Requests;

/// <summary>The answers of a request as Excel: one row per province, one column per field, with state, who and when.</summary>
public sealed class ExportDataRequest(TsaDbContext db, DataRequestReads reads, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/data-requests/{id:guid}/export", async (Guid id, ExportDataRequest f, CancellationToken ct) =>
        {
            var (bytes, name) = await f.HandleAsync(id, ct);
            return TypedResults.File(bytes, FileResponses.Xlsx, name);
        }).RequireAccess(ReportAccess.ManageRequests)
            .WithSummary("导出数据报送汇总 Excel（每省一行、每个字段一列）").ProducesFile(FileResponses.Xlsx).ProducesProblem(403).ProducesProblem(404);

    public async Task<(byte[] Bytes, string FileName)> HandleAsync(Guid id, CancellationToken ct)
    {
        db.Actor.Demand(ReportAccess.ManageRequests);
        var detail = await reads.DetailAsync(id, clock.Today(), ct);
        db.Actor.Demand(ReportAccess.ManageRequests, "/");
        var rows = detail.Recipients.Select(r =>
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["省份代码"] = r.ProvinceCode,
                ["省份"] = r.ProvinceName,
                ["状态"] = r.StateText,
                ["填报人"] = r.AnsweredBy,
                ["填报时间"] = ChinaTime.Format(r.AnsweredAtUtc),
                ["更正次数"] = r.Corrections,
            };
            foreach (var field in detail.Fields)
            {
                row[field.Name] = field.Kind == DataFieldKind.File
                    ? string.Join("；", r.Files.Where(f => f.Field == field.Name).Select(f => f.FileName))
                    : r.Values.GetValueOrDefault(field.Name);
            }

            return (IDictionary<string, object?>)row;
        }).ToList();
        var sheets = new Dictionary<string, IEnumerable<IDictionary<string, object?>>>
        {
            ["填报汇总"] = rows,
            ["通知"] = new List<IDictionary<string, object?>>
            {
                new Dictionary<string, object?> { ["项目"] = "标题", ["内容"] = detail.Title },
                new Dictionary<string, object?> { ["项目"] = "说明", ["内容"] = detail.Description },
                new Dictionary<string, object?> { ["项目"] = "截止日期", ["内容"] = ChinaTime.Iso(detail.DueOn) },
                new Dictionary<string, object?> { ["项目"] = "状态", ["内容"] = detail.StateText },
            },
        };
        db.Record(ReportAuditActions.RequestExported, id.ToString(), "/", null, new { rows = rows.Count }, clock);
        await db.SaveChangesAsync(ct);
        return (SafeExcel.WriteSheets(sheets), $"数据报送汇总-{detail.DueOn:yyyyMMdd}.xlsx");
    }
}
