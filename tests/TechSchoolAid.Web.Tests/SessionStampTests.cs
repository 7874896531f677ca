using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Modules.Accounts.Features;
using TechSchoolAid.Web.Hosting;

namespace TechSchoolAid.Web.Tests;

/// <summary>
/// Sessions end when the account changes (ADR 0014): a security stamp in every cookie and token, rotated on disable,
/// enable and password change, checked on every request and before every event of an interactive page.
/// Accounts are new school administrators of 44010007, made by city-4401 for each test.
/// </summary>
public sealed class SessionStampTests(TestApp app) : IClassFixture<TestApp>
{
    private const string Password = "Strong#Pass2026";

    [Fact]
    public async Task Token_AfterDisableAndReEnable_StaysRefusedWhileANewTokenWorks()
    {
        using var city = await app.ClientFor("city-4401");
        var user = await NewAccountAsync(city, "stamp-reenable");
        var old = await TokenAsync(user);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(old));

        await SetDisabledAsync(city, user, true);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(old));
        await SetDisabledAsync(city, user, false);

        // Before the stamp, re-enabling revived the old token here.
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(old));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(await TokenAsync(user)));
    }

    [Fact]
    public async Task Token_WithoutStampClaim_IsRefused()
    {
        // A token made the old way (no stamp claim), protected with this application's own keys.
        var bearer = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenOptions>>()
            .Get(Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenDefaults.AuthenticationScheme);
        var actor = new Actor("ministry", "部资助办管理员", Kernel.Security.Role.MinistryAdmin, "000000", Kernel.Security.OrgLevel.Ministry, "/", null);
        var principal = ActorClaims.ToPrincipal(actor, "BearerToken");
        ((ClaimsIdentity)principal.Identity!).RemoveClaim(principal.FindFirst(ActorClaims.Stamp));
        var ticket = new Microsoft.AspNetCore.Authentication.AuthenticationTicket(principal, new Microsoft.AspNetCore.Authentication.AuthenticationProperties
        {
            ExpiresUtc = app.Clock.GetUtcNow().AddHours(1),
        }, "BearerToken");
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(bearer.BearerTokenProtector.Protect(ticket)));
    }

    [Fact]
    public async Task Circuit_AccountDisabledWhilePageOpen_NextEventActsAsAnonymousAndGoesToSignIn()
    {
        using var city = await app.ClientFor("city-4401");
        var user = await NewAccountAsync(city, "stamp-circuit");
        await using var scope = app.Services.CreateAsyncScope();
        var signIn = await scope.ServiceProvider.GetRequiredService<SignIn>().HandleAsync(user, Password, "192.0.2.10", default);
        Assert.True(signIn.Succeeded, signIn.Error);
        var accessor = new ActorAccessor();
        var navigation = new RecordingNavigation();
        using var handler = new ActorCircuitHandler(
            new FixedAuthentication(ActorClaims.ToPrincipal(signIn.Actor!, "Cookies")),
            accessor,
            new HttpContextAccessor(),
            app.Services.GetRequiredService<SessionStamps>(),
            navigation);

        await handler.RefreshAsync(default);
        Assert.Equal(user, accessor.Actor.UserName);

        await SetDisabledAsync(city, user, true);
        await handler.RefreshAsync(default);
        Assert.False(accessor.Actor.IsAuthenticated);
        Assert.Equal(Actor.NothingPath, accessor.Actor.ScopePath);
        Assert.EndsWith(ActorCircuitHandler.SignedOutAddress, navigation.Uri, StringComparison.Ordinal);

        // Re-enabling does not bring the open page back either: its stamp is the old one.
        await SetDisabledAsync(city, user, false);
        await handler.RefreshAsync(default);
        Assert.False(accessor.Actor.IsAuthenticated);
    }

    private async Task<string> NewAccountAsync(HttpClient city, string prefix)
    {
        var userName = $"{prefix}-{Guid.NewGuid():N}"[..30];
        using var created = await city.PostAsJsonAsync("/api/v1/accounts", new Dictionary<string, object?>
        {
            ["userName"] = userName,
            ["displayName"] = "测试账号",
            ["role"] = "SchoolAdmin",
            ["organizationCode"] = "44010007",
            ["password"] = Password,
        });
        await Api.ReadJson(created, HttpStatusCode.Created);
        return userName;
    }

    private async Task<string> TokenAsync(string user)
    {
        using var client = app.AnonymousClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password = Password });
        return (await Api.ReadJson(response, HttpStatusCode.OK)).GetProperty("accessToken").GetString()!;
    }

    private async Task<HttpStatusCode> MeAsync(string token)
    {
        using var client = app.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync("/api/v1/me");
        return response.StatusCode;
    }

    private static async Task SetDisabledAsync(HttpClient city, string user, bool disabled)
    {
        using var response = await city.PutAsJsonAsync($"/api/v1/accounts/{user}/disabled", new { disabled });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private sealed class FixedAuthentication(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }

    private sealed class RecordingNavigation : NavigationManager
    {
        public RecordingNavigation() => Initialize("http://localhost/", "http://localhost/students");

        protected override void NavigateToCore(string uri, NavigationOptions options) => Uri = ToAbsoluteUri(uri).ToString();
    }
}
