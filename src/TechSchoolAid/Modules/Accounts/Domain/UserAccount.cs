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
