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

/// <summary>
/// STA-1: a change goes back to the sending school with a reason: by the approver, or for a transfer by the receiving
/// school (refusal) or either side's authority. Both rows of a transfer go back.
/// </summary>
public sealed class ReturnStatusChange(TsaDbContext db, StatusChangeSteps steps, TimeProvider clock)
{
    /// <remarks>
    /// The endpoint carries no single permission: the approver (ApproveStatusChanges) and the receiving school's records
    /// staff (ManageStatusChanges, refusing a transfer) may both return, so it says so on purpose (RequireSignedIn) and
    /// the handler checks the role half first.
    /// </remarks>
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/{id:guid}/return", async (Guid id, ReasonRequest r, ReturnStatusChange w, GetStatusChangeDetail q, CancellationToken ct) =>
        {
            await w.HandleAsync(id, r.Reason, ct);
            return await q.GetAsync(id, ct);
        }).RequireSignedIn().WithSummary("退回（须填原因；转入学校可拒收转学）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(428).Versioned<StatusChange>();

    public async Task<StatusChange> HandleAsync(Guid id, string? reason, CancellationToken ct)
    {
        var actor = db.Actor;
        var text = StatusChangeSteps.RequireReason(reason, "退回");
        if (!actor.May(StatusChangeAccess.Approver) && !actor.May(StatusChangeAccess.RefuseTransfer))
        {
            throw AppException.Forbidden(StatusChangeAccess.ReturnDenied);
        }

        var change = await steps.LoadAsync(id, ct);
        var refusal = change.Side == TransferSide.In && change.State == StatusChangeState.Submitted && actor.May(StatusChangeAccess.RefuseTransfer, change.ScopePath);
        if (!refusal)
        {
            actor.Demand(StatusChangeAccess.ReturnerOf(change.RequiresAuthority, change.Kind), change.ScopePath);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        change.Return(text, actor.UserName, now);
        steps.History(change, "returned", text);
        db.Record(StatusChangeAuditActions.Returned, change.Id.ToString(), change.ScopePath, null, new { state = change.State, reason = text }, clock);
        if (change.Kind != StatusChangeKind.Transfer)
        {
            await steps.SaveAsync(ct);
            return change;
        }

        var other = await steps.CounterpartAsync(change, ct);
        other.Return(text, actor.UserName, now);
        steps.History(other, "returned", $"{change.SchoolName}：{text}");
        db.Record(StatusChangeAuditActions.Returned, other.Id.ToString(), other.ScopePath, null, new { state = other.State, reason = text, by = change.SchoolCode }, clock);
        using (steps.AcrossSchools(other.ScopePath))
        {
            await db.SaveChangesAsync(ct);
        }

        return change;
    }
}
