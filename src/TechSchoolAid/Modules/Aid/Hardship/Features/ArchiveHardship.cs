using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Hardship.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Domain;
using TechSchoolAid.Modules.Audit;

namespace TechSchoolAid.Modules.Aid.Hardship.Features;

/// <summary>Archives a published version once the period is over and any objection answered.</summary>
public sealed class ArchiveHardship(TsaDbContext db, HardshipSteps steps, TimeProvider clock)
{
    public async Task<HardshipAssessment> HandleAsync(Guid id, CancellationToken ct)
    {
        var a = await steps.LoadForStepAsync(id, ct);
        a.GuardArchive(clock.Today());
        a.Archive(db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record(HardshipAuditActions.Archived, a.Id.ToString(), a.ScopePath, null, new { level = a.Level }, clock);
        await steps.SaveAsync(ct);
        return a;
    }

    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/{id:guid}/archive", async (Guid id, ArchiveHardship handler, HardshipQueries q, CancellationToken ct) =>
        {
            await handler.HandleAsync(id, ct);
            return await q.DetailAsync(id, ct);
        }).WithSummary("公示期结束、异议已答复后归档").ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(428).Versioned<HardshipAssessment>().RequireAccess(HardshipAccess.ManageOwnSchool);
}
