using System.Security.Cryptography;

namespace TechSchoolAid.Kernel.Security;

/// <summary>
/// A keyed hash (HMAC) under one fixed key, safe to share between threads: the blind index of personal data and the
/// audit chain both hash millions of short values, so the keyed state is set up once per thread and reused.
/// </summary>
public abstract class KeyedHash
{
    public const string HmacSha256 = "HMAC-SHA256";

    /// <summary>Every algorithm this build can compute, so that data written under either suite stays readable.</summary>
    public static readonly IReadOnlyList<string> Names = [HmacSha256];

    /// <summary>The algorithm's name as stored beside what it hashed (e.g. on each audit event).</summary>
    public abstract string Name { get; }

    /// <summary>Both algorithms in use give 32 bytes.</summary>
    public const int Size = 32;

    public static KeyedHash Create(string name, byte[] key) => name switch
    {
        HmacSha256 => new HmacSha256Hash(key),
        _ => throw new ArgumentException($"Unknown keyed hash {name}.", nameof(name)),
    };

    public abstract void Compute(ReadOnlySpan<byte> data, Span<byte> destination);

    public byte[] Compute(ReadOnlySpan<byte> data)
    {
        var hash = new byte[Size];
        Compute(data, hash);
        return hash;
    }

    private sealed class HmacSha256Hash(byte[] key) : KeyedHash
    {
        // Setting an HMAC key up (pads, native context) costs more than hashing an ID number: one state per thread, kept.
        private readonly ThreadLocal<IncrementalHash> _state = new(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key));

        public override string Name => HmacSha256;

        public override void Compute(ReadOnlySpan<byte> data, Span<byte> destination)
        {
            var hmac = _state.Value!;
            hmac.AppendData(data);
            hmac.GetHashAndReset(destination);
        }
    }
}
