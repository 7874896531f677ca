using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Modules.Accounts.Domain;

/// <summary>A person's account (SEC-2). Belongs to one organisation and acts inside its subtree.</summary>
public sealed class UserAccount : IScoped
{
    private UserAccount()
    {
    }

    public UserAccount(string userName, string displayName, Role role, int organizationId, string scopePath, string passwordHash, DateTime createdAtUtc, string createdBy)
    {
        UserName = userName;
        DisplayName = displayName;
        Role = role;
        OrganizationId = organizationId;
        ScopePath = scopePath;
        PasswordHash = passwordHash;
        CreatedAtUtc = createdAtUtc;
        CreatedBy = createdBy;
        SecurityStamp = NewStamp();
    }

    public int Id { get; private set; }

    public string UserName { get; private set; } = "";

    public string DisplayName { get; private set; } = "";

    public Role Role { get; private set; }

    public int OrganizationId { get; private set; }

    public string ScopePath { get; private set; } = "";

    public string PasswordHash { get; private set; } = "";

    public bool IsDisabled { get; private set; }

    public int FailedSignIns { get; private set; }

    public DateTime? LockedUntilUtc { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public DateTime? LastSignInUtc { get; private set; }

    /// <summary>
    /// Travels in every cookie and bearer token; a principal whose stamp differs from this one is refused. Rotated
    /// whenever what the account may do changes (disable, enable, password, role), so re-enabling an account does not
    /// revive the cookies and tokens issued before it was disabled.
    /// </summary>
    public string SecurityStamp { get; private set; } = "";

    /// <summary>The authenticator's shared secret (SEC-2), encrypted like personal data; set at enrolment, confirmed by a first code.</summary>
    public byte[]? TotpSecretCipher { get; private set; }

    /// <summary>When the second factor was confirmed; null while none is bound (or only a pending secret is).</summary>
    public DateTime? TwoFactorEnabledAtUtc { get; private set; }

    /// <summary>The last 30-second step a code was accepted for: a code is accepted once, and never an older one.</summary>
    public long TotpLastStep { get; private set; }

    /// <summary>The keyed hashes of the unused recovery codes, separated by ';'.</summary>
    public string? RecoveryCodeHashes { get; private set; }

    public bool HasTwoFactor => TwoFactorEnabledAtUtc is not null;

    /// <summary>Starts (or restarts) an enrolment with a new secret; the bound factor, if any, is kept until reset.</summary>
    public void BeginTwoFactor(byte[] secretCipher)
    {
        if (HasTwoFactor)
        {
            throw new InvalidOperationException("A bound second factor is reset by the level above before a new one is enrolled.");
        }

        TotpSecretCipher = secretCipher;
    }

    /// <summary>Binds the pending secret after its first code (step <paramref name="step"/>), with fresh recovery codes.</summary>
    public void ConfirmTwoFactor(long step, IEnumerable<string> recoveryCodeHashes, DateTime atUtc)
    {
        if (HasTwoFactor || TotpSecretCipher is null)
        {
            throw new InvalidOperationException("No enrolment is pending.");
        }

        TwoFactorEnabledAtUtc = atUtc;
        TotpLastStep = step;
        RecoveryCodeHashes = string.Join(';', recoveryCodeHashes);
    }

    /// <summary>Removes the second factor (the owner lost the phone); every session and token of the account ends.</summary>
    public void ResetTwoFactor()
    {
        TotpSecretCipher = null;
        TwoFactorEnabledAtUtc = null;
        TotpLastStep = 0;
        RecoveryCodeHashes = null;
        SecurityStamp = NewStamp();
    }

    public bool IsLockedOut(DateTime nowUtc) => LockedUntilUtc is { } until && until > nowUtc;

    // Failed sign-ins are counted and locks set by single conditional UPDATEs in SignIn (SignInProtection), not
    // here: a read-modify-write of the tracked entity loses counts under parallel attempts.

    // Only a real change rotates the stamp: "enable" on an enabled account ends nobody's session.
    public void Disable()
    {
        if (!IsDisabled)
        {
            IsDisabled = true;
            SecurityStamp = NewStamp();
        }
    }

    public void Enable()
    {
        FailedSignIns = 0;
        LockedUntilUtc = null;
        if (IsDisabled)
        {
            IsDisabled = false;
            SecurityStamp = NewStamp();
        }
    }

    public void SetPasswordHash(string hash)
    {
        PasswordHash = hash;
        SecurityStamp = NewStamp();
    }

    public void ChangeRole(Role role)
    {
        Role = role;
        SecurityStamp = NewStamp();
    }

    private static string NewStamp() => Guid.NewGuid().ToString("N");
}
