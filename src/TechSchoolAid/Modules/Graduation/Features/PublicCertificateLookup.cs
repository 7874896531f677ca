using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Kernel.Telemetry;
using TechSchoolAid.Modules.Graduation.Contracts;
using TechSchoolAid.Modules.Graduation.Domain;

namespace TechSchoolAid.Modules.Graduation.Features;

/// <summary>What the public sees of a certificate (GRD-2): what the certificate itself shows, and nothing else.</summary>
public sealed record PublicCertificateAnswer(
    string Number,
    string CertificateKind,
    string School,
    string Major,
    string Level,
    DateOnly GraduationDate,
    bool Valid,
    string Status);

/// <summary>
/// The public certificate lookup (GRD-2), for the API and the static page alike. An unknown number, a misspelt number
/// (its check character fails) and a right number with a wrong name all answer <see langword="null"/> along the same path
/// — one query by number, one constant-time name comparison, one log row — so neither the answer nor its timing tells
/// them apart. Every lookup is logged with a keyed hash of the client address, never the address or the name.
/// </summary>
public sealed class PublicCertificateLookup(TsaDbContext db, PersonalDataProtector protector, TimeProvider clock)
{
    public const string RateLimitPolicy = "certificate-lookup";

    /// <summary>The one answer for "not found", whatever the reason: same status, same body.</summary>
    public const string NotFoundTitle = "未查询到证书";

    public const string NotFoundDetail = "未查询到与该证书编号和姓名相符的证书，请核对证书编号（20 位）和持证人姓名后重试。";

    private static readonly byte[] NoName = SHA256.HashData("\u0000no-certificate\u0000"u8);

    public async Task<PublicCertificateAnswer?> LookupAsync(string? number, string? name, string? clientAddress, string channel, CancellationToken ct)
    {
        var normalized = CertificateNumber.Normalize(number);
        var row = await db.Unscoped<Certificate>("the public certificate lookup (GRD-2): anyone may check a certificate by its number and holder's name").AsNoTracking()
            .Where(c => c.Number == normalized)
            .Select(c => new { c.Number, c.Kind, c.HolderName, c.SchoolName, c.Major, c.LevelText, c.GraduationDate, c.SupersededByNumber, c.SupersededOn })
            .FirstOrDefaultAsync(ct);
        var expected = row is null ? NoName : HashName(row.HolderName);
        var nameMatches = CryptographicOperations.FixedTimeEquals(expected, HashName(name));
        var found = row is not null && nameMatches && CertificateNumber.IsValid(normalized);

        db.Add(new CertificateLookup(clock.GetUtcNow().UtcDateTime, ClientHash(clientAddress), normalized.Length == 0 ? "-" : normalized, found, channel));
        await db.SaveChangesAsync(ct);
        TsaMetrics.Lookup(found ? "found" : "not_found");

        if (!found)
        {
            return null;
        }

        return new PublicCertificateAnswer(
            row!.Number,
            row.Kind.ToChinese(),
            row.SchoolName,
            row.Major,
            row.LevelText,
            row.GraduationDate,
            row.SupersededByNumber is null,
            row.SupersededByNumber is null
                ? "有效"
                : $"该结业证书已于 {ChinaTime.Iso(row.SupersededOn!.Value)} 换发为毕业证书，本证书作废，请以新证书为准");
    }

    /// <summary>Names compare as people write them: spaces ignored, the middle dot of minority names unified.</summary>
    private static byte[] HashName(string? name)
    {
        var n = new string((name ?? "").Where(c => !char.IsWhiteSpace(c)).Select(c => c is '•' or '・' or '.' or '．' ? '·' : c).Take(60).ToArray());
        return SHA256.HashData(Encoding.UTF8.GetBytes("name:" + n));
    }

    private string ClientHash(string? clientAddress) =>
        Convert.ToHexStringLower(protector.BlindIndex("certificate-lookup-client:" + (clientAddress ?? "unknown")));
}
