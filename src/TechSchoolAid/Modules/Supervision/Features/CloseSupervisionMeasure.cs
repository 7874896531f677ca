using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Supervision.Contracts;
using TechSchoolAid.Modules.Supervision.Domain;

namespace TechSchoolAid.Modules.Supervision.Features;

/// <summary>STA-4: the authority closes a measure (one that asks for rectification only once the school has reported it). Audited.</summary>
public sealed class CloseSupervisionMeasure(TsaDbContext db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder m) =>
        m.MapPost("/{id:guid}/close", async (Guid id, TextRequest r, CloseSupervisionMeasure w, SupervisionMeasureQueries q, CancellationToken ct) =>
        {
            await w.HandleAsync(id, r.Text, ct);
            return await q.DetailAsync(id, ct);
        }).WithSummary("主管部门关闭监管措施（要求整改的须学校已报告整改）").RequireAccess(SupervisionAccess.CloseMeasure).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<SupervisionMeasure> HandleAsync(Guid id, string? note, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(SupervisionAccess.CloseMeasureRole);
        var text = SupervisionInput.Text(note, "text", "关闭意见", 500, required: false);
        var measure = await SupervisionMeasureSteps.LoadAsync(db, id, ct);
        actor.Demand(SupervisionAccess.CloseMeasure, measure.ScopePath);

        var before = measure.State;
        measure.Close(text.Length == 0 ? null : text, actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record(SupervisionAuditActions.MeasureClosed, measure.Id.ToString(), measure.ScopePath, new { state = before }, new { state = measure.State, note = text }, clock);
        await db.SaveChangesAsync(ct);
        return measure;
    }
}
