using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Modules.Audit.Contracts;

namespace TechSchoolAid.Modules.Students.Features;

/// <summary>
/// How far the rotation to one target (algorithm, key id and blind index, e.g. "SM4-GCM/2+HMAC-SM3") has come: the last
/// student record done, in id order. Written in the same transaction as each batch, so a crash loses at most the batch
/// in flight, and the next run starts after the last one committed.
/// </summary>
public sealed class KeyRotationProgress
{
    private KeyRotationProgress()
    {
    }

    public KeyRotationProgress(string target, DateTime startedAtUtc)
    {
        Target = target;
        StartedAtUtc = startedAtUtc;
        UpdatedAtUtc = startedAtUtc;
    }

    public string Target { get; private set; } = "";

    public Guid? LastStudentId { get; private set; }

    public long RowsChecked { get; private set; }

    public long RowsRewritten { get; private set; }

    public DateTime StartedAtUtc { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    public DateTime? CompletedAtUtc { get; private set; }

    internal void Advance(Guid lastStudentId, int checkedRows, int rewrittenRows, DateTime nowUtc)
    {
        LastStudentId = lastStudentId;
        RowsChecked += checkedRows;
        RowsRewritten += rewrittenRows;
        UpdatedAtUtc = nowUtc;
    }

    internal void Complete(DateTime nowUtc)
    {
        CompletedAtUtc = nowUtc;
        UpdatedAtUtc = nowUtc;
    }
}

internal sealed class KeyRotationProgressConfiguration : IEntityTypeConfiguration<KeyRotationProgress>
{
    public void Configure(EntityTypeBuilder<KeyRotationProgress> b)
    {
        b.ToTable("key_rotations");
        b.HasKey(p => p.Target);
        b.Property(p => p.Target).HasMaxLength(80);
    }
}

public sealed record KeyRotationResult(string Target, long RowsChecked, long RowsRewritten, bool Completed, bool Resumed);

/// <summary>
/// SEC-3 key rotation: brings every student record's personal fields to the current algorithm and data key, and its
/// blind index to the current index key, in batches. Both the old and the new keys stay configured meanwhile (the old
/// data key under <c>Security:PreviousDataKeys</c>, the old index under <c>Security:PreviousIndexKey</c> or
/// <c>Crypto:PreviousSuite</c>), so the application keeps reading every row while the job runs. Resumable: progress is
/// committed with each batch.
/// </summary>
public sealed class RotatePersonalDataKeys(TsaDbContext db, PersonalDataProtector protector, TimeProvider clock)
{
    public async Task<KeyRotationResult> HandleAsync(int batchSize, int? maxBatches, IProgress<long>? progress, CancellationToken ct)
    {
        // The job reads every school's records: a batch job of the operator, never a page.
        db.Actor.Demand(StudentAccess.RotateKeys);

        if (batchSize is < 1 or > 10_000)
        {
            throw AppException.Invalid("batchSize", "每批条数应在 1 到 10000 之间");
        }

        var target = protector.CurrentTag;
        var state = await db.Set<KeyRotationProgress>().FindAsync([target], ct);
        var resumed = state is not null;
        if (state is null)
        {
            state = new KeyRotationProgress(target, clock.GetUtcNow().UtcDateTime);
            db.Add(state);
            await db.SaveChangesAsync(ct);
        }

        var batches = 0;
        while (state.CompletedAtUtc is null && (maxBatches is null || batches < maxBatches))
        {
            var query = db.Unscoped<StudentRecord>("key rotation re-encrypts every record in the country");
            if (state.LastStudentId is { } last)
            {
                query = query.Where(s => s.Id.CompareTo(last) > 0);
            }

            var batch = await query.OrderBy(s => s.Id).Take(batchSize).ToListAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            if (batch.Count == 0)
            {
                state.Complete(now);
                db.Record(SecurityAuditActions.KeysRotated, target, "/", null, new { state.RowsChecked, state.RowsRewritten }, clock);
                await db.SaveChangesAsync(ct);
                break;
            }

            var rewritten = 0;
            foreach (var record in batch)
            {
                rewritten += Rotate(record) ? 1 : 0;
            }

            state.Advance(batch[^1].Id, batch.Count, rewritten, now);
            db.Record(SecurityAuditActions.KeysRotationBatch, target, "/", null, new { rows = batch.Count, rewritten, last = batch[^1].Id }, clock);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            state = await db.Set<KeyRotationProgress>().SingleAsync(p => p.Target == target, ct);
            batches++;
            progress?.Report(state.RowsChecked);
        }

        return new KeyRotationResult(target, state.RowsChecked, state.RowsRewritten, state.CompletedAtUtc is not null, resumed);
    }

    private bool Rotate(StudentRecord record)
    {
        var idNumber = protector.Decrypt(record.IdNumberCipher);
        var hash = Convert.ToHexStringLower(protector.BlindIndex(StudentValidation.IndexKey(record.DocumentType, idNumber)));
        var stale = protector.NeedsRotation(record.IdNumberCipher)
            || hash != record.IdNumberHash
            || (record.PhoneCipher is { } p && protector.NeedsRotation(p))
            || (record.GuardianPhoneCipher is { } g && protector.NeedsRotation(g));
        if (!stale)
        {
            return false;
        }

        record.RotateProtection(
            protector.NeedsRotation(record.IdNumberCipher) ? protector.Encrypt(idNumber) : record.IdNumberCipher,
            hash,
            record.PhoneCipher is { } phone && protector.NeedsRotation(phone) ? protector.Encrypt(protector.Decrypt(phone)) : record.PhoneCipher,
            record.GuardianPhoneCipher is { } guardian && protector.NeedsRotation(guardian) ? protector.Encrypt(protector.Decrypt(guardian)) : record.GuardianPhoneCipher);
        return true;
    }
}
