using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.CrossCheck.Contracts;
using TechSchoolAid.Modules.CrossCheck.Domain;

namespace TechSchoolAid.Modules.CrossCheck.Features;

/// <summary>
/// The school's direct supervisor (the city for 市管, the province for 省管) confirms a "keep" clearance (保留: the other side
/// is wrong) or reopens the case with a reason (issue 11 item 11). A "keep" is a claim that another system's data is wrong:
/// the school cannot make it final alone. The school itself is refused naming the rule; nothing is written on a refusal.
/// </summary>
public sealed class ReviewKeptClearance(TsaDbContext db, ClearanceDeadlines deadlines, TimeProvider clock)
{
    public async Task<CrossCheckCase> HandleAsync(Guid caseId, KeepReviewInput input, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(CrossCheckAccess.ReviewKeep);
        var c = await db.Set<CrossCheckCase>().FirstOrDefaultAsync(x => x.Id == caseId, ct) ?? throw AppException.NotFound("比对结果");
        actor.Demand(CrossCheckAccess.ReviewKeep, c.ScopePath);
        actor.DemandSecondPerson("清理结论", c.ClearedBy);
        if (input.Confirm is not { } confirm)
        {
            throw AppException.Invalid("confirm", "请选择确认“保留”或退回学校重新清理");
        }

        var reason = input.Reason?.Trim();
        if (!confirm && string.IsNullOrEmpty(reason))
        {
            throw AppException.Invalid("reason", "退回学校重新清理须填写理由");
        }

        if (reason is { Length: > 500 })
        {
            throw AppException.Invalid("reason", "理由不能超过 500 字");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var today = clock.Today();
        var before = new { state = c.State, due = ChinaTime.Iso(c.DueDate), clearedBy = c.ClearedBy, note = c.ClearanceNote, evidence = c.EvidenceId };
        if (confirm)
        {
            c.ConfirmKeep(actor.UserName, now);
            db.Record(CrossCheckAuditActions.KeepConfirmed, c.Id.ToString(), c.ScopePath, before,
                new { confirmedBy = actor.UserName, reason, late = today > c.DueDate }, clock);
        }
        else
        {
            if (c.AwaitingSupervisor)
            {
                var due = await deadlines.DueDateAsync(today, ct);
                c.Reopen(reason!, due, actor.UserName, now);
            }
            else
            {
                c.Reopen(reason!, c.DueDate, actor.UserName, now); // refuses with the case's state
            }

            db.Record(CrossCheckAuditActions.KeepReopened, c.Id.ToString(), c.ScopePath, before,
                new { state = c.State, reason, due = ChinaTime.Iso(c.DueDate) }, clock);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw AppException.Conflict("该比对结果刚被他人处理，请刷新后查看");
        }

        return c;
    }

    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/cases/{id:guid}/keep-review", async (Guid id, KeepReviewInput input, ReviewKeptClearance handler, CrossCheckQueries q, CancellationToken ct) =>
        {
            await handler.HandleAsync(id, input, ct);
            return TypedResults.Ok(await q.DetailAsync(id, ct));
        }).WithSummary("学校直接主管部门确认“保留”清理或退回学校重新清理（须填理由；学校不能确认本校的“保留”）")
            .Produces<CrossCheckCaseRow>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(428)
            .Versioned<CrossCheckCase>()

            // Every signed-in role reaches the handler, so that a school confirming its own "keep" hears the rule
            // (CrossCheckAccess.ReviewKeep's refusal) rather than a bare 403; the handler demands the whole rule first.
            .RequirePermission(Permission.ViewStudents);
}
