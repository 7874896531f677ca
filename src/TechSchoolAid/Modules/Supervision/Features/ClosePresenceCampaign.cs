using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Supervision.Contracts;
using TechSchoolAid.Modules.Supervision.Domain;

namespace TechSchoolAid.Modules.Supervision.Features;

/// <summary>STA-3: the opening authority closes its campaign; the results are counted into the audit event.</summary>
public sealed class ClosePresenceCampaign(TsaDbContext db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder c) =>
        c.MapPost("/{id:guid}/close", async (Guid id, ClosePresenceCampaign w, PresenceCampaignQueries q, CancellationToken ct) =>
        {
            await w.HandleAsync(id, ct);
            return await q.DetailAsync(id, ct);
        }).WithSummary("结束核验批次（开展该批次的部门）").RequireAccess(SupervisionAccess.CloseCampaign).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<PresenceCampaign> HandleAsync(Guid campaignId, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(SupervisionAccess.CloseCampaign);
        var campaign = await PresenceCampaignSteps.LoadAsync(db, campaignId, ct);
        actor.Demand(SupervisionAccess.CloseOwnCampaign, campaign.ScopePath);

        campaign.Close(actor.UserName, clock.GetUtcNow().UtcDateTime);
        foreach (var s in await db.Set<PresenceCampaignSchool>().Where(s => s.CampaignId == campaignId).ToListAsync(ct))
        {
            s.Close();
        }

        var counts = await db.Set<PresenceCheckResult>().Where(r => r.CampaignId == campaignId).GroupBy(r => r.Result)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        db.Record(SupervisionAuditActions.CampaignClosed, campaign.Id.ToString(), campaign.ScopePath, new { state = CampaignState.Open },
            new { state = campaign.State, results = counts.ToDictionary(c => c.Key.ToString(), c => c.Count) }, clock);
        await db.SaveChangesAsync(ct);
        return campaign;
    }
}
