using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Standards.Contracts;
using TechSchoolAid.Modules.Standards.Domain;
using TechSchoolAid.Modules.Standards.Features.Oversight;

namespace TechSchoolAid.Modules.Standards.Features.Brochures;

/// <summary>A school without a submitted or approved brochure for its province's current intake.</summary>
public sealed record MissingBrochureRow(string SchoolCode, string SchoolName, string? Intake, string Detail);

/// <summary>
/// The brochures of the caller's scope (a school its own; an authority the review queue: <c>waitingForMe</c> keeps the
/// submitted ones it supervises directly), one brochure with its actions, and the 「未提交招生简章」 list.
/// </summary>
public sealed class BrochureQueries(TsaDbContext db, StandardsFacts facts, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/brochures", (BrochureStatus? status, int? year, IntakeSeason? season, bool? waitingForMe, BrochureQueries q, CancellationToken ct) =>
                q.ListAsync(status, year, season, waitingForMe ?? false, ct))
            .RequireAccess(StandardsAccess.View).WithSummary("招生简章列表（可按状态、招生季筛选；waitingForMe=true 为本单位待审核队列）")
            .Produces<IReadOnlyList<BrochureView>>().ProducesProblem(400).ProducesProblem(403);
        g.MapGet("/brochures/missing", (BrochureQueries q, CancellationToken ct) => q.MissingAsync(ct))
            .RequireAccess(StandardsAccess.View).WithSummary("未提交招生简章的学校（本省当前招生季没有已提交或已通过的招生简章）")
            .Produces<IReadOnlyList<MissingBrochureRow>>().ProducesProblem(403);
        g.MapGet("/brochures/{id:guid}", (Guid id, BrochureQueries q, CancellationToken ct) => q.DetailAsync(id, ct))
            .RequireAccess(StandardsAccess.View).WithSummary("招生简章详情（核对项、状态、退回原因、可执行的操作）")
            .Produces<BrochureView>().ProducesProblem(403).ProducesProblem(404);
    }

    public const int MaxRows = 500;

    public async Task<IReadOnlyList<BrochureView>> ListAsync(BrochureStatus? status, int? year, IntakeSeason? season, bool waitingForMe, CancellationToken ct)
    {
        db.Actor.Demand(StandardsAccess.View);
        var query = db.Set<Brochure>().AsNoTracking().Where(b => (status == null || b.Status == status) && (year == null || b.Year == year) && (season == null || b.Season == season));
        if (waitingForMe)
        {
            query = query.Where(b => b.Status == BrochureStatus.Submitted);
        }

        // The file stays in the database: the list carries everything but the content.
        var rows = await query.OrderBy(b => b.Status == BrochureStatus.Submitted ? 0 : 1).ThenByDescending(b => b.Year).ThenBy(b => b.SchoolCode).Take(MaxRows)
            .Select(b => new BrochureHead(b.Id, b.SchoolCode, b.SchoolName, b.ScopePath, b.Year, b.Season, b.FileName, b.ContentType, b.Size, b.StatesWaiver, b.WaiverPage,
                b.StatesGrant, b.GrantPage, b.StatesHotline, b.HotlinePage, b.Status, b.SubmittedBy, b.SubmittedAtUtc, b.DecidedBy, b.DecidedAtUtc, b.ReturnReason, b.Returns,
                b.Version)).ToListAsync(ct);
        if (waitingForMe)
        {
            rows = rows.Where(r => db.Actor.May(StandardsAccess.ReviewBrochure, r.ScopePath)).ToList();
        }

        return rows.Select(r => BrochureView.Of(r, db.Actor)).ToList();
    }

    public async Task<BrochureView> DetailAsync(Guid id, CancellationToken ct)
    {
        db.Actor.Demand(StandardsAccess.View);
        var b = await db.Set<Brochure>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw AppException.NotFound("招生简章");
        db.Actor.Demand(StandardsAccess.View, b.ScopePath);
        return BrochureView.Of(b, db.Actor);
    }

    public async Task<IReadOnlyList<MissingBrochureRow>> MissingAsync(CancellationToken ct)
    {
        db.Actor.Demand(StandardsAccess.View);
        var standings = await facts.StandingsAsync(null, null, clock.Today(), ct);
        return standings.Where(s => s.BrochureMissing)
            .Select(s => new MissingBrochureRow(s.Code, s.Name, s.Intake, s.Facts().Single(f => f.Key == SchoolStanding.BrochureKey).Detail)).ToList();
    }
}
