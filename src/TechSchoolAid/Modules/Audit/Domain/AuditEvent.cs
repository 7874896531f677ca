using System.Globalization;
using System.Text;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Audit;

namespace TechSchoolAid.Modules.Audit.Domain;

/// <summary>
/// One audited change or sensitive view (AUD-1). Append-only: the DbContext refuses updates and deletes, and each event
/// carries a keyed hash (HMAC under a key held outside the database) over its content and its predecessor's hash, so a
/// changed, deleted, reordered or forged row breaks the chain that <c>tsa audit verify</c> walks.
/// </summary>
public sealed class AuditEvent : IScoped
{
    private AuditEvent()
    {
    }

    public AuditEvent(DateTime occurredAtUtc, string actorUserName, string actorOrganizationCode, string scopePath, string subjectType, string subjectId, string action, string? oldValue, string? newValue, string? clientAddress)
    {
        // Microsecond precision: what PostgreSQL keeps, so the hash is the same after a round trip on both providers.
        OccurredAtUtc = new DateTime(occurredAtUtc.Ticks - (occurredAtUtc.Ticks % 10), DateTimeKind.Utc);
        ActorUserName = actorUserName;
        ActorOrganizationCode = actorOrganizationCode;
        ScopePath = scopePath;
        SubjectType = subjectType;
        SubjectId = subjectId;
        Action = action;
        OldValue = oldValue;
        NewValue = newValue;
        ClientAddress = clientAddress;
    }

    /// <summary>Row identity, so that several events can wait in one unit of work before the sealer numbers them.</summary>
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public long Sequence { get; private set; }

    public DateTime OccurredAtUtc { get; private set; }

    public string ActorUserName { get; private set; } = "";

    public string ActorOrganizationCode { get; private set; } = "";

    public string ScopePath { get; private set; } = "";

    public string SubjectType { get; private set; } = "";

    public string SubjectId { get; private set; } = "";

    public string Action { get; private set; } = "";

    public string? OldValue { get; private set; }

    public string? NewValue { get; private set; }

    public string? ClientAddress { get; private set; }

    public string PreviousHash { get; private set; } = "";

    /// <summary>
    /// The keyed hash that sealed this event (HMAC-SHA256 or HMAC-SM3): stored with the event and covered by its hash, so
    /// that a chain begun under one algorithm set stays verifiable after the configuration chooses the other.
    /// </summary>
    public string HashAlgorithm { get; private set; } = "";

    public string Hash { get; private set; } = "";

    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    internal void Seal(long sequence, string previousHash, AuditChainHasher hasher)
    {
        Sequence = sequence;
        PreviousHash = previousHash;
        HashAlgorithm = hasher.SealingAlgorithm;
        Hash = hasher.Compute(this) ?? throw new InvalidOperationException("The sealing algorithm is always known.");
    }

    /// <summary>Every field that the hash covers, in a fixed order and format (the same on both database providers).</summary>
    public byte[] CanonicalBytes()
    {
        var canonical = string.Join(
            '\u001f',
            Sequence.ToString(CultureInfo.InvariantCulture),
            OccurredAtUtc.ToString("yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture),
            ActorUserName,
            ActorOrganizationCode,
            ScopePath,
            SubjectType,
            SubjectId,
            Action,
            OldValue ?? "\u0000",
            NewValue ?? "\u0000",
            ClientAddress ?? "\u0000",
            HashAlgorithm,
            PreviousHash);
        return Encoding.UTF8.GetBytes(canonical);
    }
}
