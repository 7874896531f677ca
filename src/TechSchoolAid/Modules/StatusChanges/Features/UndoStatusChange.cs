using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.StatusChanges.Domain;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.StatusChanges.Features;

/// <summary>
/// STA-1: the authority undoes a wrong, approved change with a reason: the record's previous status comes back, the change
/// stays (state Undone) with its history. Only the student's latest approved change can be undone; a completed transfer
/// cannot (the receiving school transfers the student back instead).
/// </summary>
public sealed class UndoStatusChange(TsaDbContext db, StudentLifecycle students, StatusChangeSteps steps, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/{id:guid}/undo", async (Guid id, ReasonRequest r, UndoStatusChange w, GetStatusChangeDetail q, CancellationToken ct) =>
        {
            await w.HandleAsync(id, r.Reason, ct);
            return await q.GetAsync(id, ct);
        }).WithSummary("主管部门撤销已办结的异动（须填原因，保留记录）").RequireAccess(StatusChangeAccess.Undo).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(428).Versioned<StatusChange>();

    public async Task<StatusChange> HandleAsync(Guid id, string? reason, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(StatusChangeAccess.Approver);
        var text = StatusChangeSteps.RequireReason(reason, "撤销");
        var change = await steps.LoadAsync(id, ct);
        actor.Demand(StatusChangeAccess.Undo, change.ScopePath);

        if (change.Kind == StatusChangeKind.Transfer && change.State == StatusChangeState.Approved)
        {
            throw AppException.Conflict("已完成的转学不能撤销：请由转入学校办理转回");
        }

        var later = await db.Set<StatusChange>().AnyAsync(c => c.StudentId == change.StudentId && c.Id != change.Id && c.State == StatusChangeState.Approved
            && c.ApprovedAtUtc > change.ApprovedAtUtc, ct);
        if (later)
        {
            throw AppException.Conflict("该学生在此之后还有已办结的异动，请先撤销后面的异动");
        }

        change.Undo(text, actor.UserName, clock.GetUtcNow().UtcDateTime);
        switch (change.Kind)
        {
            case StatusChangeKind.MajorChange:
                await students.ChangeMajorAsync(change.StudentId, change.PreviousMajor!, change.PreviousMajorIsAgricultural ?? false, change.PreviousMajorArts ?? MajorArts.None, ct);
                break;
            case StatusChangeKind.Repeat:
                // The repeated year no longer moves the expected end of schooling (issue 11, item 12).
                await students.RepeatYearAsync(change.StudentId, -1, ct);
                if (change.NewClassName is not null)
                {
                    await students.ChangeClassAsync(change.StudentId, change.PreviousClassName!, ct);
                }

                break;
            default:
                await students.RestoreStatusAsync(change.StudentId, change.PreviousStatus ?? EnrolmentStatus.Active, change.PreviousStatusSince, ct);
                break;
        }

        steps.History(change, "undone", text);
        db.Record(StatusChangeAuditActions.Undone, change.Id.ToString(), change.ScopePath,
            new { state = StatusChangeState.Approved }, new { state = change.State, reason = text, restored = change.PreviousStatus }, clock);
        try
        {
            await steps.SaveAsync(ct);
        }
        catch (DbUpdateException ex) when (OnePlaceRule.IsViolation(ex))
        {
            throw AppException.Conflict("该学生已在其他学校注册了全日制学籍，不能撤销此异动");
        }

        return change;
    }
}
