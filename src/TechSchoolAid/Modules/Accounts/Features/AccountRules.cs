using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Accounts.Contracts;
using TechSchoolAid.Modules.Accounts.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Accounts.Features;

/// <summary>The rules every account use case shares: who may give which role where (ORG-4), the password rule and its hash.</summary>
public static class AccountRules
{
    private static readonly PasswordHasher<UserAccount> Hasher = new();

    /// <summary>
    /// ORG-4: the ministry creates provincial accounts; a province its cities and its 省管 schools; a city its 市管 schools
    /// — each its direct children in the scope tree. An administrator may also add non-administrator staff to its own
    /// organisation (a school administrator adds its records, aid and finance officers).
    /// </summary>
    /// <summary>
    /// The account an administrator acts on (disable, enable, reset its second factor): in scope (404 otherwise), one the
    /// administrator may manage under ORG-4, and never the administrator's own (<paramref name="ownRefusal"/>).
    /// </summary>
    public static async Task<UserAccount> ManageableAsync(TsaDbContext db, string userName, string ownRefusal, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(AccountAccess.Manage);
        var user = await db.Set<UserAccount>().FirstOrDefaultAsync(u => u.UserName == userName, ct) ?? throw AppException.NotFound("账号");
        var org = await db.AllOrganizations().FirstAsync(o => o.Id == user.OrganizationId, ct);
        var problem = CanCreateIn(actor, org, user.Role);
        if (problem is not null || user.UserName == actor.UserName)
        {
            throw AppException.Forbidden(user.UserName == actor.UserName ? ownRefusal : problem!);
        }

        return user;
    }

    public static string? CanCreateIn(Actor actor, OrgRow target, Role role) => CanCreateIn(actor, target.ScopePath, role);

    /// <summary>ORG-4 through <see cref="AccountAccess"/>: null when the actor may give <paramref name="role"/> in the organisation at <paramref name="targetPath"/>, else why not.</summary>
    public static string? CanCreateIn(Actor actor, string targetPath, Role role)
    {
        if (!actor.May(AccountAccess.Manage))
        {
            return "只有管理员可以管理账号";
        }

        if (actor.May(AccountAccess.ManageBelow, targetPath))
        {
            return null;
        }

        if (actor.May(AccountAccess.ManageOwnStaff, targetPath))
        {
            return Permissions.IsAdministrator(role) ? AccountAccess.ManageOwnStaff.Denied : null;
        }

        return AccountAccess.ManageBelow.Denied;
    }

    public static string? PasswordProblem(string? password, string userName)
    {
        if (string.IsNullOrEmpty(password) || password.Length < 10)
        {
            return "密码至少 10 位";
        }

        var classes = (password.Any(char.IsUpper) ? 1 : 0) + (password.Any(char.IsLower) ? 1 : 0) + (password.Any(char.IsDigit) ? 1 : 0) + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
        if (classes < 3)
        {
            return "密码须包含大写字母、小写字母、数字、符号中的至少三类";
        }

        return userName.Length > 0 && password.Contains(userName, StringComparison.OrdinalIgnoreCase) ? "密码不能包含用户名" : null;
    }

    public static string HashPassword(UserAccount user, string password) => Hasher.HashPassword(user, password);

    public static PasswordVerificationResult VerifyPassword(UserAccount user, string hash, string password) => Hasher.VerifyHashedPassword(user, hash, password);
}
