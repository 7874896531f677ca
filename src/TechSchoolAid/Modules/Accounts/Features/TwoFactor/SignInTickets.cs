using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace TechSchoolAid.Modules.Accounts.Features.TwoFactor;

/// <summary>
/// Carries a sign-in from its correct password to its second factor without the password: the account name and its
/// security stamp, protected by the application's data-protection keys (shared by every node) and valid ten minutes.
/// </summary>
public sealed class SignInTickets(IDataProtectionProvider provider, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    // The expiry travels inside the protected payload and is checked against the application's clock (the same one
    // every deadline uses), not the protector's own.
    private readonly IDataProtector _protector = provider.CreateProtector("TechSchoolAid.SignIn.SecondFactor");

    public string Issue(string userName, string stamp) =>
        _protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{userName}\n{stamp}\n{(clock.GetUtcNow() + Lifetime).UtcTicks}"));

    /// <summary>The account and stamp a ticket names, or null for a forged, altered or expired one.</summary>
    public (string UserName, string Stamp)? Read(string? ticket)
    {
        if (string.IsNullOrEmpty(ticket) || ticket.Length > 2000)
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(ticket).Split('\n');
            return parts.Length == 3 && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
                && expires > clock.GetUtcNow().UtcTicks ? (parts[0], parts[1]) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
