using TechSchoolAid.Modules.Aid.Rounds.Domain;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

/// <summary>
/// The two names the cross-check clearance and the demo data still use from the old workflow class: the revocation of an
/// approved line and the audit subject. Each use case of the rounds is its own feature class beside this one; this stays
/// only until those callers use the approved-lines contract in Aid/Contracts.
/// </summary>
public sealed class AidRoundWorkflow(RevokeApprovedAidEntry revoke)
{
    public const string Subject = AidRoundAuditActions.Subject;

    /// <inheritdoc cref="RevokeApprovedAidEntry"/>
    public Task<AidEntry> RevokeApprovedAsync(Guid entryId, string reason, CancellationToken ct) => revoke.HandleAsync(entryId, reason, ct);
}
