using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Accounts.Contracts;
using TechSchoolAid.Modules.Accounts.Domain;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;

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

/// <summary>SEC-2: sign-in with the per-address limit and the account lockout (<see cref="SignInProtectionOptions"/>).</summary>
public sealed class SignIn(
    TsaDbContext db,
    ActorAccessor actorAccessor,
    TimeProvider clock,
    IOptions<DemoOptions> demo,
    IOptions<SignInProtectionOptions> protection,
    SignInThrottle throttle)
{
    /// <summary>
    /// The one answer to every refused sign-in whose cause only the account's owner may learn (unknown name, wrong
    /// password, temporarily locked): the same text, the same status and the same password-hash work, so neither the
    /// answer nor its timing tells an attacker which names exist or which accounts are locked.
    /// </summary>
    public const string RefusedMessage = "用户名或密码错误。连续多次失败后账号会暂时锁定，请稍后再试或联系上级管理员。";

    private static readonly UserAccount DummyUser = new("x", "x", Role.Anonymous, 0, "", "", DateTime.UnixEpoch, "");

    private static readonly string DummyHash = AccountRules.HashPassword(DummyUser, "dummy-password-for-timing");

    public async Task<SignInResult> HandleAsync(string? userName, string? password, string? clientAddress, CancellationToken ct)
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
            AccountRules.VerifyPassword(DummyUser, DummyHash, password);
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
            AccountRules.VerifyPassword(DummyUser, DummyHash, password);
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
        if (AccountRules.VerifyPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
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
}
