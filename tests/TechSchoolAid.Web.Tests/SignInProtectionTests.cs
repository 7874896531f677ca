using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Accounts.Domain;
using TechSchoolAid.Modules.Accounts.Features;
using TechSchoolAid.Modules.Audit.Domain;

namespace TechSchoolAid.Web.Tests;

/// <summary>The application with its real sign-in limits (TestApp lifts the per-address ones for the other tests).</summary>
public sealed class SignInProtectionApp : TestApp
{
    public const int FailuresPerAddress = 10;
    public const int FailuresBeforeLock = 20;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("SignIn:FailuresPerAddress", FailuresPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("SignIn:FailuresBeforeLock", FailuresBeforeLock.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// Sign-in protection (ADR 0014): atomic counting, one answer for every refusal, a temporary account lock that one address
/// cannot reach, per-address limits answered 429 in Chinese. Each test uses its own accounts and addresses.
/// </summary>
public sealed class SignInProtectionTests(SignInProtectionApp app) : IClassFixture<SignInProtectionApp>
{
    private const string Wrong = "Wrong@2026pass";

    [Fact]
    public Task Token_ThirtyParallelWrongPasswords_CheckExactlyTheLimitThenLock() =>
        ParallelWrongPasswordsAsync(app, "prov-51-reviewer", SignInProtectionApp.FailuresBeforeLock);

    /// <summary>
    /// 30 parallel wrong passwords, each from its own address so only the account's own limit applies: exactly
    /// <paramref name="limit"/> passwords are checked, then the account is locked, and even the right password gets the same
    /// answer. Before: a read-modify-write count let 13–15 of 20 parallel attempts check the password against a limit of 5.
    /// </summary>
    internal static async Task ParallelWrongPasswordsAsync(TestApp app, string user, int limit)
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => TokenAsync(app, user, Wrong, $"198.18.1.{i + 1}")));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.Status));

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TsaDbContext>();
        var checkedPasswords = await db.Set<AuditEvent>().IgnoreQueryFilters()
            .CountAsync(e => e.Action == "account.sign_in_failed" && e.SubjectId == user);
        Assert.Equal(limit, checkedPasswords);
        var account = await db.Set<UserAccount>().IgnoreQueryFilters().AsNoTracking().SingleAsync(u => u.UserName == user);
        Assert.True(account.IsLockedOut(app.Clock.GetUtcNow().UtcDateTime));
        Assert.Equal(0, account.FailedSignIns);

        var right = await TokenAsync(app, user, TestApp.DemoPassword, "198.18.2.1");
        Assert.Equal(Answer(answers[0]), Answer(right));
    }

    [Fact]
    public async Task Token_UnknownLockedAndWrong_AnswerIdentically()
    {
        const string locked = "prov-51";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var until = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(10);
            await scope.ServiceProvider.GetRequiredService<TsaDbContext>().Set<UserAccount>().IgnoreQueryFilters()
                .Where(u => u.UserName == locked).ExecuteUpdateAsync(x => x.SetProperty(u => u.LockedUntilUtc, until));
        }

        var unknown = await TokenAsync("no-such-account", Wrong, "198.18.3.1");
        var lockedRight = await TokenAsync(locked, TestApp.DemoPassword, "198.18.3.2");
        var wrong = await TokenAsync("city-5101", Wrong, "198.18.3.3");

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.Status);
        Assert.Equal(Answer(unknown), Answer(lockedRight));
        Assert.Equal(Answer(unknown), Answer(wrong));
        using var json = JsonDocument.Parse(unknown.Body);
        Assert.Equal(SignIn.RefusedMessage, json.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Token_OneAddressAttackingTheMinistry_IsStoppedBy429BeforeTheAccountLocks()
    {
        const string attacker = "203.0.113.66";
        var answers = new List<(HttpStatusCode Status, string Body)>();
        for (var i = 0; i < 30; i++)
        {
            answers.Add(await TokenAsync("ministry", Wrong, attacker));
        }

        Assert.All(answers.Take(SignInProtectionApp.FailuresPerAddress), a => Assert.Equal(HttpStatusCode.Unauthorized, a.Status));
        Assert.All(answers.Skip(SignInProtectionApp.FailuresPerAddress), a => Assert.Equal(HttpStatusCode.TooManyRequests, a.Status));
        using (var problem = JsonDocument.Parse(answers[^1].Body))
        {
            Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
            Assert.Contains("网络地址", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        // Even the right password is refused from that address now; from any other the ministry signs in.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await TokenAsync("ministry", TestApp.DemoPassword, attacker)).Status);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync("ministry", TestApp.DemoPassword, "198.51.100.7")).Status);
    }

    [Fact]
    public async Task LoginPage_AddressOverItsLimit_Answers429InChinese()
    {
        const string address = "203.0.113.77";
        for (var i = 0; i < SignInProtectionApp.FailuresPerAddress; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync("city-5107", Wrong, address)).Status);
        }

        using var client = app.AnonymousClient();
        using var form = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        form.Headers.Add(ClientAddressFromHeader.Header, address);
        using var page = await client.SendAsync(form);
        var html = await page.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = token,
                ["Input.UserName"] = "city-5107",
                ["Input.Password"] = TestApp.DemoPassword,
            }),
        };
        post.Headers.Add(ClientAddressFromHeader.Header, address);
        foreach (var cookie in page.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [])
        {
            post.Headers.Add("Cookie", cookie.Split(';')[0]);
        }

        using var answer = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.TooManyRequests, answer.StatusCode);
        Assert.Contains("登录失败次数过多", WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    /// <summary>What a caller learns from an answer: status, title and detail (the trace id differs per request by design).</summary>
    private static (HttpStatusCode, string?, string?) Answer((HttpStatusCode Status, string Body) a)
    {
        using var json = JsonDocument.Parse(a.Body);
        return (a.Status, json.RootElement.GetProperty("title").GetString(), json.RootElement.GetProperty("detail").GetString());
    }

    private Task<(HttpStatusCode Status, string Body)> TokenAsync(string userName, string password, string address) =>
        TokenAsync(app, userName, password, address);

    private static async Task<(HttpStatusCode Status, string Body)> TokenAsync(TestApp app, string userName, string password, string address)
    {
        using var client = app.AnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token") { Content = JsonContent.Create(new { userName, password }) };
        request.Headers.Add(ClientAddressFromHeader.Header, address);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

/// <summary>The atomic count on PostgreSQL (the default limits; TestApp lifts only the per-address ones).</summary>
public sealed class PostgresSignInProtectionTests(PostgresTestApp app) : IClassFixture<PostgresTestApp>
{
    [Fact]
    public Task Token_ThirtyParallelWrongPasswords_CheckExactlyTheLimitThenLock() =>
        SignInProtectionTests.ParallelWrongPasswordsAsync(app, "prov-51-reviewer", new SignInProtectionOptions().FailuresBeforeLock);
}
