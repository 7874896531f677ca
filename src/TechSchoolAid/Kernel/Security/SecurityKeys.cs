using System.Security.Cryptography;
using System.Text.Json;

namespace TechSchoolAid.Kernel.Security;

public sealed class PersonalDataOptions
{
    public const string Section = "Security";

    /// <summary>Base64 of 32 bytes: the AES-256-GCM key for personal data. Required in production.</summary>
    public string? DataKey { get; set; }

    /// <summary>Base64 of 32 bytes: the HMAC-SHA256 key of the blind index used to find a person by ID number.</summary>
    public string? IndexKey { get; set; }

    /// <summary>The id (1–255) written into every value encrypted with <see cref="DataKey"/>.</summary>
    public int DataKeyId { get; set; } = 1;

    /// <summary>Data keys being rotated away, by id (base64 of 32 bytes each): read, never written with.</summary>
    public Dictionary<string, string> PreviousDataKeys { get; set; } = [];

    /// <summary>During a re-index: the blind index key the rows not rotated yet still carry.</summary>
    public string? PreviousIndexKey { get; set; }

    /// <summary>
    /// Base64 of 32 bytes: the key of the audit chain's HMAC and of its checkpoints. Held outside the database so that
    /// someone who can rewrite the audit table cannot recompute a chain that verifies. Required in production.
    /// </summary>
    public string? AuditKey { get; set; }

    /// <summary>
    /// Where keys are kept when they are not configured (demo and development only). Outside the database on purpose:
    /// a stolen database dump without this file or the configured keys reveals no ID number.
    /// </summary>
    public string KeyFile { get; set; } = "App_Data/keys/personal-data-keys.json";

    /// <summary>When false (production), missing configured keys stop the application instead of creating a key file.</summary>
    public bool AllowKeyFile { get; set; }

    /// <summary>The key file's full path: relative paths are under the application's content root.</summary>
    public string KeyFilePath(string contentRoot) => Path.IsPathRooted(KeyFile) ? KeyFile : Path.Combine(contentRoot, KeyFile);
}

/// <summary>
/// The application's secret keys, read once: from configuration (production: a secret store or environment variables),
/// or, where allowed (development, demo, tests), from a key file created on first run outside the database.
/// </summary>
public sealed class SecurityKeys
{
    public SecurityKeys(byte[] dataKey, byte[] indexKey, byte[] auditKey)
        : this(dataKey, 1, new Dictionary<byte, byte[]>(), indexKey, null, auditKey)
    {
    }

    public SecurityKeys(byte[] dataKey, byte dataKeyId, IReadOnlyDictionary<byte, byte[]> previousDataKeys, byte[] indexKey, byte[]? previousIndexKey, byte[] auditKey)
    {
        DataKeyId = dataKeyId;
        PreviousDataKeys = previousDataKeys;
        PreviousIndexKey = previousIndexKey;
        if (dataKey.Length != 32 || indexKey.Length != 32 || auditKey.Length != 32)
        {
            throw new ArgumentException("Security keys must be 32 bytes each.");
        }

        DataKey = dataKey;
        IndexKey = indexKey;
        AuditKey = auditKey;
    }

    public byte[] DataKey { get; }

    public byte DataKeyId { get; }

    public IReadOnlyDictionary<byte, byte[]> PreviousDataKeys { get; }

    public byte[]? PreviousIndexKey { get; }

    public byte[] IndexKey { get; }

    public byte[] AuditKey { get; }

    /// <summary>
    /// Each key from configuration when given there; the missing ones from the key file when it is allowed (created, or
    /// completed with a new key, on first use). In production a missing key stops the application: a key that appeared
    /// silently on one server would make its data unreadable, and its audit chain unverifiable, on every other.
    /// </summary>
    public static SecurityKeys Load(PersonalDataOptions o, string contentRoot)
    {
        var current = Primary(o, contentRoot);
        if (o.DataKeyId is < 1 or > 255)
        {
            throw new InvalidOperationException("Security:DataKeyId must be between 1 and 255.");
        }

        var previous = new Dictionary<byte, byte[]>();
        foreach (var (id, key) in o.PreviousDataKeys)
        {
            if (!byte.TryParse(id, out var keyId) || keyId == 0 || keyId == o.DataKeyId)
            {
                throw new InvalidOperationException($"Security:PreviousDataKeys:{id}: the id must be 1–255 and differ from Security:DataKeyId.");
            }

            previous[keyId] = Decode(key, $"Security:PreviousDataKeys:{id}");
        }

        var previousIndex = string.IsNullOrWhiteSpace(o.PreviousIndexKey) ? null : Decode(o.PreviousIndexKey, "Security:PreviousIndexKey");
        return new SecurityKeys(current.DataKey, (byte)o.DataKeyId, previous, current.IndexKey, previousIndex, current.AuditKey);
    }

    private static SecurityKeys Primary(PersonalDataOptions o, string contentRoot)
    {
        var missing = new[] { ("DataKey", o.DataKey), ("IndexKey", o.IndexKey), ("AuditKey", o.AuditKey) }
            .Where(k => string.IsNullOrWhiteSpace(k.Item2)).Select(k => "Security:" + k.Item1).ToList();
        if (missing.Count == 0)
        {
            return new SecurityKeys(Decode(o.DataKey!, "Security:DataKey"), Decode(o.IndexKey!, "Security:IndexKey"), Decode(o.AuditKey!, "Security:AuditKey"));
        }

        if (!o.AllowKeyFile)
        {
            throw new InvalidOperationException(
                $"{string.Join(", ", missing)} (base64, 32 bytes each) must be configured in production; see README and docs/adr/0004.");
        }

        var file = LoadOrCreateKeyFile(o.KeyFilePath(contentRoot));
        return new SecurityKeys(
            Decode(string.IsNullOrWhiteSpace(o.DataKey) ? file.DataKey : o.DataKey, "Security:DataKey"),
            Decode(string.IsNullOrWhiteSpace(o.IndexKey) ? file.IndexKey : o.IndexKey, "Security:IndexKey"),
            Decode(string.IsNullOrWhiteSpace(o.AuditKey) ? file.AuditKey! : o.AuditKey, "Security:AuditKey"));
    }

    private static byte[] Decode(string base64, string name)
    {
        try
        {
            var key = Convert.FromBase64String(base64);
            return key.Length == 32 ? key : throw new InvalidOperationException($"{name} must be base64 of exactly 32 bytes.");
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{name} is not valid base64.");
        }
    }

    private static KeyFileContent LoadOrCreateKeyFile(string path)
    {
        var keys = File.Exists(path)
            ? JsonSerializer.Deserialize<KeyFileContent>(File.ReadAllText(path)) ?? throw new InvalidOperationException($"Key file {path} is empty.")
            : new KeyFileContent(NewKey(), NewKey(), null);

        // Key files from before the keyed audit chain lack the audit key: it is added, the other keys are kept as they are.
        if (keys.AuditKey is null || !File.Exists(path))
        {
            keys = keys with { AuditKey = keys.AuditKey ?? NewKey() };
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + ".new";
            File.WriteAllText(temporary, JsonSerializer.Serialize(keys));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.Move(temporary, path, overwrite: true);
        }

        return keys;
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private sealed record KeyFileContent(string DataKey, string IndexKey, string? AuditKey);
}
