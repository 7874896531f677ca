using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Accounts.Domain;

namespace TechSchoolAid.Modules.Accounts.Features;

/// <summary>Sign-in protection (docs/adr/0014), section "SignIn" of the configuration.</summary>
public sealed class SignInProtectionOptions
{
    public const string Section = "SignIn";

    /// <summary>Failed sign-ins in a row that lock an account temporarily (any addresses together).</summary>
    public int FailuresBeforeLock { get; set; } = 20;

    public int LockMinutes { get; set; } = 15;

    /// <summary>Failed sign-ins one network address may make (against any accounts) per window before it is answered 429.</summary>
    public int FailuresPerAddress { get; set; } = 10;

    public int AddressWindowMinutes { get; set; } = 15;

    /// <summary>Requests per address per minute to the sign-in page and the token endpoint, failed or not.</summary>
    public int RequestsPerAddressPerMinute { get; set; } = 30;

    /// <summary>How long a node may trust a security stamp it looked up (revocation reaches other nodes within this).</summary>
    public int StampCacheSeconds { get; set; } = 5;
}

/// <summary>
/// Failed sign-ins per network address, in this node's memory (a fixed window per address). An attempt reserves its
/// slot before the password is checked and gives it back only when it succeeds, so parallel attempts cannot overshoot.
/// </summary>
public sealed class SignInThrottle(IMemoryCache cache, IOptions<SignInProtectionOptions> options)
{
    private sealed class Counter
    {
        public int Value;
    }

    public string RefusedMessage => string.Format(CultureInfo.InvariantCulture,
        "登录失败次数过多：该网络地址已暂停登录，请 {0} 分钟后再试。", options.Value.AddressWindowMinutes);

    /// <summary>A ticket for one attempt, or null when the address has spent its failures for this window.</summary>
    public object? TryReserve(string? clientAddress)
    {
        var key = "signin-address:" + (clientAddress ?? "unknown");
        // Relative to the cache's own clock: the window is wall time on this node, whatever the application's clock says.
        var counter = cache.GetOrCreate(key, e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(options.Value.AddressWindowMinutes);
            return new Counter();
        })!;
        if (Interlocked.Increment(ref counter.Value) > options.Value.FailuresPerAddress)
        {
            Interlocked.Decrement(ref counter.Value);
            return null;
        }

        return counter;
    }

    public static void Release(object ticket) => Interlocked.Decrement(ref ((Counter)ticket).Value);
}

/// <summary>
/// Whether a principal's security stamp is still the account's: read on every request and every circuit event, so it
/// is cached for <see cref="SignInProtectionOptions.StampCacheSeconds"/> (a primary-key read per user per few seconds
/// instead of one per request) and dropped at once on this node when the account changes.
/// </summary>
public sealed class SessionStamps(IMemoryCache cache, IServiceScopeFactory scopes, IOptions<SignInProtectionOptions> options)
{
    public async Task<bool> IsCurrentAsync(string userName, string? stamp, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(stamp))
        {
            return false;
        }

        var key = "stamp:" + userName;
        if (!cache.TryGetValue(key, out string? current))
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TsaDbContext>();
            current = await db.Unscoped<UserAccount>("sign-in: the account is found before anyone is signed in").Where(u => u.UserName == userName && !u.IsDisabled)
                .Select(u => u.SecurityStamp).FirstOrDefaultAsync(ct);
            cache.Set(key, current, TimeSpan.FromSeconds(options.Value.StampCacheSeconds));
        }

        return string.Equals(current, stamp, StringComparison.Ordinal);
    }

    public void Forget(string userName) => cache.Remove("stamp:" + userName);
}
