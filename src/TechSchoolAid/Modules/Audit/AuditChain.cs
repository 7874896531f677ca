using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Telemetry;
using TechSchoolAid.Modules.Audit.Contracts;
using TechSchoolAid.Modules.Audit.Domain;

namespace TechSchoolAid.Modules.Audit;

/// <summary>
/// Numbers and chains audit events at save time, inside the transaction of the change, under a lock so that two
/// writers never take the same predecessor.
/// </summary>
internal sealed class AuditChainSealer(AuditChainHasher? hasher) : IAuditSealer
{
    // Any constant will do; it only has to be the same for every writer of the chain.
    private const long ChainLockKey = 0x54_53_41_41_55_44_49_54;

    public bool HasPendingEvents(TsaDbContext db)
    {
        var any = false;
        foreach (var entry in db.ChangeTracker.Entries<AuditEvent>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new AppException(ErrorKind.Forbidden, "审计日志只允许追加，不允许修改或删除");
            }

            any |= entry.State == EntityState.Added;
        }

        return any;
    }

    public async Task SealAsync(TsaDbContext db, CancellationToken cancellationToken)
    {
        // Only design-time tools build a context without the audit key, and they never save.
        var keyed = hasher ?? throw new InvalidOperationException("Audit events cannot be written without the audit key.");
        if (db.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({ChainLockKey})", cancellationToken);
        }

        var last = await db.Unscoped<AuditEvent>("the next event follows the last one of the whole chain")
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(cancellationToken);
        var sequence = last?.Sequence ?? 0;
        var previous = last?.Hash ?? AuditEvent.GenesisHash;
        foreach (var entry in db.ChangeTracker.Entries<AuditEvent>().Where(e => e.State == EntityState.Added).ToList())
        {
            sequence++;
            entry.Entity.Seal(sequence, previous, keyed);
            previous = entry.Entity.Hash;
        }
    }
}

/// <summary>The one way modules record what they changed: call next to the state change, before SaveChangesAsync.</summary>
public static class AuditLog
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Records an action of a module's catalogue (<see cref="AuditAction"/>).</summary>
    public static void Record(
        this TsaDbContext db,
        AuditAction action,
        string subjectId,
        string scopePath,
        object? oldValue = null,
        object? newValue = null,
        TimeProvider? clock = null) =>
        db.Record(action.Code, action.Subject, subjectId, scopePath, oldValue, newValue, clock);

    public static void Record(
        this TsaDbContext db,
        string action,
        string subjectType,
        string subjectId,
        string scopePath,
        object? oldValue = null,
        object? newValue = null,
        TimeProvider? clock = null)
    {
        var actor = db.Actor;
        TsaMetrics.Recorded(action);
        db.Set<AuditEvent>().Add(new AuditEvent(
            (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime,
            actor.UserName,
            actor.OrganizationCode,
            scopePath,
            subjectType,
            subjectId,
            action,
            Serialize(oldValue),
            Serialize(newValue),
            actor.ClientAddress));
    }

    private static string? Serialize(object? value) => value switch
    {
        null => null,
        string s => s,
        _ => JsonSerializer.Serialize(value, Json),
    };
}

/// <summary>One finding of a verification: the sequence number it concerns (0: the checkpoints themselves) and what is wrong.</summary>
public sealed record ChainProblem(long Sequence, string Problem);
