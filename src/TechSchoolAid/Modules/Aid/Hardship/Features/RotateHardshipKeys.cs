using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Hardship.Domain;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Aid.Hardship.Features;

/// <summary>
/// SEC-3 key rotation for the hardship details (SEC-1): re-encrypts every assessment's sensitive fields written with an
/// older algorithm or data key, in id order and batches (both keys stay configured meanwhile, as for the student records
/// of RotatePersonalDataKeys). Idempotent: a second run rewrites nothing.
/// </summary>
public sealed class RotateHardshipKeys(TsaDbContext db, PersonalDataProtector protector, TimeProvider clock)
{
    public async Task<(long Checked, long Rewritten)> HandleAsync(int batchSize, CancellationToken ct)
    {
        db.Actor.Demand(StudentAccess.RotateKeys);
        long seen = 0, rewritten = 0;
        Guid? last = null;
        while (true)
        {
            var q = db.Unscoped<HardshipAssessment>("key rotation re-encrypts every school's hardship details");
            if (last is { } l)
            {
                q = q.Where(a => a.Id.CompareTo(l) > 0);
            }

            var batch = await q.OrderBy(a => a.Id).Take(batchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }

            rewritten += batch.Count(a => a.RotateProtection(c => protector.NeedsRotation(c) ? protector.Encrypt(protector.Decrypt(c)) : null));
            seen += batch.Count;
            last = batch[^1].Id;
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        db.Record(HardshipAuditActions.KeysRotated, protector.CurrentTag, "/", null, new { rows = seen, rewritten }, clock);
        await db.SaveChangesAsync(ct);
        return (seen, rewritten);
    }
}
