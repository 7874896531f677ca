using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.StatusChanges.Domain;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.StatusChanges.Features;

/// <summary>STA-1: the school submits its change; a transfer is then proposed to the receiving school (its In row).</summary>
public sealed class SubmitStatusChange(TsaDbContext db, StudentLifecycle students, StatusChangeSteps steps, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/{id:guid}/submit", async (Guid id, SubmitStatusChange w, GetStatusChangeDetail q, CancellationToken ct) =>
        {
            await w.HandleAsync(id, ct);
            return await q.GetAsync(id, ct);
        }).WithSummary("学校报送（转学同时发给转入学校）").RequireAccess(StatusChangeAccess.Submit).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(428).Versioned<StatusChange>();

    public async Task<StatusChange> HandleAsync(Guid id, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(StatusChangeAccess.Clerk);
        var change = await steps.LoadAsync(id, ct);
        if (change.Side == TransferSide.In)
        {
            throw AppException.Forbidden(StatusChangeAccess.Submit.Denied);
        }

        actor.Demand(StatusChangeAccess.Submit, change.ScopePath);
        var student = await students.GetAsync(change.StudentId, ct);
        StatusChangeSteps.RequireStatusAllows(change.Kind, student);
        var now = clock.GetUtcNow().UtcDateTime;
        change.Submit(actor.UserName, now, clock.Today());
        steps.History(change, "submitted", change.ProcessedLate ? "逾期报送" : null);
        db.Record(StatusChangeAuditActions.Submitted, change.Id.ToString(), change.ScopePath, null,
            new { state = change.State, processedOn = change.ProcessedOn, late = change.ProcessedLate }, clock);

        if (change.Kind != StatusChangeKind.Transfer)
        {
            await steps.SaveAsync(ct);
            return change;
        }

        // The receiving school's row: made (or reopened) here, in the receiving school's scope, in the clerk's name.
        var inbound = change.CounterpartId is { } cid
            ? await db.Unscoped<StatusChange>(StatusChangeSteps.TransferReason).FirstAsync(c => c.Id == cid, ct)
            : null;
        if (inbound is null)
        {
            var school = await db.AllOrganizations().Where(o => o.Code == change.OtherSchoolCode && o.Level == OrgLevel.School).FirstOrDefaultAsync(ct)
                ?? throw AppException.Invalid("toSchoolCode", "转入学校已不存在，请退回后修改");
            inbound = StatusChange.InboundOf(change, Guid.CreateVersion7(), school.Id, school.Code, school.Name, school.ScopePath);
            db.Add(inbound);
            change.LinkCounterpart(inbound.Id);
        }
        else
        {
            inbound.Reopen(change);
        }

        steps.History(inbound, "proposed", $"{change.SchoolName} 申请转入本校");
        db.Record(StatusChangeAuditActions.TransferProposed, inbound.Id.ToString(), inbound.ScopePath, null,
            new { from = change.SchoolCode, student = change.StudentName }, clock);
        using (steps.AcrossSchools(inbound.ScopePath))
        {
            await db.SaveChangesAsync(ct);
        }

        return change;
    }
}
