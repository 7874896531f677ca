using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.CrossCheck.Contracts;
using TechSchoolAid.Modules.CrossCheck.Domain;

namespace TechSchoolAid.Modules.CrossCheck.Features;

/// <summary>The runs (national rows, for the ministry): the list, one run with its rejected rows, and those rows as Excel.</summary>
public sealed class CrossCheckRunQueries(TsaDbContext db)
{
    /// <summary>GET /crosscheck/runs, /crosscheck/runs/{id}, /crosscheck/runs/{id}/rejected/export.</summary>
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/runs", (CrossCheckRunQueries q, CancellationToken ct) => q.RunsAsync(ct))
            .WithSummary("比对批次（部级）").RequireAccess(CrossCheckAccess.ViewRuns).ProducesProblem(403);
        g.MapGet("/runs/{id:guid}", (Guid id, CrossCheckRunQueries q, CancellationToken ct) => q.RunAsync(id, ct))
            .WithSummary("一次比对：行数、格式错误行（行号、原因）、命中数").RequireAccess(CrossCheckAccess.ViewRuns).ProducesProblem(403).ProducesProblem(404);
        g.MapGet("/runs/{id:guid}/rejected/export", async (Guid id, CrossCheckRunQueries q, CancellationToken ct) =>
        {
            var detail = await q.RunAsync(id, ct);
            var rows = detail.Rejected.Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["行号"] = r.RowNumber,
                ["原因"] = r.Reason,
                ["内容（已脱敏）"] = r.Value,
            }).ToList();
            return TypedResults.File(SafeExcel.Write(rows, "格式错误行"), MonthlyCrossCheck.XlsxType, $"教育部名单格式错误行-{detail.Run.Month}.xlsx");
        }).WithSummary("下载一次比对的格式错误行（行号、原因、脱敏内容；Excel；部级）").RequireAccess(CrossCheckAccess.ViewRuns)
            .ProducesFile(FileResponses.Xlsx).ProducesProblem(403).ProducesProblem(404);
    }

    public async Task<IReadOnlyList<CrossCheckRunRow>> RunsAsync(CancellationToken ct)
    {
        db.Actor.Demand(CrossCheckAccess.ViewRuns);
        var runs = await db.Set<CrossCheckRun>().AsNoTracking().OrderByDescending(r => r.RunAtUtc).Take(200).ToListAsync(ct);
        return runs.Select(RunRow).ToList();
    }

    public async Task<CrossCheckRunDetail> RunAsync(Guid id, CancellationToken ct)
    {
        db.Actor.Demand(CrossCheckAccess.ViewRuns);
        var run = await db.Set<CrossCheckRun>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw AppException.NotFound("比对批次");
        var rejected = await db.Set<CrossCheckRejectedRow>().AsNoTracking().Where(r => r.RunId == id).OrderBy(r => r.RowNumber)
            .Select(r => new RejectedRowDto(r.RowNumber, r.Reason, r.Value)).ToListAsync(ct);
        return new CrossCheckRunDetail(RunRow(run), rejected);
    }

    private static CrossCheckRunRow RunRow(CrossCheckRun r) => new(r.Id, r.Kind, r.Kind.ToChinese(), CheckMonth.FromKey(r.Month).ToString(), r.FileName, r.Encoding,
        r.TotalRows, r.ValidRows, r.MalformedRows, r.Matches, r.NewCases, r.RunBy, r.RunAtUtc);
}
