using System.Text;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Tests.Kernel;

public sealed class FilesAndProtectionTests
{
    static FilesAndProtectionTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly PersonalDataProtector Protector = new(new byte[32], Enumerable.Repeat((byte)7, 32).ToArray());

    [Fact]
    public void Encrypt_RoundTrip_ReturnsTextAndNeverTheSameCipherTwice()
    {
        var a = Protector.Encrypt("440524188001010014");
        var b = Protector.Encrypt("440524188001010014");
        Assert.NotEqual(a, b);
        Assert.Equal("440524188001010014", Protector.Decrypt(a));
        Assert.DoesNotContain("440524", Encoding.UTF8.GetString(a));
    }

    [Fact]
    public void BlindIndex_SameValue_SameHashOtherKeyOtherHash()
    {
        var other = new PersonalDataProtector(new byte[32], new byte[32]);
        Assert.Equal(Protector.BlindIndex("x"), Protector.BlindIndex("x"));
        Assert.NotEqual(Protector.BlindIndex("x"), other.BlindIndex("x"));
    }

    [Fact]
    public void Protector_SharedAcrossThreads_KeepsPerThreadStateApart()
    {
        // The protector keeps a cipher, an HMAC state and a nonce block per thread: many threads at once must give the same
        // hashes as a fresh HMAC, round-trip every value, and never reuse a nonce.
        var values = Enumerable.Range(0, 20_000).Select(i => $"44052418800101{i:D4}").ToArray();
        var ciphers = new byte[values.Length][];
        var hashes = new byte[values.Length][];
        Parallel.For(0, values.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            ciphers[i] = Protector.Encrypt(values[i]);
            hashes[i] = Protector.BlindIndex(values[i]);
            Span<byte> span = stackalloc byte[32];
            Protector.BlindIndex(values[i].AsSpan(), span);
            Assert.True(span.SequenceEqual(hashes[i]));
        });

        var key = Enumerable.Repeat((byte)7, 32).ToArray();
        Assert.All(Enumerable.Range(0, values.Length), i =>
        {
            Assert.Equal(values[i], Protector.Decrypt(ciphers[i]));
            Assert.Equal(System.Security.Cryptography.HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(values[i])), hashes[i]);
        });
        Assert.Equal(values.Length, ciphers.Select(c => Convert.ToHexString(c.AsSpan(1, 12))).Distinct().Count());
    }

    [Fact]
    public void Decode_GbkBytes_ReadAsChinese()
    {
        var gbk = Encoding.GetEncoding("GBK").GetBytes("姓名,班级\r\n张三,数控1班");
        Assert.Equal("姓名,班级\r\n张三,数控1班", TabularFile.Decode(gbk));
        Assert.Equal("姓名", TabularFile.Decode([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("姓名")]));
    }

    [Fact]
    public void ParseCsv_QuotedFieldsWithCommasAndQuotes_Kept()
    {
        var rows = TabularFile.ParseCsv("a,\"b,c\",\"say \"\"hi\"\"\"\nx,y,z").ToList();
        Assert.Equal(["a", "b,c", "say \"hi\""], rows[0]);
        Assert.Equal(["x", "y", "z"], rows[1]);
    }

    [Theory]
    [InlineData("", "file")]
    [InlineData("not excel", "file")]
    public void Read_EmptyOrFakeXlsx_RefusedWithMessage(string content, string field)
    {
        var ex = Assert.Throws<AppException>(() => TabularFile.Read(Encoding.UTF8.GetBytes(content), "students.xlsx"));
        Assert.True(ex.Errors.ContainsKey(field));
    }

    [Fact]
    public void Read_TooLarge_Refused413()
    {
        var ex = Assert.Throws<AppException>(() => TabularFile.Read(new byte[TabularFile.MaxBytes + 1], "big.csv"));
        Assert.Equal(ErrorKind.TooLarge, ex.Kind);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+86", "'+86")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("张三", "张三")]
    public void Neutralize_FormulaPrefixes_Quoted(string input, string expected) =>
        Assert.Equal(expected, SafeExcel.Neutralize(input));
}
