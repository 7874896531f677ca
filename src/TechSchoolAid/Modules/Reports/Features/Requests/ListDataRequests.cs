using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Reports.Contracts;
using TechSchoolAid.Modules.Reports.Domain;

namespace TechSchoolAid.Modules.Reports.Features.Requests;

/// <summary>The data requests: the ministry sees every one with its answer counts; a province those sent to it with its own state.</summary>
public sealed class ListDataRequests(TsaDbContext db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/data-requests", (ListDataRequests f, CancellationToken ct) => f.HandleAsync(ct))
            .RequireAccess(ReportAccess.View)
            .WithSummary("数据报送通知列表（部级含各省填报进度；省级为发给本省的通知及本省填报状态）")
            .Produces<List<DataRequestSummary>>().ProducesProblem(403);

    public async Task<List<DataRequestSummary>> HandleAsync(CancellationToken ct)
    {
        db.Actor.Demand(ReportAccess.View);
        var today = clock.Today();
        var recipients = await db.Set<DataRequestRecipient>().AsNoTracking().ToListAsync(ct);
        var ids = recipients.Select(r => r.RequestId).Distinct().ToList();
        var ministry = db.Actor.Level == OrgLevel.Ministry;
        var requests = await db.Set<DataRequest>().AsNoTracking().Where(r => ministry || ids.Contains(r.Id))
            .OrderByDescending(r => r.CreatedAtUtc).Take(200).ToListAsync(ct);
        return requests.Select(r =>
        {
            var mine = recipients.Where(x => x.RequestId == r.Id).ToList();
            var own = ministry ? null : mine.FirstOrDefault();
            var (myState, myText) = own is null ? ((string?)null, (string?)null) : DataRequestReads.StateOf(own, r, today);
            return new DataRequestSummary(r.Id, r.Title, r.DueOn, r.State == DataRequestState.Open ? "open" : "closed", r.State == DataRequestState.Open ? "收集中" : "已关闭",
                mine.Count, mine.Count(x => x.Answered), mine.Count(x => x.Late || (!x.Answered && today > r.DueOn)), r.CreatedAtUtc, myState, myText);
        }).ToList();
    }
}
