using System.Security.Cryptography;
using System.Text;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit.Domain;

namespace TechSchoolAid.Modules.Audit;

/// <summary>
/// The keyed hashes of the audit chain and of its checkpoints, under the audit key (held outside the database). Without
/// the key nobody can recompute a chain that verifies after changing, inserting or appending an event.
/// </summary>
public sealed class AuditChainHasher
{
    private readonly Dictionary<string, KeyedHash> _events;
    private readonly Dictionary<string, KeyedHash> _checkpoints;

    public AuditChainHasher(byte[] auditKey, string sealingAlgorithm)
    {
        // Two keys derived from the one audit key: a checkpoint signature can never pass for an event hash, nor the reverse.
        var eventKey = HMACSHA256.HashData(auditKey, "tsa/audit/event"u8);
        var checkpointKey = HMACSHA256.HashData(auditKey, "tsa/audit/checkpoint"u8);
        _events = KeyedHash.Names.ToDictionary(n => n, n => KeyedHash.Create(n, eventKey), StringComparer.Ordinal);
        _checkpoints = KeyedHash.Names.ToDictionary(n => n, n => KeyedHash.Create(n, checkpointKey), StringComparer.Ordinal);
        if (!_events.ContainsKey(sealingAlgorithm))
        {
            throw new ArgumentException($"Unknown audit hash {sealingAlgorithm}.", nameof(sealingAlgorithm));
        }

        SealingAlgorithm = sealingAlgorithm;
    }

    /// <summary>The algorithm new events are sealed with (chosen by the configured crypto suite).</summary>
    public string SealingAlgorithm { get; }

    /// <summary>The hash an event should carry, by the algorithm it names; null when it names none that this build knows.</summary>
    public string? Compute(AuditEvent e) =>
        _events.TryGetValue(e.HashAlgorithm, out var hash) ? Convert.ToHexStringLower(hash.Compute(e.CanonicalBytes())) : null;

    public string Sign(string payload, string algorithm) =>
        Convert.ToHexStringLower(_checkpoints[algorithm].Compute(Encoding.UTF8.GetBytes(payload)));

    public bool IsValidSignature(string payload, string algorithm, string signature)
    {
        if (!_checkpoints.TryGetValue(algorithm, out var hash))
        {
            return false;
        }

        var expected = hash.Compute(Encoding.UTF8.GetBytes(payload));
        byte[] given;
        try
        {
            given = Convert.FromHexString(signature);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
