using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Reports.Contracts;

namespace TechSchoolAid.Modules.Reports.Features.Requests;

/// <summary>The ministry closes a request: answers can no longer be given or corrected.</summary>
public sealed class CloseDataRequest(TsaDbContext db, DataRequestReads reads, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/data-requests/{id:guid}/close", (Guid id, CloseDataRequest f, CancellationToken ct) => f.HandleAsync(id, ct))
            .RequireAccess(ReportAccess.ManageRequests)
            .WithSummary("部级关闭数据报送通知（关闭后各省不能再填报或更正）")
            .Produces<DataRequestDetail>().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<DataRequestDetail> HandleAsync(Guid id, CancellationToken ct)
    {
        db.Actor.Demand(ReportAccess.ManageRequests);
        var (request, recipients) = await reads.LoadAsync(id, track: true, ct);
        db.Actor.Demand(ReportAccess.ManageRequests, request.ScopePath);
        request.Close(db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record(ReportAuditActions.RequestClosed, request.Id.ToString(), request.ScopePath, new { state = "open" },
            new { state = "closed", answered = recipients.Count(r => r.Answered), recipients = recipients.Count }, clock);
        await ReportSteps.SaveAsync(db, ct);
        return await reads.DetailAsync(id, clock.Today(), ct);
    }
}
