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

public sealed record ChecklistInput(bool? StatesWaiver, string? WaiverPage, bool? StatesGrant, string? GrantPage, bool? StatesHotline, string? HotlinePage, int? Version);

/// <summary>
/// PUB-2: the school ticks what its brochure states — the tuition waiver (免学费), the national grant (国家助学金), the aid
/// hotline (资助热线) — and cites the page of each ticked item (a tick without a page is refused naming the page field).
/// Only while the brochure is a draft or returned. Audited.
/// </summary>
public sealed class SetBrochureChecklist(TsaDbContext db, StandardsSteps steps, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPut("/brochures/{id:guid}/checklist", (Guid id, ChecklistInput input, SetBrochureChecklist f, CancellationToken ct) => f.HandleAsync(id, input, ct))
            .RequireAccess(StandardsAccess.Keep)
            .WithSummary("学校填写招生简章资助政策核对项（免学费、国家助学金、资助热线；勾选须注明所在页码）")
            .Produces<BrochureView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<BrochureView> HandleAsync(Guid id, ChecklistInput input, CancellationToken ct)
    {
        db.Actor.Demand(StandardsAccess.Keep);
        var brochure = await db.Set<Brochure>().FirstOrDefaultAsync(b => b.Id == id, ct) ?? throw AppException.NotFound("招生简章");
        db.Actor.Demand(StandardsAccess.Keep, brochure.ScopePath);
        var waiver = Page(input.StatesWaiver, input.WaiverPage, "waiverPage", "免学费政策");
        var grant = Page(input.StatesGrant, input.GrantPage, "grantPage", "国家助学金政策");
        var hotline = Page(input.StatesHotline, input.HotlinePage, "hotlinePage", "资助热线电话");
        brochure.EnsureVersion(input.Version);
        brochure.SetChecklist(waiver is not null, waiver, grant is not null, grant, hotline is not null, hotline, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record(StandardsAuditActions.BrochureChecklistSet, brochure.Id.ToString(), brochure.ScopePath, null,
            new { waiver, grant, hotline }, clock);
        await steps.SaveAsync(ct);
        return BrochureView.Of(brochure, db.Actor);
    }

    /// <summary>The cited page of a ticked item, or null when not ticked.</summary>
    private static string? Page(bool? ticked, string? page, string field, string item)
    {
        if (ticked != true)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(page))
        {
            throw AppException.Invalid(field, $"已勾选“{item}”，请注明其在招生简章中的页码（如 第3页）");
        }

        return StandardsSteps.Required(page, field, $"“{item}”所在页码", 20);
    }
}
