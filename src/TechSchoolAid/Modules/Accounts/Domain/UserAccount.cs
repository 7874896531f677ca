using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Modules.Accounts.Domain;

/// <summary>A person's account (SEC-2). Belongs to one organisation and acts inside its subtree.</summary>
public sealed class UserAccount : IScoped
{
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

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

    public bool IsLockedOut(DateTime nowUtc) => LockedUntilUtc is { } until && until > nowUtc;

    /// <summary>Counts a failed sign-in; the fifth in a row locks the account for <see cref="LockoutDuration"/>.</summary>
    public void RecordFailedSignIn(DateTime nowUtc)
    {
        FailedSignIns++;
        if (FailedSignIns >= MaxFailedSignIns)
        {
            LockedUntilUtc = nowUtc + LockoutDuration;
            FailedSignIns = 0;
        }
    }

    public void RecordSignIn(DateTime nowUtc)
    {
        FailedSignIns = 0;
        LockedUntilUtc = null;
        LastSignInUtc = nowUtc;
    }

    public void Disable() => IsDisabled = true;

    public void Enable()
    {
        IsDisabled = false;
        FailedSignIns = 0;
        LockedUntilUtc = null;
    }

    public void SetPasswordHash(string hash) => PasswordHash = hash;
}
