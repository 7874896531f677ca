using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.PublicSite.Contracts;
using TechSchoolAid.Modules.PublicSite.Domain;

namespace TechSchoolAid.Modules.PublicSite.Features.Complaints;

/// <summary>What the complaint use cases share: the phone rule, the tracking number, the keyed hashes and the deadline in force.</summary>
public sealed partial class ComplaintSteps(TsaDbContext db, PersonalDataProtector protector)
{
    /// <summary>The tracking number's alphabet: no 0/O, 1/I/L, so a number read out on the phone is not misheard.</summary>
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /// <summary>A mainland mobile (1[3-9] and nine digits) or a landline with its area code (010-12345678, 0755-1234567).</summary>
    public static string? NormalizePhone(string? phone)
    {
        var p = (phone ?? "").Trim().Replace(" ", "", StringComparison.Ordinal);
        if (Mobile().IsMatch(p))
        {
            return p;
        }

        var m = Landline().Match(p);
        return m.Success ? $"{m.Groups[1].Value}-{m.Groups[2].Value}" : null;
    }

    /// <summary>138****5678 / 020-****5678.</summary>
    public static string MaskPhone(string phone) => phone.Length <= 7 ? new string('*', phone.Length) : phone[..3] + new string('*', phone.Length - 7) + phone[^4..];

    public static string MaskName(string name) => name.Length <= 1 ? "*" : name[..1] + new string('*', Math.Min(name.Length - 1, 3));

    public static string LastFour(string phone) => phone[^4..];

    /// <summary>TS-2026-XXXX-XXXX: 8 random characters of 31 (about 40 bits), from the system's random generator.</summary>
    public static string NewTrackingNumber(int year)
    {
        Span<char> c = stackalloc char[8];
        for (var i = 0; i < c.Length; i++)
        {
            c[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"TS-{year}-{c[..4]}-{c[4..]}");
    }

    /// <summary>The number as typed: trimmed, upper case, full-width hyphens and spaces tolerated; at most 40 characters kept.</summary>
    public static string NormalizeTrackingNumber(string? number)
    {
        var s = (number ?? "").Trim().ToUpperInvariant().Replace('－', '-').Replace(" ", "", StringComparison.Ordinal);
        return s.Length > 40 ? s[..40] : s;
    }

    public string LookupKey(string trackingNumber, string? lastFour) =>
        Convert.ToHexStringLower(protector.BlindIndex($"complaint-lookup:{trackingNumber}:{lastFour}"));

    public string ContentKey(ComplaintKind kind, string target, string phone, string text) =>
        Convert.ToHexStringLower(protector.BlindIndex($"complaint-content:{(int)kind}|{target}|{phone}|{text.Trim()}"));

    public byte[] Encrypt(string value) => protector.Encrypt(value);

    /// <summary>The answer deadline (working days) in force on <paramref name="day"/> for the kind; 409 when the ministry has set none.</summary>
    public async Task<ComplaintDeadline> DeadlineAsync(ComplaintKind kind, DateOnly day, CancellationToken ct) =>
        await db.Set<ComplaintDeadline>().AsNoTracking().Where(d => d.Kind == kind && d.ValidFrom <= day).OrderByDescending(d => d.ValidFrom).FirstOrDefaultAsync(ct)
        ?? throw AppException.Conflict($"尚未设定{kind.ToChinese()}的答复时限，暂不能受理，请拨打咨询投诉电话");

    public static bool SameKey(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"^(0\d{2,3})-?([1-9]\d{6,7})$")]
    private static partial Regex Landline();
}
