using System.Globalization;
using System.Text.Json;
using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Modules.Audit;

public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>
    /// The folder that receives the signed checkpoints of the chain's head: outside the database, ideally on storage the
    /// database's administrators cannot write (another server's share, a WORM bucket mounted as a folder). Required in
    /// production; in development and demo mode it defaults to a folder beside the key file.
    /// </summary>
    public string? CheckpointFolder { get; set; }

    /// <summary>Minutes between scheduled checkpoints (0 turns the schedule off; every verify still writes one).</summary>
    public int CheckpointMinutes { get; set; } = 5;

    /// <summary>How many checkpoint files are kept; older ones are deleted when a new one is written.</summary>
    public int CheckpointsKept { get; set; } = 2000;
}

/// <summary>A signed record of the chain's head at a moment: the sequence number and the hash it had.</summary>
public sealed record AuditCheckpoint(long Sequence, string Hash, DateTime CreatedAtUtc, string Algorithm, string Signature)
{
    internal string Payload() => string.Join(
        '\u001f',
        "tsa-audit-checkpoint/1",
        Sequence.ToString(CultureInfo.InvariantCulture),
        Hash,
        CreatedAtUtc.ToString("O", CultureInfo.InvariantCulture),
        Algorithm);

    /// <summary>The checkpoint's time as a reader in China sees it.</summary>
    public string BeijingTime => CreatedAtUtc.AddHours(8).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}

/// <summary>The checkpoints found in the folder: those with a valid signature, and the files that were not.</summary>
public sealed record AuditCheckpointSet(IReadOnlyList<AuditCheckpoint> Valid, IReadOnlyList<string> Rejected)
{
    public AuditCheckpoint? Latest => Valid.OrderBy(c => c.Sequence).ThenBy(c => c.CreatedAtUtc).LastOrDefault();
}

/// <summary>
/// Writes and reads the signed checkpoints in the folder an operator names. A truncated or rewritten chain can be made
/// to agree with itself, but not with a checkpoint written earlier outside the database and signed with the audit key.
/// </summary>
public sealed class AuditCheckpointStore
{
    private const string Prefix = "audit-checkpoint-";
    private readonly AuditChainHasher _hasher;
    private readonly int _kept;

    public AuditCheckpointStore(string folder, AuditChainHasher hasher, int kept)
    {
        Folder = folder;
        _hasher = hasher;
        _kept = Math.Max(1, kept);
    }

    public string Folder { get; }

    /// <summary>
    /// The configured folder; where none is configured, beside the key file when key files are allowed (development,
    /// demo, tests), and otherwise none: production stops rather than write checkpoints nobody chose a place for.
    /// </summary>
    public static AuditCheckpointStore Create(AuditOptions audit, PersonalDataOptions security, string contentRoot, AuditChainHasher hasher)
    {
        string folder;
        if (!string.IsNullOrWhiteSpace(audit.CheckpointFolder))
        {
            folder = Path.IsPathRooted(audit.CheckpointFolder) ? audit.CheckpointFolder : Path.Combine(contentRoot, audit.CheckpointFolder);
        }
        else if (security.AllowKeyFile)
        {
            folder = Path.Combine(Path.GetDirectoryName(security.KeyFilePath(contentRoot))!, "audit-checkpoints");
        }
        else
        {
            throw new InvalidOperationException("Audit:CheckpointFolder (a folder outside the database) must be configured in production; see docs/adr/0004.");
        }

        return new AuditCheckpointStore(folder, hasher, audit.CheckpointsKept);
    }

    public AuditCheckpointSet ReadAll()
    {
        if (!Directory.Exists(Folder))
        {
            return new AuditCheckpointSet([], []);
        }

        var valid = new List<AuditCheckpoint>();
        var rejected = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Folder, Prefix + "*.json"))
        {
            var checkpoint = TryRead(file);
            if (checkpoint is not null && _hasher.IsValidSignature(checkpoint.Payload(), checkpoint.Algorithm, checkpoint.Signature))
            {
                valid.Add(checkpoint);
            }
            else
            {
                rejected.Add(Path.GetFileName(file));
            }
        }

        return new AuditCheckpointSet(valid, rejected);
    }

    public AuditCheckpoint Write(long sequence, string hash, DateTime nowUtc)
    {
        var unsigned = new AuditCheckpoint(sequence, hash, nowUtc, _hasher.SealingAlgorithm, "");
        var checkpoint = unsigned with { Signature = _hasher.Sign(unsigned.Payload(), unsigned.Algorithm) };
        Directory.CreateDirectory(Folder);

        // Named so that the name order is the sequence order; written aside and renamed, so a reader never sees half a file.
        var name = $"{Prefix}{sequence:D15}-{nowUtc.ToString("yyyyMMdd'T'HHmmssfffffff", CultureInfo.InvariantCulture)}.json";
        var path = Path.Combine(Folder, name);
        var temporary = Path.Combine(Folder, "." + name + "." + Guid.NewGuid().ToString("N") + ".tmp");
        File.WriteAllText(temporary, JsonSerializer.Serialize(checkpoint));
        File.Move(temporary, path, overwrite: true);
        Prune();
        return checkpoint;
    }

    private void Prune()
    {
        var files = Directory.GetFiles(Folder, Prefix + "*.json").Order(StringComparer.Ordinal).ToList();
        foreach (var old in files.Take(files.Count - _kept))
        {
            File.Delete(old);
        }
    }

    private static AuditCheckpoint? TryRead(string file)
    {
        try
        {
            var c = JsonSerializer.Deserialize<AuditCheckpoint>(File.ReadAllText(file));
            return c is { Hash: not null, Algorithm: not null, Signature: not null } ? c with { CreatedAtUtc = DateTime.SpecifyKind(c.CreatedAtUtc, DateTimeKind.Utc) } : null;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
