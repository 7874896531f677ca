using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Graduation.Contracts;
using TechSchoolAid.Modules.Graduation.Domain;

namespace TechSchoolAid.Modules.Graduation.Features;

/// <summary>
/// GRD-1: takes a candidate out of a round the school may still edit — for instance one the authority returned because
/// the student was suspended or left after submission — so the rest of the list can go forward.
/// </summary>
public sealed class RemoveGraduationEntry(TsaDbContext db, GraduationSteps steps, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapDelete("/{id:guid}/entries/{entryId:guid}", async (Guid id, Guid entryId, string? reason, RemoveGraduationEntry w, GetGraduationRound q, CancellationToken ct) =>
        {
            await w.HandleAsync(id, entryId, reason, ct);
            return await q.HandleAsync(id, ct);
        }).WithSummary("从未报送或被退回的毕业批次中移出一名候选人（须填原因）").RequireAccess(GraduationAccess.RemoveEntry).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(428).Versioned<GraduationRound>();

    public async Task<GraduationRound> HandleAsync(Guid roundId, Guid entryId, string? reason, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(GraduationAccess.Clerk);
        var round = await steps.LoadAsync(roundId, ct);
        actor.Demand(GraduationAccess.RemoveEntry, round.ScopePath);
        round.RequireEditable();
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw AppException.Invalid("reason", "移出候选人必须填写原因");
        }

        var entry = await db.Set<GraduationEntry>().FirstOrDefaultAsync(e => e.RoundId == roundId && e.Id == entryId, ct)
            ?? throw AppException.NotFound("该毕业候选人");
        round.Remove(entry);
        db.Remove(entry);
        db.Record(GraduationAuditActions.EntryRemoved, round.Id.ToString(), round.ScopePath,
            new { entry.StudentName, entry.StatusNumber }, new { reason = reason.Trim() }, clock);
        await steps.SaveAsync(ct);
        return round;
    }
}
