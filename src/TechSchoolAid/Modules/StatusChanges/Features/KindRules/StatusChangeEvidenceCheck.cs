using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.StatusChanges.Domain;

namespace TechSchoolAid.Modules.StatusChanges.Features.KindRules;

/// <summary>
/// What a change's kind requires as evidence (the kind rule applying at its school on the day it happened) against the
/// files it has: handed to <see cref="StatusChange.Approve"/>, which refuses while something is missing, and shown on the
/// detail page before anyone clicks.
/// </summary>
public sealed class StatusChangeEvidenceCheck(TsaDbContext db, StatusChangeKindRules rules)
{
    public async Task<EvidenceOnFile> OfAsync(StatusChange change, CancellationToken ct)
    {
        var rule = await rules.ApplyingAsync(change.Kind, change.ScopePath, change.OccurredOn, ct);
        if (rule is not { EvidenceRequired: true })
        {
            return EvidenceOnFile.Of(rule, change.Side, 0);
        }

        var files = await db.Set<StatusChangeEvidence>().CountAsync(e => e.ChangeId == change.Id, ct);
        return EvidenceOnFile.Of(rule, change.Side, files);
    }
}
