using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Accounts.Contracts;
using TechSchoolAid.Modules.Accounts.Domain;
using TechSchoolAid.Modules.Accounts.Features.TwoFactor;
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

/// <summary>What a sign-in still needs after a correct password (SEC-2).</summary>
public enum SecondStep
{
    None = 0,
    /// <summary>A code from the bound authenticator (or a recovery code).</summary>
    Code = 1,
    /// <summary>The role must use a second factor and none is bound yet: scan the QR code, then enter its first code.</summary>
    Enrol = 2,
}

public sealed record SignInResult(bool Succeeded, string? Error, Actor? Actor)
{
    /// <summary>Refused by the per-address limit: answered 429, not 401.</summary>
    public bool Throttled { get; init; }

    /// <summary>The password was right and a second factor is due: <see cref="Ticket"/> carries the sign-in to it.</summary>
    public SecondStep SecondStep { get; init; }

    /// <summary>A short-lived, server-protected note of whose password was checked (never the password itself).</summary>
    public string? Ticket { get; init; }

    /// <summary>For <see cref="SecondStep.Enrol"/>: the otpauth:// address for the QR code and the key to type by hand.</summary>
    public string? EnrolmentUri { get; init; }

    public string? ManualKey { get; init; }

    /// <summary>After an enrolment: the ten recovery codes, shown once.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; init; }
}

/// <summary>SEC-2: sign-in with the per-address limit and the account lockout (<see cref="SignInProtectionOptions"/>).</summary>
public sealed class SignIn(
    TsaDbContext db,
    ActorAccessor actorAccessor,
    TimeProvider clock,
    IOptions<DemoOptions> demo,
    IOptions<SignInProtectionOptions> protection,
    SignInThrottle throttle,
    TwoFactorCodes twoFactor,
    SignInTickets tickets)
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
        if (!await ReserveAttemptAsync(accounts, now, ct))
        {
            AccountRules.VerifyPassword(DummyUser, DummyHash, password);
            await LockIfSpentAsync(accounts, now, ct);
            return new SignInResult(false, RefusedMessage, null);
        }

        var actor = await ActorOfAsync(user, clientAddress, ct);
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
        await ClearFailuresAsync(accounts, now, ct);

        // Only a caller who knows the password learns that the account is disabled.
        if (user.IsDisabled)
        {
            return new SignInResult(false, "该账号已停用，请联系上级管理员", null);
        }

        if (!demo.Value.Enabled && password == demo.Value.Password)
        {
            return new SignInResult(false, "演示密码不能在正式环境使用，请联系管理员重置密码", null);
        }

        if (user.HasTwoFactor || twoFactor.Options.Requires(user.Role))
        {
            return await BeginSecondStepAsync(user, ct);
        }

        db.Record(AccountAuditActions.SignedIn, user.UserName, user.ScopePath, null, null, clock);
        await db.SaveChangesAsync(ct);
        return new SignInResult(true, null, actor);
    }

    /// <summary>
    /// The second step of a sign-in whose password was right (<paramref name="ticket"/> from the first): a code of the
    /// bound authenticator, accepted once and never an older one; a recovery code, used up; or, for an enrolment, the
    /// first code of the new secret, which binds it and answers the recovery codes. A wrong code counts as a failed
    /// sign-in (the same lock), so a second factor cannot be guessed either.
    /// </summary>
    public async Task<SignInResult> CompleteAsync(string? ticket, string? code, string? clientAddress, CancellationToken ct)
    {
        var addressTicket = throttle.TryReserve(clientAddress);
        if (addressTicket is null)
        {
            return new SignInResult(false, throttle.RefusedMessage, null) { Throttled = true };
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var who = tickets.Read(ticket);
        var user = who is null ? null : await db.Unscoped<UserAccount>("sign-in runs before a scope exists").AsNoTracking().FirstOrDefaultAsync(u => u.UserName == who.Value.UserName, ct);
        if (user is null || user.SecurityStamp != who!.Value.Stamp || user.IsDisabled)
        {
            return new SignInResult(false, "验证已超时或账号状态已变更，请重新输入用户名和密码", null);
        }

        var accounts = db.Unscoped<UserAccount>("sign-in runs before a scope exists").Where(u => u.Id == user.Id);
        var reserved = await ReserveAttemptAsync(accounts, now, ct);
        var actor = await ActorOfAsync(user, clientAddress, ct);
        actorAccessor.Actor = actor;
        IReadOnlyList<string>? recoveryCodes = null;
        var accepted = reserved && user.TotpSecretCipher is { } secret && twoFactor.MatchStep(secret, code) is { } step
            ? await AcceptStepAsync(user, accounts, step, now, c => recoveryCodes = c, ct)
            : reserved && user.HasTwoFactor && await AcceptRecoveryCodeAsync(user, accounts, code, ct);
        if (!accepted)
        {
            var locked = await LockIfSpentAsync(accounts, now, ct);
            db.Record(AccountAuditActions.SignInFailed, user.UserName, user.ScopePath, null, new { locked, secondFactor = true }, clock);
            await db.SaveChangesAsync(ct);
            return new SignInResult(false, "动态码不正确或已使用，请输入身份验证器上当前显示的 6 位数字（或一个未用过的备用验证码）", null)
            {
                SecondStep = user.HasTwoFactor ? SecondStep.Code : SecondStep.Enrol,
                Ticket = ticket,
                EnrolmentUri = user.HasTwoFactor ? null : twoFactor.EnrolmentUri(user.TotpSecretCipher!, user.UserName),
                ManualKey = user.HasTwoFactor ? null : twoFactor.ManualKey(user.TotpSecretCipher!),
            };
        }

        SignInThrottle.Release(addressTicket);
        await ClearFailuresAsync(accounts, now, ct);
        db.Record(AccountAuditActions.SignedIn, user.UserName, user.ScopePath, null, new { secondFactor = true }, clock);
        await db.SaveChangesAsync(ct);
        return new SignInResult(true, null, actor) { RecoveryCodes = recoveryCodes };
    }

    private async Task<SignInResult> BeginSecondStepAsync(UserAccount user, CancellationToken ct)
    {
        if (user.HasTwoFactor)
        {
            return new SignInResult(false, "请输入手机身份验证器上显示的 6 位动态码", null) { SecondStep = SecondStep.Code, Ticket = tickets.Issue(user.UserName, user.SecurityStamp) };
        }

        // A fresh secret for each enrolment attempt: one shown on a screen someone else saw is never bound.
        var tracked = await db.Unscoped<UserAccount>("sign-in runs before a scope exists").FirstAsync(u => u.Id == user.Id, ct);
        tracked.BeginTwoFactor(twoFactor.NewSecret());
        await db.SaveChangesAsync(ct);
        return new SignInResult(false, "您的角色须开启双因素认证：请用手机身份验证器（如微信小程序“腾讯身份验证器”、Microsoft Authenticator）扫描二维码，再输入其显示的 6 位数字", null)
        {
            SecondStep = SecondStep.Enrol,
            Ticket = tickets.Issue(user.UserName, user.SecurityStamp),
            EnrolmentUri = twoFactor.EnrolmentUri(tracked.TotpSecretCipher!, user.UserName),
            ManualKey = twoFactor.ManualKey(tracked.TotpSecretCipher!),
        };
    }

    /// <summary>A matching code: binds a pending enrolment, or is accepted once (a conditional UPDATE, so a replayed or parallel code loses).</summary>
    private async Task<bool> AcceptStepAsync(UserAccount user, IQueryable<UserAccount> accounts, long step, DateTime now, Action<IReadOnlyList<string>> enrolled, CancellationToken ct)
    {
        if (!user.HasTwoFactor)
        {
            var tracked = await accounts.FirstAsync(ct);
            var (codes, hashes) = twoFactor.NewRecoveryCodes();
            tracked.ConfirmTwoFactor(step, hashes, now);
            db.Record(AccountAuditActions.TwoFactorEnrolled, user.UserName, user.ScopePath, null, new { recoveryCodes = codes.Count }, clock);
            await db.SaveChangesAsync(ct);
            enrolled(codes);
            return true;
        }

        return await accounts.Where(u => u.TotpLastStep < step).ExecuteUpdateAsync(x => x.SetProperty(u => u.TotpLastStep, step), ct) == 1;
    }

    private async Task<bool> AcceptRecoveryCodeAsync(UserAccount user, IQueryable<UserAccount> accounts, string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code) || user.RecoveryCodeHashes is not { Length: > 0 } stored)
        {
            return false;
        }

        var hash = twoFactor.HashRecoveryCode(code);
        var left = stored.Split(';').ToList();
        if (!left.Remove(hash))
        {
            return false;
        }

        var used = await accounts.Where(u => u.RecoveryCodeHashes == stored)
            .ExecuteUpdateAsync(x => x.SetProperty(u => u.RecoveryCodeHashes, string.Join(';', left)), ct) == 1;
        if (used)
        {
            db.Record(AccountAuditActions.RecoveryCodeUsed, user.UserName, user.ScopePath, null, new { left = left.Count }, clock);
        }

        return used;
    }

    private async Task<Actor> ActorOfAsync(UserAccount user, string? clientAddress, CancellationToken ct)
    {
        var org = await db.AllOrganizations().FirstAsync(o => o.Id == user.OrganizationId, ct);
        return new Actor(user.UserName, user.DisplayName, user.Role, org.Code, org.Level, org.ScopePath, clientAddress) { SecurityStamp = user.SecurityStamp };
    }

    /// <summary>
    /// Reserves one attempt atomically before a password or code is checked: one conditional UPDATE, so N parallel
    /// attempts check at most the limit before the lock, on SQLite and PostgreSQL alike.
    /// </summary>
    private async Task<bool> ReserveAttemptAsync(IQueryable<UserAccount> accounts, DateTime now, CancellationToken ct)
    {
        var limit = protection.Value.FailuresBeforeLock;
        return await accounts
            .Where(u => (u.LockedUntilUtc == null || u.LockedUntilUtc <= now) && u.FailedSignIns < limit)
            .ExecuteUpdateAsync(x => x.SetProperty(u => u.FailedSignIns, u => u.FailedSignIns + 1), ct) > 0;
    }

    /// <summary>A right password (and code): the count starts again and the sign-in is noted.</summary>
    private static Task<int> ClearFailuresAsync(IQueryable<UserAccount> accounts, DateTime now, CancellationToken ct) =>
        accounts.ExecuteUpdateAsync(x => x
            .SetProperty(u => u.FailedSignIns, 0)
            .SetProperty(u => u.LockedUntilUtc, (DateTime?)null)
            .SetProperty(u => u.LastSignInUtc, now), ct);

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
