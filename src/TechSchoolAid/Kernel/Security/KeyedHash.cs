using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace TechSchoolAid.Kernel.Security;

/// <summary>The algorithm set for personal data and the audit chain (SEC-3).</summary>
public enum CryptoSuite
{
    /// <summary>AES-256-GCM, HMAC-SHA256.</summary>
    Standard,

    /// <summary>国密: SM4-GCM, HMAC-SM3.</summary>
    GuoMi,
}

public sealed class CryptoOptions
{
    public const string Section = "Crypto";

    /// <summary>The suite new values, blind indexes and audit events are written with.</summary>
    public CryptoSuite Suite { get; set; } = CryptoSuite.Standard;

    /// <summary>While a rotation moves rows from another suite: the suite of the blind indexes not rotated yet.</summary>
    public CryptoSuite? PreviousSuite { get; set; }
}

/// <summary>
/// A keyed hash (HMAC) under one fixed key, safe to share between threads: the blind index of personal data and the
/// audit chain both hash millions of short values, so the keyed state is set up once per thread and reused.
/// </summary>
public abstract class KeyedHash
{
    public const string HmacSha256 = "HMAC-SHA256";
    public const string HmacSm3 = "HMAC-SM3";

    /// <summary>Every algorithm this build can compute, so that data written under either suite stays readable.</summary>
    public static readonly IReadOnlyList<string> Names = [HmacSha256, HmacSm3];

    /// <summary>The keyed hash of a suite: HMAC-SHA256 (Standard) or HMAC-SM3 (GuoMi).</summary>
    public static string For(CryptoSuite suite) => suite == CryptoSuite.GuoMi ? HmacSm3 : HmacSha256;

    /// <summary>The algorithm's name as stored beside what it hashed (e.g. on each audit event).</summary>
    public abstract string Name { get; }

    /// <summary>Both algorithms in use give 32 bytes.</summary>
    public const int Size = 32;

    public static KeyedHash Create(string name, byte[] key) => name switch
    {
        HmacSha256 => new HmacSha256Hash(key),
        HmacSm3 => new HmacSm3Hash(key),
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

    private sealed class HmacSm3Hash(byte[] key) : KeyedHash
    {
        // BouncyCastle's HMac resets to the keyed state after DoFinal, so one keyed instance per thread serves every call.
        private readonly ThreadLocal<HMac> _state = new(() =>
        {
            var hmac = new HMac(new SM3Digest());
            hmac.Init(new KeyParameter(key));
            return hmac;
        });

        public override string Name => HmacSm3;

        public override void Compute(ReadOnlySpan<byte> data, Span<byte> destination)
        {
            var hmac = _state.Value!;
            hmac.BlockUpdate(data);
            hmac.DoFinal(destination);
        }
    }
}
