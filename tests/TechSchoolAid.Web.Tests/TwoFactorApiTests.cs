using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using TechSchoolAid.Kernel;
using TechSchoolAid.Modules.Accounts.Features;

namespace TechSchoolAid.Web.Tests;

/// <summary>A host where administrators and reviewers must use a second factor, as in production.</summary>
public sealed class TwoFactorApp : TestApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Security:TwoFactor:Enforce", "true");
    }
}

/// <summary>
/// Two factors (SEC-2): administrators and reviewers bind an authenticator at their next sign-in and then need its code;
/// a code is accepted once; recovery codes are single-use; the level above resets a lost factor and so ends the account's
/// sessions; other roles may keep signing in with a password.
/// </summary>
public sealed class TwoFactorApiTests(TwoFactorApp app) : IClassFixture<TwoFactorApp>
{
    [Fact]
    public async Task RequiredRole_WithoutAnAuthenticator_GetsNoToken_AndIsToldToEnrolOnTheWeb()
    {
        var (status, body) = await TokenAsync("prov-51", null);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("双因素认证", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OptionalRole_SignsInWithItsPasswordAlone()
    {
        var (status, _) = await TokenAsync("school-44010004-records", null);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Enrolment_WrongCodeRefused_FirstCodeBinds_CodeAcceptedOnce_RecoveryCodeOnce()
    {
        const string user = "city-4401";
        var first = await SignInAsync(user);
        Assert.Equal(SecondStep.Enrol, first.SecondStep);
        var secret = SecretOf(first.EnrolmentUri!);
        Assert.Equal(secret, first.ManualKey!.Replace(" ", "", StringComparison.Ordinal));

        var wrong = await CompleteAsync(first.Ticket, "12345a");
        Assert.False(wrong.Succeeded);
        Assert.Contains("动态码不正确", wrong.Error, StringComparison.Ordinal);

        var bound = await CompleteAsync(first.Ticket, CodeNow(secret));
        Assert.True(bound.Succeeded, bound.Error);
        Assert.Equal(10, bound.RecoveryCodes!.Count);
        Assert.Equal(10, bound.RecoveryCodes.Distinct().Count());

        // The same 30-second code again (here through the API): refused, it has been used.
        var (replayed, replayBody) = await TokenAsync(user, CodeNow(secret));
        Assert.Equal(HttpStatusCode.Unauthorized, replayed);
        Assert.Contains("动态码不正确或已使用", replayBody.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var (noCode, noCodeBody) = await TokenAsync(user, null);
        Assert.Equal(HttpStatusCode.Unauthorized, noCode);
        Assert.Contains("code", noCodeBody.GetProperty("detail").GetString(), StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(user, CodeNow(secret))).Status);

        var recovery = bound.RecoveryCodes[0];
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(user, recovery.ToLowerInvariant())).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(user, recovery)).Status);
    }

    [Fact]
    public async Task LevelAbove_ResetsALostFactor_OldTokenEnds_NextSignInEnrolsAgain_NobodyResetsTheirOwn()
    {
        var (province, _) = await EnrolledClientAsync("prov-44");
        var (city, _) = await EnrolledClientAsync("city-4405");

        using (var own = await province.PostAsync("/api/v1/accounts/prov-44/two-factor/reset", null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        }

        using (var reset = await province.PostAsync("/api/v1/accounts/city-4405/two-factor/reset", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        }

        using (var old = await city.GetAsync("/api/v1/me"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        }

        Assert.Equal(SecondStep.Enrol, (await SignInAsync("city-4405")).SecondStep);
        // A secret shown at that sign-in but never confirmed is reset too, so a screen someone else saw binds nothing.
        using var again = await province.PostAsync("/api/v1/accounts/city-4405/two-factor/reset", null);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
    }

    [Fact]
    public async Task ForgedOrAlteredTicket_IsRefused_WithoutAnError()
    {
        var first = await SignInAsync("prov-51-reviewer");
        Assert.Equal(SecondStep.Enrol, first.SecondStep);
        var altered = first.Ticket![..^4] + "AAAA";
        var refused = await CompleteAsync(altered, CodeNow(SecretOf(first.EnrolmentUri!)));
        Assert.False(refused.Succeeded);
        Assert.Contains("请重新输入用户名和密码", refused.Error, StringComparison.Ordinal);
        Assert.False((await CompleteAsync(new string('x', 5000), "123456")).Succeeded);
        Assert.False((await CompleteAsync(null, null)).Succeeded);
    }

    private async Task<(HttpClient Client, string Secret)> EnrolledClientAsync(string user)
    {
        var first = await SignInAsync(user);
        var secret = SecretOf(first.EnrolmentUri!);
        Assert.True((await CompleteAsync(first.Ticket, CodeNow(secret))).Succeeded);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var (status, body) = await TokenAsync(user, CodeNow(secret));
        Assert.Equal(HttpStatusCode.OK, status);
        var client = app.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());
        return (client, secret);
    }

    private async Task<SignInResult> SignInAsync(string user)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SignIn>().HandleAsync(user, TestApp.DemoPassword, "127.0.0.1", CancellationToken.None);
    }

    private async Task<SignInResult> CompleteAsync(string? ticket, string? code)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SignIn>().CompleteAsync(ticket, code, "127.0.0.1", CancellationToken.None);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> TokenAsync(string user, string? code)
    {
        using var client = app.AnonymousClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password = TestApp.DemoPassword, code });
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private string CodeNow(string secret) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(app.Clock.GetUtcNow().UtcDateTime);

    private static string SecretOf(string uri) =>
        uri.Split('?', 2)[1].Split('&').First(p => p.StartsWith("secret=", StringComparison.Ordinal))["secret=".Length..];
}
