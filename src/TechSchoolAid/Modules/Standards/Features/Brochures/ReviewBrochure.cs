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

public sealed record ReturnInput(string? Reason, int? Version);

/// <summary>
/// PUB-2: the school's direct supervisor (the city for 市管, the province for 省管; a level above is refused with 403)
/// approves a submitted brochure — refused (400, naming the item) while a checklist item is not stated with its page —
/// or returns it with a reason (required). Two decisions on the same version: the second answers 409. Audited.
/// </summary>
public sealed class ReviewBrochure(TsaDbContext db, StandardsSteps steps, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/brochures/{id:guid}/approve", (Guid id, VersionInput input, ReviewBrochure f, CancellationToken ct) => f.ApproveAsync(id, input.Version, ct))
            .RequireAccess(StandardsAccess.ReviewBrochure)
            .WithSummary("直接主管部门审核通过招生简章（核对项须全部载明并注明页码）")
            .Produces<BrochureView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        g.MapPost("/brochures/{id:guid}/return", (Guid id, ReturnInput input, ReviewBrochure f, CancellationToken ct) => f.ReturnAsync(id, input, ct))
            .RequireAccess(StandardsAccess.ReviewBrochure)
            .WithSummary("直接主管部门退回招生简章（须填写退回原因）")
            .Produces<BrochureView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
    }

    public async Task<BrochureView> ApproveAsync(Guid id, int? version, CancellationToken ct)
    {
        var brochure = await LoadAsync(id, version, ct);
        brochure.Approve(db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record(StandardsAuditActions.BrochureApproved, brochure.Id.ToString(), brochure.ScopePath, new { status = BrochureStatus.Submitted }, new { status = brochure.Status }, clock);
        await steps.SaveAsync(ct);
        return BrochureView.Of(brochure, db.Actor);
    }

    public async Task<BrochureView> ReturnAsync(Guid id, ReturnInput input, CancellationToken ct)
    {
        var brochure = await LoadAsync(id, input.Version, ct);
        var reason = StandardsSteps.Required(input.Reason, "reason", "退回原因", 500);
        brochure.Return(reason, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record(StandardsAuditActions.BrochureReturned, brochure.Id.ToString(), brochure.ScopePath, new { status = BrochureStatus.Submitted },
            new { status = brochure.Status, reason }, clock);
        await steps.SaveAsync(ct);
        return BrochureView.Of(brochure, db.Actor);
    }

    private async Task<Brochure> LoadAsync(Guid id, int? version, CancellationToken ct)
    {
        db.Actor.Demand(StandardsAccess.ReviewBrochure);
        var brochure = await db.Set<Brochure>().FirstOrDefaultAsync(b => b.Id == id, ct) ?? throw AppException.NotFound("招生简章");
        db.Actor.Demand(StandardsAccess.ReviewBrochure, brochure.ScopePath);
        brochure.EnsureVersion(version);
        return brochure;
    }
}
