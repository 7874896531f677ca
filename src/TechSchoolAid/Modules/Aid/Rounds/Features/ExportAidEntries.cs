using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Audit;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

/// <summary>A list's lines as an Excel file (ID numbers masked), recorded in the audit.</summary>
public sealed class ExportAidEntries(TsaDbContext db, GetAidRound get, ListAidEntries entries, TimeProvider clock)
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void Map(IEndpointRouteBuilder rounds) =>
        rounds.MapGet("/{id:guid}/entries/export", async (Guid id, ExportAidEntries export, CancellationToken ct) =>
        {
            var (bytes, name) = await export.HandleAsync(id, ct);
            return TypedResults.File(bytes, XlsxType, name);
        }).RequireAccess(AidRoundAccess.Export)
            .WithSummary("导出名单 Excel（证件号码脱敏）").ProducesFile(FileResponses.Xlsx).ProducesProblem(403).ProducesProblem(404);

    public async Task<(byte[] Bytes, string FileName)> HandleAsync(Guid id, CancellationToken ct)
    {
        db.Actor.Demand(AidRoundAccess.Export);
        var detail = await get.HandleAsync(id, ct);
        var rows = await entries.HandleAsync(id, new AidEntryFilter { PageSize = 500, Page = 1 }, ct);
        var all = new List<AidEntryRow>(rows.Items);
        for (var page = 2; (page - 1) * 500 < rows.Total; page++)
        {
            all.AddRange((await entries.HandleAsync(id, new AidEntryFilter { PageSize = 500, Page = page }, ct)).Items);
        }

        db.Record(AidRoundAuditActions.RoundExported, id.ToString(), db.ScopePath, null, new { rows = all.Count }, clock);
        await db.SaveChangesAsync(ct);
        var bytes = SafeExcel.Write(all.Select(e => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["姓名"] = e.StudentName,
            ["班级"] = e.ClassName,
            ["证件号码"] = e.IdNumberMasked,
            ["年级"] = e.Grade,
            ["年标准（元）"] = e.YearAmountFen / 100m,
            ["本学期金额（元）"] = e.AmountFen / 100m,
            ["资助依据"] = e.Basis,
            ["状态"] = e.StateText,
            ["采集人"] = e.CollectedBy,
            ["采集时间"] = ChinaTime.Format(e.CollectedAtUtc),
            ["审核人"] = e.ReviewedBy,
            ["审核时间"] = ChinaTime.Format(e.ReviewedAtUtc),
            ["审核意见"] = e.ReviewNote,
            ["审批截止日期"] = e.ApprovalDeadline is { } d ? ChinaTime.Iso(d) : null,
            ["逾期审批"] = e.ApprovedLate ? "是（截止日期后经重新开放审批）" : "否",
        }), "资助名单");
        return (bytes, $"{detail.Row.SchoolCode}-{detail.Row.Term}-{detail.Row.ItemText}.xlsx");
    }
}
