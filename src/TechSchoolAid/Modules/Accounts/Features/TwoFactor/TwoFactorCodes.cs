using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OtpNet;
using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Modules.Accounts.Features.TwoFactor;

/// <summary>Who must use a second factor (SEC-2).</summary>
public sealed class TwoFactorOptions
{
    public const string Section = "Security:TwoFactor";

    /// <summary>
    /// Administrators and reviewers must bind an authenticator before they can sign in (on in production; the demo and the
    /// test hosts switch it off so that their shared demo accounts sign in with a password alone). Everyone may bind one.
    /// </summary>
    public bool Enforce { get; set; } = true;

    /// <summary>The roles that decide for others: every administrator and every reviewer (SEC-2).</summary>
    public static bool RoleRequiresIt(Role role) =>
        role is Role.MinistryAdmin or Role.ProvinceAdmin or Role.ProvinceReviewer or Role.CityReviewer or Role.SchoolAdmin;

    public bool Requires(Role role) => Enforce && RoleRequiresIt(role);
}

/// <summary>
/// TOTP as authenticator apps implement it (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps), one step of clock drift
/// either way, and ten single-use recovery codes kept only as keyed hashes.
/// </summary>
public sealed class TwoFactorCodes(PersonalDataProtector protector, TimeProvider clock, IOptions<TwoFactorOptions> options)
{
    public const string Issuer = "全国技工院校学籍与资助管理系统";

    private const string RecoveryAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public TwoFactorOptions Options => options.Value;

    /// <summary>A new 160-bit secret, encrypted for storage.</summary>
    public byte[] NewSecret() => protector.Encrypt(Base32Encoding.ToString(RandomNumberGenerator.GetBytes(20)));

    /// <summary>The secret as the user types it into an app (Base32, in groups of four).</summary>
    public string ManualKey(byte[] secretCipher) =>
        string.Join(' ', protector.Decrypt(secretCipher).Chunk(4).Select(c => new string(c)));

    /// <summary>The otpauth:// address an app reads from the QR code.</summary>
    public string EnrolmentUri(byte[] secretCipher, string userName) => string.Create(CultureInfo.InvariantCulture,
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(userName)}?secret={protector.Decrypt(secretCipher)}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30");

    /// <summary>The 30-second step a 6-digit code matches now (one step either way), or null.</summary>
    public long? MatchStep(byte[] secretCipher, string? code)
    {
        var digits = Normalize(code);
        if (digits is not { Length: 6 } || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        var totp = new Totp(Base32Encoding.ToBytes(protector.Decrypt(secretCipher)));
        return totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, digits, out var step, new VerificationWindow(previous: 1, future: 1)) ? step : null;
    }

    /// <summary>Ten new recovery codes (shown once) and their keyed hashes (stored).</summary>
    public (IReadOnlyList<string> Codes, IReadOnlyList<string> Hashes) NewRecoveryCodes()
    {
        var codes = Enumerable.Range(0, 10).Select(_ =>
        {
            var chars = RandomNumberGenerator.GetItems<char>(RecoveryAlphabet, 10);
            return $"{new string(chars, 0, 5)}-{new string(chars, 5, 5)}";
        }).ToList();
        return (codes, codes.Select(HashRecoveryCode).ToList());
    }

    /// <summary>The keyed hash of a recovery code as typed (case, spaces and dashes ignored).</summary>
    public string HashRecoveryCode(string code) =>
        Convert.ToHexString(protector.BlindIndex("recovery:" + (Normalize(code) ?? "").ToUpperInvariant()));

    private static string? Normalize(string? code) => code is null ? null : new string(code.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
}
