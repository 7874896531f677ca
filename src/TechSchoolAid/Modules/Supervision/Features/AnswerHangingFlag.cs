using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Supervision.Contracts;
using TechSchoolAid.Modules.Supervision.Domain;

namespace TechSchoolAid.Modules.Supervision.Features;

/// <summary>STA-3: the school answers (说明) a flag on one of its students. Audited.</summary>
public sealed class AnswerHangingFlag(TsaDbContext db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder h) =>
        h.MapPost("/{id:guid}/answer", async (Guid id, TextRequest r, AnswerHangingFlag w, HangingFlagQueries q, CancellationToken ct) =>
        {
            await w.HandleAsync(id, r.Text, ct);
            return await q.DetailAsync(id, ct);
        }).WithSummary("学校说明情况").RequireAccess(SupervisionAccess.AnswerFlag).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<HangingFlag> HandleAsync(Guid id, string? text, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(SupervisionAccess.AnswerFlagRole);

        var answer = SupervisionInput.Text(text, "text", "情况说明", 1000);
        var flag = await HangingFlagSteps.LoadAsync(db, id, ct);
        actor.Demand(SupervisionAccess.AnswerFlag, flag.ScopePath);

        var before = flag.State;
        flag.AnswerWith(answer, actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record(SupervisionAuditActions.Answered, flag.Id.ToString(), flag.ScopePath, new { state = before }, new { state = flag.State, answer, round = flag.AnswerCount }, clock);
        await db.SaveChangesAsync(ct);
        return flag;
    }
}
