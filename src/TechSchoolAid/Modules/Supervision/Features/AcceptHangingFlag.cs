using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Supervision.Contracts;
using TechSchoolAid.Modules.Supervision.Domain;

namespace TechSchoolAid.Modules.Supervision.Features;

/// <summary>STA-3: the direct supervisor accepts the school's answer to a flag. Audited.</summary>
public sealed class AcceptHangingFlag(TsaDbContext db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder h) =>
        h.MapPost("/{id:guid}/accept", async (Guid id, TextRequest r, AcceptHangingFlag w, HangingFlagQueries q, CancellationToken ct) =>
        {
            await w.HandleAsync(id, r.Text, ct);
            return await q.DetailAsync(id, ct);
        }).WithSummary("直接主管部门认可学校的说明").RequireAccess(SupervisionAccess.ReviewFlag).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<HangingFlag> HandleAsync(Guid id, string? note, CancellationToken ct)
    {
        var text = SupervisionInput.Text(note, "text", "审核意见", 500, required: false);
        var actor = db.Actor;
        actor.Demand(SupervisionAccess.ReviewFlagRole);
        var flag = await HangingFlagSteps.LoadAsync(db, id, ct);
        actor.Demand(SupervisionAccess.ReviewFlag, flag.ScopePath);

        flag.Accept(text.Length == 0 ? null : text, actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record(SupervisionAuditActions.Accepted, flag.Id.ToString(), flag.ScopePath,
            new { state = HangingFlagState.Answered, answer = flag.Answer }, new { state = flag.State, note = text }, clock);
        await db.SaveChangesAsync(ct);
        return flag;
    }
}
