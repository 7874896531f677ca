using System.Security.Cryptography;
using System.Text;
using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Tests.Kernel;

/// <summary>SEC-3: both algorithm sets through the one protector; every value tagged with its algorithm and key id.</summary>
public sealed class CryptoSuiteTests
{
    private static readonly byte[] Key1 = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] Key2 = Enumerable.Range(51, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] IndexKey = Enumerable.Repeat((byte)7, 32).ToArray();

    public static TheoryData<CryptoSuite> Suites => [CryptoSuite.Standard, CryptoSuite.GuoMi];

    private static PersonalDataProtector Protector(CryptoSuite suite, byte keyId = 1, KeyedHash? previousIndex = null) =>
        new(suite, keyId, new Dictionary<byte, byte[]> { [1] = Key1, [2] = Key2 }, IndexKey, previousIndex);

    [Theory]
    [MemberData(nameof(Suites))]
    public void Encrypt_RoundTrip_TaggedWithAlgorithmAndKeyId(CryptoSuite suite)
    {
        var protector = Protector(suite, keyId: 2);
        var a = protector.Encrypt("440524188001010014");
        var b = protector.Encrypt("440524188001010014");
        Assert.NotEqual(a, b);
        Assert.Equal("440524188001010014", protector.Decrypt(a));
        Assert.Equal(2, a[0]);
        Assert.Equal(suite == CryptoSuite.GuoMi ? PersonalDataProtector.Sm4Gcm : PersonalDataProtector.Aes256Gcm, a[1]);
        Assert.Equal(2, a[2]);
        Assert.DoesNotContain("440524", Encoding.UTF8.GetString(a), StringComparison.Ordinal);
        Assert.False(protector.NeedsRotation(a));
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void Decrypt_ChangedByte_Refused(CryptoSuite suite)
    {
        var protector = Protector(suite);
        var cipher = protector.Encrypt("13800138000");
        cipher[^20] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => protector.Decrypt(cipher));
    }

    [Fact]
    public void Decrypt_EitherSuiteAndKey_ReadSideBySide()
    {
        // During a rotation rows written under the old suite and key sit beside new ones; both must read.
        var old = Protector(CryptoSuite.Standard, keyId: 1).Encrypt("旧值");
        var current = Protector(CryptoSuite.GuoMi, keyId: 2);
        Assert.Equal("旧值", current.Decrypt(old));
        Assert.True(current.NeedsRotation(old));
        Assert.False(current.NeedsRotation(current.Encrypt("新值")));

        // A key no longer configured cannot be read, and says so instead of returning garbage.
        var withoutKey1 = new PersonalDataProtector(CryptoSuite.GuoMi, 2, new Dictionary<byte, byte[]> { [2] = Key2 }, IndexKey, null);
        Assert.ThrowsAny<CryptographicException>(() => withoutKey1.Decrypt(old));
    }

    [Fact]
    public void Decrypt_FirstFormat_StillRead()
    {
        // [1][nonce][tag][cipher] under data key 1: what databases written before the tagged format hold.
        var nonce = RandomNumberGenerator.GetBytes(12);
        var plain = Encoding.UTF8.GetBytes("440524188001010014");
        var legacy = new byte[29 + plain.Length];
        legacy[0] = 1;
        nonce.CopyTo(legacy, 1);
        using (var aes = new AesGcm(Key1, 16))
        {
            aes.Encrypt(nonce, plain, legacy.AsSpan(29), legacy.AsSpan(13, 16));
        }

        Assert.Equal("440524188001010014", Protector(CryptoSuite.GuoMi).Decrypt(legacy));
    }

    [Fact]
    public void BlindIndex_EachSuiteItsOwnKeyedHash()
    {
        var standard = Protector(CryptoSuite.Standard).BlindIndex("440524188001010014");
        var guoMi = Protector(CryptoSuite.GuoMi).BlindIndex("440524188001010014");
        Assert.Equal(HMACSHA256.HashData(IndexKey, Encoding.UTF8.GetBytes("440524188001010014")), standard);
        Assert.NotEqual(standard, guoMi);
        Assert.Equal(guoMi, Protector(CryptoSuite.GuoMi).BlindIndex("440524188001010014"));
        Assert.Equal(32, guoMi.Length);
    }

    [Fact]
    public void HmacSm3_MatchesTheConstructionOverSm3()
    {
        // HMAC (RFC 2104) written out over BouncyCastle's SM3 digest, block 64 bytes: the keyed state kept per thread
        // must give the same bytes, call after call, on many threads.
        var key = RandomNumberGenerator.GetBytes(32);
        var data = Encoding.UTF8.GetBytes("440524188001010014");
        byte[] Sm3(params byte[][] parts)
        {
            var d = new Org.BouncyCastle.Crypto.Digests.SM3Digest();
            foreach (var p in parts)
            {
                d.BlockUpdate(p, 0, p.Length);
            }

            var o = new byte[32];
            d.DoFinal(o, 0);
            return o;
        }

        var padded = new byte[64];
        key.CopyTo(padded, 0);
        var expected = Sm3(padded.Select(b => (byte)(b ^ 0x5c)).ToArray(), Sm3(padded.Select(b => (byte)(b ^ 0x36)).ToArray(), data));
        var hmac = KeyedHash.Create(KeyedHash.HmacSm3, key);
        Parallel.For(0, 2_000, _ => Assert.Equal(expected, hmac.Compute(data)));

        // GB/T 32905 example 1: SM3("abc").
        Assert.Equal("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0", Convert.ToHexStringLower(Sm3("abc"u8.ToArray())));
    }

    [Fact]
    public void Protector_GuoMiSharedAcrossThreads_KeepsPerThreadStateApart()
    {
        var protector = Protector(CryptoSuite.GuoMi);
        var values = Enumerable.Range(0, 5_000).Select(i => $"44052418800101{i:D4}").ToArray();
        var ciphers = new byte[values.Length][];
        Parallel.For(0, values.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => ciphers[i] = protector.Encrypt(values[i]));
        Parallel.For(0, values.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => Assert.Equal(values[i], protector.Decrypt(ciphers[i])));
        Assert.Equal(values.Length, ciphers.Select(c => Convert.ToHexString(c.AsSpan(3, 12))).Distinct().Count());
    }

    [Fact]
    public void BlindIndexes_DuringReindex_CurrentThenPrevious()
    {
        var previous = KeyedHash.Create(KeyedHash.HmacSha256, IndexKey);
        var protector = Protector(CryptoSuite.GuoMi, previousIndex: previous);
        var both = protector.BlindIndexes("440524188001010014");
        Assert.Equal(Convert.ToHexStringLower(protector.BlindIndex("440524188001010014")), both[0]);
        Assert.Equal(Convert.ToHexStringLower(Protector(CryptoSuite.Standard).BlindIndex("440524188001010014")), both[1]);
        Assert.Single(Protector(CryptoSuite.GuoMi).BlindIndexes("440524188001010014"));
    }
}
