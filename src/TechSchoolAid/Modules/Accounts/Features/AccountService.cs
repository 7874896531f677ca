using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Accounts.Domain;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Accounts.Contracts;

namespace TechSchoolAid.Modules.Accounts.Features;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Demo mode: seeds demo data and accepts the shared demo password. Never on in production.</summary>
    public bool Enabled { get; set; }

    public string Password { get; set; } = DefaultPassword;

    public const string DefaultPassword = "Demo@2026pass";
}

public sealed record SignInResult(bool Succeeded, string? Error, Actor? Actor)
{
    /// <summary>Refused by the per-address limit: answered 429, not 401.</summary>
    public bool Throttled { get; init; }
}

/// <param name="Actions">What the caller may do with this account ("manage": disable, enable, unlock).</param>
public sealed record AccountDto(int Id, string UserName, string DisplayName, Role Role, string OrganizationCode, string OrganizationName, bool IsDisabled, bool IsLockedOut, DateTime? LastSignIn, string CreatedBy, IReadOnlyList<string> Actions);

/// <summary>An organisation the caller may open accounts in, with the roles it may give there.</summary>
public sealed record AccountTarget(string Code, string Name, OrgLevel Level, bool IsOwn, IReadOnlyList<Role> Roles);

public sealed class CreateAccountInput
{
    public string? UserName { get; set; }

    public string? DisplayName { get; set; }

    public Role? Role { get; set; }

    public string? OrganizationCode { get; set; }

    public string? Password { get; set; }
}

/// <summary>Sign-in with lockout (SEC-2) and account administration below one's own organisation (ORG-4).</summary>
public sealed partial class AccountService(
    TsaDbContext db,
    ActorAccessor actorAccessor,
    TimeProvider clock,
    IOptions<DemoOptions> demo,
    IOptions<SignInProtectionOptions> protection,
    SignInThrottle throttle,
    SessionStamps stamps)
{
    private static readonly PasswordHasher<UserAccount> Hasher = new();

    /// <summary>
    /// The one answer to every refused sign-in whose cause only the account's owner may learn (unknown name, wrong
    /// password, temporarily locked): the same text, the same status and the same password-hash work, so neither the
    /// answer nor its timing tells an attacker which names exist or which accounts are locked.
    /// </summary>
    public const string RefusedMessage = "用户名或密码错误。连续多次失败后账号会暂时锁定，请稍后再试或联系上级管理员。";

    public async Task<SignInResult> SignInAsync(string? userName, string? password, string? clientAddress, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return new SignInResult(false, "请输入用户名和密码", null);
        }

        // The address limit comes first and holds one attempt in reserve: parallel attempts from one address cannot slip
        // past it, and one address is stopped long before it could lock any account (docs/adr/0014).
        var addressTicket = throttle.TryReserve(clientAddress);
        if (addressTicket is null)
        {
            return new SignInResult(false, throttle.RefusedMessage, null) { Throttled = true };
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var name = userName.Trim();
        // Sign-in happens before there is an actor, so it is the one reader of accounts outside any scope.
        var user = await db.Unscoped<UserAccount>("account names are unique across the country; sign-in runs before a scope exists").AsNoTracking().FirstOrDefaultAsync(u => u.UserName == name, ct);
        if (user is null)
        {
            Hasher.VerifyHashedPassword(DummyUser, DummyHash, password);
            return new SignInResult(false, RefusedMessage, null);
        }

        var accounts = db.Unscoped<UserAccount>("account names are unique across the country; sign-in runs before a scope exists").Where(u => u.Id == user.Id);
        var limit = protection.Value.FailuresBeforeLock;
        // Reserve one attempt atomically before the password is checked: one conditional UPDATE, so N parallel attempts
        // check at most `limit` passwords before the lock, on SQLite and PostgreSQL alike.
        var reserved = await accounts
            .Where(u => (u.LockedUntilUtc == null || u.LockedUntilUtc <= now) && u.FailedSignIns < limit)
            .ExecuteUpdateAsync(x => x.SetProperty(u => u.FailedSignIns, u => u.FailedSignIns + 1), ct);
        if (reserved == 0)
        {
            Hasher.VerifyHashedPassword(DummyUser, DummyHash, password);
            await LockIfSpentAsync(accounts, now, ct);
            return new SignInResult(false, RefusedMessage, null);
        }

        var org = await db.AllOrganizations().FirstAsync(o => o.Id == user.OrganizationId, ct);
        var actor = new Actor(user.UserName, user.DisplayName, user.Role, org.Code, org.Level, org.ScopePath, clientAddress)
        {
            SecurityStamp = user.SecurityStamp,
        };
        // The account's own actor records its sign-in events, inside its own scope.
        actorAccessor.Actor = actor;
        if (Hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            var locked = await LockIfSpentAsync(accounts, now, ct);
            db.Record(AccountAuditActions.SignInFailed, user.UserName, user.ScopePath, null, new { locked }, clock);
            await db.SaveChangesAsync(ct);
            return new SignInResult(false, RefusedMessage, null);
        }

        SignInThrottle.Release(addressTicket);
        await accounts.ExecuteUpdateAsync(x => x
            .SetProperty(u => u.FailedSignIns, 0)
            .SetProperty(u => u.LockedUntilUtc, (DateTime?)null)
            .SetProperty(u => u.LastSignInUtc, now), ct);

        // Only a caller who knows the password learns that the account is disabled.
        if (user.IsDisabled)
        {
            return new SignInResult(false, "该账号已停用，请联系上级管理员", null);
        }

        if (!demo.Value.Enabled && password == demo.Value.Password)
        {
            return new SignInResult(false, "演示密码不能在正式环境使用，请联系管理员重置密码", null);
        }

        db.Record(AccountAuditActions.SignedIn, user.UserName, user.ScopePath, null, null, clock);
        await db.SaveChangesAsync(ct);
        return new SignInResult(true, null, actor);
    }

    /// <summary>
    /// Once the account's attempts are spent, a temporary lock (never a permanent one: a lock anyone can trigger must end
    /// by itself) and a fresh count for when it ends. Idempotent, so parallel losers and a crashed attempt do no harm.
    /// </summary>
    private async Task<bool> LockIfSpentAsync(IQueryable<UserAccount> accounts, DateTime now, CancellationToken ct)
    {
        var until = now + TimeSpan.FromMinutes(protection.Value.LockMinutes);
        var limit = protection.Value.FailuresBeforeLock;
        return await accounts
            .Where(u => u.FailedSignIns >= limit && (u.LockedUntilUtc == null || u.LockedUntilUtc <= now))
            .ExecuteUpdateAsync(x => x.SetProperty(u => u.FailedSignIns, 0).SetProperty(u => u.LockedUntilUtc, until), ct) > 0;
    }

    public async Task<IReadOnlyList<AccountDto>> ListAsync(CancellationToken ct)
    {
        db.Actor.Demand(AccountAccess.View);

        var now = clock.GetUtcNow().UtcDateTime;
        var actor = db.Actor;
        var rows = await (from u in db.Set<UserAccount>().AsNoTracking()
                          join o in db.Organizations() on u.OrganizationId equals o.Id
                          orderby o.ScopePath, u.UserName
                          select new { u, o.Code, o.Name, o.ScopePath }).Take(2000).ToListAsync(ct);
        return rows.Select(r => new AccountDto(r.u.Id, r.u.UserName, r.u.DisplayName, r.u.Role, r.Code, r.Name, r.u.IsDisabled, r.u.IsLockedOut(now), r.u.LastSignInUtc, r.u.CreatedBy,
            r.u.UserName != actor.UserName && CanCreateIn(actor, r.ScopePath, r.u.Role) is null ? ["manage"] : [])).ToList();
    }

    /// <summary>The organisations the caller may open accounts in (its own, for staff roles, and its direct subordinates), with the roles each may get.</summary>
    public async Task<IReadOnlyList<AccountTarget>> TargetsAsync(CancellationToken ct)
    {
        var actor = db.Actor;
        if (!actor.May(AccountAccess.Create))
        {
            return [];
        }

        var roles = Enum.GetValues<Role>().Where(r => r is not (Role.Anonymous or Role.SystemJob)).ToList();
        var orgs = await db.Organizations().Where(o => o.ScopePath.StartsWith(actor.ScopePath)).OrderBy(o => o.Code).ToListAsync(ct);
        return orgs
            .Select(o => new AccountTarget(o.Code, o.Name, o.Level, o.ScopePath == actor.ScopePath,
                roles.Where(r => Permissions.LevelOf(r) == o.Level && CanCreateIn(actor, o.ScopePath, r) is null).ToList()))
            .Where(t => t.Roles.Count > 0)
            .ToList();
    }

    public async Task<AccountDto> CreateAsync(CreateAccountInput input, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(AccountAccess.Create);

        var errors = new Dictionary<string, string[]>();
        var userName = input.UserName?.Trim() ?? "";
        if (!UserNamePattern().IsMatch(userName))
        {
            errors["userName"] = ["用户名应为 3–64 位字母、数字、点、横线或下划线"];
        }

        var displayName = input.DisplayName?.Trim() ?? "";
        if (displayName.Length is 0 or > 50 || displayName.IndexOfAny(['<', '>', '=']) >= 0)
        {
            errors["displayName"] = ["请填写姓名（不超过 50 字，不含 < > =）"];
        }

        if (input.Role is not { } role || Permissions.LevelOf(role) == OrgLevel.Public || role == Role.SystemJob)
        {
            errors["role"] = ["请选择角色"];
            role = Role.Anonymous;
        }

        var passwordProblem = PasswordProblem(input.Password, userName);
        if (passwordProblem is not null)
        {
            errors["password"] = [passwordProblem];
        }

        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors);
        }

        var org = await db.AllOrganizations().FirstOrDefaultAsync(o => o.Code == input.OrganizationCode, ct)
            ?? throw AppException.Invalid("organizationCode", "机构代码不存在");
        var allowed = CanCreateIn(actor, org, role);
        if (allowed is not null)
        {
            throw AppException.Forbidden(allowed);
        }

        if (Permissions.LevelOf(role) != org.Level)
        {
            throw AppException.Invalid("role", $"{role.ToChinese()}不能设在{org.Level.ToChinese()}机构");
        }

        if (await db.Unscoped<UserAccount>("account names are unique across the country; sign-in runs before a scope exists").AnyAsync(u => u.UserName == userName, ct))
        {
            throw new AppException(ErrorKind.Conflict, "用户名已被使用", new Dictionary<string, string[]> { ["userName"] = ["用户名已被使用"] });
        }

        var user = new UserAccount(userName, displayName, role, org.Id, org.ScopePath, "", clock.GetUtcNow().UtcDateTime, actor.UserName);
        user.SetPasswordHash(Hasher.HashPassword(user, input.Password!));
        db.Add(user);
        db.Record(AccountAuditActions.Created, userName, org.ScopePath, null, new { userName, role, organization = org.Code }, clock);
        await db.SaveChangesAsync(ct);
        return new AccountDto(user.Id, user.UserName, user.DisplayName, user.Role, org.Code, org.Name, false, false, null, user.CreatedBy, ["manage"]);
    }

    public async Task SetDisabledAsync(string userName, bool disabled, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(AccountAccess.Manage);

        var user = await db.Set<UserAccount>().FirstOrDefaultAsync(u => u.UserName == userName, ct)
            ?? throw AppException.NotFound("账号");
        var org = await db.AllOrganizations().FirstAsync(o => o.Id == user.OrganizationId, ct);
        var problem = CanCreateIn(actor, org, user.Role);
        if (problem is not null || user.UserName == actor.UserName)
        {
            throw AppException.Forbidden(user.UserName == actor.UserName ? "不能停用自己的账号" : problem!);
        }

        if (disabled)
        {
            user.Disable();
        }
        else
        {
            user.Enable();
        }

        db.Record(disabled ? AccountAuditActions.Disabled : AccountAuditActions.Enabled, user.UserName, user.ScopePath, new { disabled = !disabled }, new { disabled }, clock);
        await db.SaveChangesAsync(ct);
        stamps.Forget(user.UserName);
    }

    /// <summary>
    /// ORG-4: the ministry creates provincial accounts; a province its cities and its 省管 schools; a city its 市管 schools
    /// — each its direct children in the scope tree. An administrator may also add non-administrator staff to its own
    /// organisation (a school administrator adds its records, aid and finance officers).
    /// </summary>
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

    private static readonly UserAccount DummyUser = new("x", "x", Role.Anonymous, 0, "", "", DateTime.UnixEpoch, "");

    private static readonly string DummyHash = Hasher.HashPassword(DummyUser, "dummy-password-for-timing");

    [GeneratedRegex("^[A-Za-z0-9._-]{3,64}$")]
    private static partial Regex UserNamePattern();
}
