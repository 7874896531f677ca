using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Supervision.Contracts;
using TechSchoolAid.Modules.Supervision.Domain;

namespace TechSchoolAid.Modules.Supervision.Features;

/// <summary>STA-4: the school reports its rectification of a measure taken against it. Audited.</summary>
public sealed class RectifySupervisionMeasure(TsaDbContext db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder m) =>
        m.MapPost("/{id:guid}/rectification", async (Guid id, TextRequest r, RectifySupervisionMeasure w, SupervisionMeasureQueries q, CancellationToken ct) =>
        {
            await w.HandleAsync(id, r.Text, ct);
            return await q.DetailAsync(id, ct);
        }).WithSummary("学校报告整改情况").RequireAccess(SupervisionAccess.Rectify).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<SupervisionMeasure> HandleAsync(Guid id, string? text, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(SupervisionAccess.RectifyRole);

        var rectification = SupervisionInput.Text(text, "text", "整改情况", 2000);
        var measure = await SupervisionMeasureSteps.LoadAsync(db, id, ct);
        actor.Demand(SupervisionAccess.Rectify, measure.ScopePath);

        var before = measure.State;
        measure.RecordRectification(rectification, actor.UserName, clock.GetUtcNow().UtcDateTime, clock.Today());
        db.Record(SupervisionAuditActions.MeasureRectified, measure.Id.ToString(), measure.ScopePath, new { state = before },
            new { state = measure.State, rectification, late = measure.RectifiedLate }, clock);
        await db.SaveChangesAsync(ct);
        return measure;
    }
}
