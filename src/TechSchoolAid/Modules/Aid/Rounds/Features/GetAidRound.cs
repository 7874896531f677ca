using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Eligibility;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

/// <summary>One list in full (AID-6) with the actions the caller may take on it (<see cref="AidRoundAccess"/>).</summary>
public sealed class GetAidRound(TsaDbContext db, AidRoundRows rows, AidEligibilityRules rules, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder rounds) =>
        rounds.MapGet("/{id:guid}", (Guid id, GetAidRound get, CancellationToken ct) => get.HandleAsync(id, ct))
            .RequirePermission(Permission.ViewStudents)
            .WithSummary("一份名单及各环节办理人与时间（响应头 ETag 为其版本，公示、报送、审核时在 If-Match 中带回）").ProducesProblem(404).Versioned<AidRound>();

    public async Task<AidRoundDetail> HandleAsync(Guid id, CancellationToken ct)
    {
        var r = await db.Set<AidRound>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw AppException.NotFound("资助名单");
        var row = (await rows.RowsAsync([r], ct))[0];
        var policy = await rules.PolicyForSchoolAsync(r.SchoolId, r.Term, ct);
        var proposedSum = await db.Set<AidEntry>().Where(e => e.RoundId == id && e.State == AidEntryState.Proposed).SumAsync(e => (long?)e.AmountFen, ct) ?? 0;
        var actions = db.Actor.ActionsOn(r.ScopePath, AidRoundAccess.Manage, AidRoundAccess.Review, AidRoundAccess.Export);
        var staff = actions.Contains(AidRoundActions.Manage);
        var reviewer = actions.Contains(AidRoundActions.Review);
        var reopened = await AidDeadlineReopening.ReopenedUntilAsync(db, r, ct);
        return new AidRoundDetail(row, r.CreatedBy, r.CreatedAtUtc, r.PublishedBy, r.PublishedAtUtc, r.SubmittedBy, r.SubmittedAtUtc,
            r.ReviewedBy, r.ReviewedAtUtc, r.ReturnNote,
            policy?.Tiers.Select(t => t.AmountFen).OrderByDescending(a => a).ToList() ?? [], policy?.PublicationWorkingDays ?? 0, proposedSum,
            staff && r.IsEditable, staff && r.IsEditable && row.Proposed > 0, staff && r.State == AidRoundState.Published && clock.Today() > r.PublishedTo,
            reviewer && r.State == AidRoundState.Submitted, reopened, actions,
            r.State == AidRoundState.Submitted ? r.ApprovalClosedReason(clock.Today(), reopened) : null);
    }
}
