using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Audit;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

/// <summary>
/// CHK-1/CHK-2 "withdraw here": the school takes an approved line back after a duplicate check (the person is aided
/// elsewhere). The line becomes withdrawn with the reason, which frees the person for the other side. Not saved here:
/// the caller saves it with its own change and audit event in one transaction. No endpoint: the cross-check clearance
/// calls it.
/// </summary>
public sealed class RevokeApprovedAidEntry(TsaDbContext db, AidRoundSteps steps, TimeProvider clock)
{
    public async Task<AidEntry> HandleAsync(Guid entryId, string reason, CancellationToken ct)
    {
        var (round, entry) = await steps.LoadEntryAsync(entryId, ct);
        entry.Revoke(reason, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record(AidRoundAuditActions.EntryRevoked, round.Id.ToString(), round.ScopePath, new { entry = entry.Id, state = AidEntryState.Approved },
            new { entry = entry.Id, student = entry.StudentName, reason }, clock);
        return entry;
    }
}
