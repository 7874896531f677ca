using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Standards.Contracts;
using TechSchoolAid.Modules.Standards.Domain;

namespace TechSchoolAid.Modules.Standards.Features.Brochures;

public sealed record VersionInput(int? Version);

/// <summary>PUB-2: the school submits its brochure (a draft, or a returned one after correcting it) to its direct supervisor. Needs the file. Audited.</summary>
public sealed class SubmitBrochure(TsaDbContext db, StandardsSteps steps, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/brochures/{id:guid}/submit", (Guid id, VersionInput input, SubmitBrochure f, CancellationToken ct) => f.HandleAsync(id, input, ct))
            .RequireAccess(StandardsAccess.Keep)
            .WithSummary("学校提交招生简章给直接主管部门审核（被退回后修改可重新提交）")
            .Produces<BrochureView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<BrochureView> HandleAsync(Guid id, VersionInput input, CancellationToken ct)
    {
        db.Actor.Demand(StandardsAccess.Keep);
        var brochure = await db.Set<Brochure>().FirstOrDefaultAsync(b => b.Id == id, ct) ?? throw AppException.NotFound("招生简章");
        db.Actor.Demand(StandardsAccess.Keep, brochure.ScopePath);
        brochure.EnsureVersion(input.Version);
        var before = brochure.Status;
        brochure.Submit(db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record(StandardsAuditActions.BrochureSubmitted, brochure.Id.ToString(), brochure.ScopePath, new { status = before },
            new { status = brochure.Status, missing = brochure.MissingItems().Select(m => m.Name).ToList() }, clock);
        await steps.SaveAsync(ct);
        return BrochureView.Of(brochure, db.Actor);
    }
}
