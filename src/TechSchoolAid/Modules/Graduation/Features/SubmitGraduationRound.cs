using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Graduation.Contracts;
using TechSchoolAid.Modules.Graduation.Domain;

namespace TechSchoolAid.Modules.Graduation.Features;

/// <summary>GRD-1: the school submits its list, every candidate assessed and still active, to its direct supervisor.</summary>
public sealed class SubmitGraduationRound(TsaDbContext db, GraduationSteps steps, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/{id:guid}/submit", async (Guid id, SubmitGraduationRound w, GetGraduationRound q, CancellationToken ct) =>
        {
            await w.HandleAsync(id, ct);
            return await q.HandleAsync(id, ct);
        }).WithSummary("学校报送毕业名单（须全部评定）").RequireAccess(GraduationAccess.Submit).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(428).Versioned<GraduationRound>();

    public async Task<GraduationRound> HandleAsync(Guid roundId, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(GraduationAccess.Clerk);
        var round = await steps.LoadAsync(roundId, ct);
        actor.Demand(GraduationAccess.Submit, round.ScopePath);
        var entries = await db.Set<GraduationEntry>().Where(e => e.RoundId == roundId).ToListAsync(ct);
        round.Submit(entries, actor.UserName, clock.GetUtcNow().UtcDateTime);
        await steps.RequireAllActiveAsync(entries, "请先将其移出本批次", ct);
        db.Record(GraduationAuditActions.Submitted, round.Id.ToString(), round.ScopePath, null,
            new { candidates = entries.Count, passed = entries.Count(e => e.Passed) }, clock);
        await steps.SaveAsync(ct);
        return round;
    }
}
