using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.StatusChanges.Domain;

namespace TechSchoolAid.Modules.StatusChanges.Features;

/// <summary>STA-1: the receiving school accepts a transfer (its In row), which then waits for both authorities.</summary>
public sealed class AcceptTransfer(TsaDbContext db, StatusChangeSteps steps, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/{id:guid}/accept", async (Guid id, AcceptTransfer w, GetStatusChangeDetail q, CancellationToken ct) =>
        {
            await w.HandleAsync(id, ct);
            return await q.GetAsync(id, ct);
        }).WithSummary("转入学校接收转学").RequireAccess(StatusChangeAccess.Accept).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(428).Versioned<StatusChange>();

    public async Task<StatusChange> HandleAsync(Guid id, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(StatusChangeAccess.Clerk);
        var change = await steps.LoadAsync(id, ct);
        if (change.Side != TransferSide.In)
        {
            throw AppException.Forbidden(StatusChangeAccess.Accept.Denied);
        }

        actor.Demand(StatusChangeAccess.Accept, change.ScopePath);
        var now = clock.GetUtcNow().UtcDateTime;
        change.Accept(actor.UserName, now);
        var outbound = await steps.CounterpartAsync(change, ct);
        outbound.Accept(actor.UserName, now);
        steps.History(change, "accepted", null);
        steps.History(outbound, "accepted", $"{change.SchoolName} 已同意接收");
        db.Record(StatusChangeAuditActions.Accepted, change.Id.ToString(), change.ScopePath, null, new { state = change.State }, clock);
        db.Record(StatusChangeAuditActions.Accepted, outbound.Id.ToString(), outbound.ScopePath, null, new { state = outbound.State, by = change.SchoolCode }, clock);
        using (steps.AcrossSchools(outbound.ScopePath))
        {
            await db.SaveChangesAsync(ct);
        }

        return change;
    }
}
