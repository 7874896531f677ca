using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Supervision.Contracts;
using TechSchoolAid.Modules.Supervision.Domain;

namespace TechSchoolAid.Modules.Supervision.Features;

/// <summary>STA-3: the direct supervisor asks the school for a new answer, with the reason. Audited.</summary>
public sealed class AskHangingFlagAgain(TsaDbContext db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder h) =>
        h.MapPost("/{id:guid}/ask-again", async (Guid id, TextRequest r, AskHangingFlagAgain w, HangingFlagQueries q, CancellationToken ct) =>
        {
            await w.HandleAsync(id, r.Text, ct);
            return await q.DetailAsync(id, ct);
        }).WithSummary("直接主管部门要求学校重新说明（须填原因）").RequireAccess(SupervisionAccess.ReviewFlag).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<HangingFlag> HandleAsync(Guid id, string? reason, CancellationToken ct)
    {
        var text = SupervisionInput.Text(reason, "text", "要求重新说明的原因", 500);
        var actor = db.Actor;
        actor.Demand(SupervisionAccess.ReviewFlagRole);
        var flag = await HangingFlagSteps.LoadAsync(db, id, ct);
        actor.Demand(SupervisionAccess.ReviewFlag, flag.ScopePath);

        flag.AskAgain(text, actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record(SupervisionAuditActions.AskedAgain, flag.Id.ToString(), flag.ScopePath,
            new { state = HangingFlagState.Answered, answer = flag.Answer }, new { state = flag.State, note = text }, clock);
        await db.SaveChangesAsync(ct);
        return flag;
    }
}
