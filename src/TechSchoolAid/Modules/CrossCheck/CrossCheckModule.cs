using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.CrossCheck.Domain;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.CrossCheck;

/// <summary>CHK-1 monthly cross-check with the ministry of education, CHK-2 internal duplicates, cases and their clearance, our side of the exchange.</summary>
public static class CrossCheckModule
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IServiceCollection AddCrossCheck(this IServiceCollection services) => services
        .AddScoped<MonthlyCrossCheck>()
        .AddScoped<InternalDuplicates>()
        .AddScoped<CrossCheckQueries>()
        .AddScoped<CrossCheckClearance>()
        .AddScoped<ExchangeExport>()
        .AddScoped<ITodoSource, CrossCheckTodo>();

    public static void MapCrossCheckEndpoints(this IEndpointRouteBuilder api)
    {
        var g = api.MapGroup("/crosscheck").WithTags("教育部比对");
        g.MapPost("/runs", async (IFormFile? file, [FromForm] string? month, MonthlyCrossCheck check, TsaDbContext db, CancellationToken ct) =>
        {
            MonthlyCrossCheck.Require(db.Actor);
            if (file is null || file.Length == 0)
            {
                throw AppException.Invalid("file", "请选择教育部比对名单文件（CSV 或 .xlsx），文件不能为空");
            }

            if (file.Length > MonthlyCrossCheck.MaxFileBytes)
            {
                throw new AppException(ErrorKind.TooLarge, $"文件超过 {MonthlyCrossCheck.MaxFileBytes / 1024 / 1024} MB 的上限，请拆分后上传");
            }

            // Buffered to a temporary file: the check reads it twice (hash, rows) with bounded memory.
            var temp = Path.Combine(Path.GetTempPath(), $"tsa-crosscheck-{Guid.NewGuid():N}.tmp");
            try
            {
                await using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    await file.CopyToAsync(target, ct);
                }

                await using var stream = new FileStream(temp, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                var result = await check.RunAsync(stream, file.FileName, month, ct);
                return TypedResults.Created($"/api/v1/crosscheck/runs/{result.RunId}", result);
            }
            finally
            {
                File.Delete(temp);
            }
        }).WithSummary("导入教育部某月国家助学金、免学费名单并比对（CSV UTF-8/GBK 或 .xlsx；仅部级管理员；同一文件不重复导入）")
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MonthlyCrossCheck.MaxFileBytes + (1 << 20)))
            .WithMetadata(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = MonthlyCrossCheck.MaxFileBytes + (1 << 20) })
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(409).ProducesProblem(413);
        g.MapGet("/runs", (CrossCheckQueries q, CancellationToken ct) => q.RunsAsync(ct))
            .WithSummary("比对批次（部级）").ProducesProblem(403);
        g.MapGet("/runs/{id:guid}", (Guid id, CrossCheckQueries q, CancellationToken ct) => q.RunAsync(id, ct))
            .WithSummary("一次比对：行数、格式错误行（行号、原因）、命中数").ProducesProblem(403).ProducesProblem(404);
        g.MapGet("/runs/{id:guid}/rejected/export", async (Guid id, CrossCheckQueries q, CancellationToken ct) =>
        {
            var detail = await q.RunAsync(id, ct);
            var rows = detail.Rejected.Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["行号"] = r.RowNumber,
                ["原因"] = r.Reason,
                ["内容（已脱敏）"] = r.Value,
            }).ToList();
            return TypedResults.File(SafeExcel.Write(rows, "格式错误行"), XlsxType, $"教育部名单格式错误行-{detail.Run.Month}.xlsx");
        }).WithSummary("下载一次比对的格式错误行（行号、原因、脱敏内容；Excel；部级）").ProducesFile(FileResponses.Xlsx).ProducesProblem(403).ProducesProblem(404);
        g.MapPost("/internal-runs", async (InternalRunInput input, InternalDuplicates check, CancellationToken ct) =>
        {
            var result = await check.RunAsync(input.Month, ct);
            return TypedResults.Created($"/api/v1/crosscheck/runs/{result.RunId}", result);
        }).WithSummary("系统内重复资助检查（同一学生同一学期在两所学校或重复享受）").ProducesProblem(400).ProducesProblem(403);

        g.MapGet("/cases", ([AsParameters] CrossCheckCaseFilter f, CrossCheckQueries q, CancellationToken ct) => q.ListAsync(f, ct))
            .WithSummary("教育部助学金/免学费比对结果查询（管理范围内；按月份、项目、状态、学校、逾期筛选）").ProducesProblem(400);
        g.MapGet("/cases/export", async ([AsParameters] CrossCheckCaseFilter f, CrossCheckQueries q, TsaDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            if (!db.Actor.Can(Permission.ExportData))
            {
                throw AppException.Forbidden("您没有导出数据的权限");
            }

            var rows = new List<IDictionary<string, object?>>();
            await foreach (var c in q.AllAsync(f, ct))
            {
                rows.Add(ExcelRow(c));
            }

            db.Record("crosscheck.cases_exported", MonthlyCrossCheck.Subject, f.Month ?? "all", db.ScopePath, null, new { rows = rows.Count, f.Item, f.State }, clock);
            await db.SaveChangesAsync(ct);
            var title = f.Item == AidItem.Waiver ? "教育部免学费比对结果" : f.Item == AidItem.Grant ? "教育部助学金比对结果" : "教育部比对结果";
            return TypedResults.File(SafeExcel.Write(rows, title), XlsxType, $"{title}{(f.Month is { Length: > 0 } m ? "-" + m : "")}.xlsx");
        }).WithSummary("导出比对结果 Excel（证件号码脱敏）").ProducesFile(FileResponses.Xlsx).ProducesProblem(403);
        g.MapGet("/cases/{id:guid}", (Guid id, CrossCheckQueries q, CancellationToken ct) => q.DetailAsync(id, ct))
            .WithSummary("一条比对结果（响应头 ETag 为其版本）").ProducesProblem(404).Versioned<CrossCheckCase>();
        g.MapPost("/cases/{id:guid}/clearance", async (Guid id, IFormFile? file, [FromForm] ClearanceAction? action, [FromForm] string? note,
            CrossCheckClearance clearance, CrossCheckQueries q, CancellationToken ct) =>
        {
            if (file is { Length: > EvidenceUpload.MaxBytes })
            {
                throw new AppException(ErrorKind.TooLarge, "证明材料不能超过 5 MB");
            }

            byte[]? content = null;
            if (file is not null)
            {
                using var ms = new MemoryStream();
                await file.CopyToAsync(ms, ct);
                content = ms.ToArray();
            }

            await clearance.ClearAsync(id, new ClearanceInput(action, note, file?.FileName, content), ct);
            return TypedResults.Ok(await q.DetailAsync(id, ct));
        }).WithSummary("学校资助工作人员清理比对结果：保留（对方有误）、本校撤销、已转学；须填写说明并上传证明材料")
            .DisableAntiforgery().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413)
            .ProducesProblem(428).Versioned<CrossCheckCase>();
        g.MapGet("/cases/{id:guid}/evidence", async (Guid id, CrossCheckQueries q, CrossCheckClearance clearance, CancellationToken ct) =>
        {
            await q.DetailAsync(id, ct);
            var (name, type, content) = await clearance.EvidenceAsync(id, ct);
            return TypedResults.File(content, type, EvidenceUpload.SafeName(name, type));
        }).WithSummary("下载清理证明材料").ProducesFile(FileResponses.Evidence).ProducesProblem(404);
        g.MapGet("/history", (AidItem? item, CrossCheckQueries q, CancellationToken ct) => q.HistoryAsync(item, ct))
            .WithSummary("逐月比对情况：发现、按期清理、逾期、未清理（管理范围内）");
        g.MapGet("/exchange-export", async (string? term, string? encoding, ExchangeExport export, CancellationToken ct) =>
        {
            var t = ExchangeExport.ParseTerm(term);
            var gbk = string.Equals(encoding, "gbk", StringComparison.OrdinalIgnoreCase);
            var ms = new MemoryStream();
            var rows = await export.WriteAsync(t, gbk, ms, ct);
            ms.Position = 0;
            return TypedResults.File(ms, $"text/csv; charset={(gbk ? "gb18030" : "utf-8")}", $"aid-exchange-{term}-{rows}.csv");
        }).ProducesFile("text/csv").WithSummary("导出本系统某学期审核通过的助学金、免学费名单（交换格式 CSV，UTF-8 或 GBK；部级、省级管理员）").ProducesProblem(400).ProducesProblem(403);
    }

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

public sealed record InternalRunInput(string? Month);
