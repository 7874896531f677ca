using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Web.Tests;

/// <summary>
/// ADR 0017's permission half: every API endpoint names the permission it needs, or says on purpose that any signed-in
/// user (RequireSignedIn) or anyone (AllowAnonymous) may call it; nothing relies on a forgotten default.
/// </summary>
public sealed class EndpointAccessTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly HashSet<string> PermissionNames = [.. Enum.GetNames<Permission>()];

    private IReadOnlyList<RouteEndpoint> ApiEndpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .ToList();

    [Fact]
    public void EveryApiEndpoint_NamesItsPermission_OrOptsOutOnPurpose()
    {
        var endpoints = ApiEndpoints();
        Assert.True(endpoints.Count > 50, $"only {endpoints.Count} API endpoints found");
        var missing = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null
                && e.Metadata.GetMetadata<AnySignedInUser>() is null
                && !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy is { } p && PermissionNames.Contains(p)))
            .Select(e => $"{string.Join(",", e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? [])} {e.RoutePattern.RawText}")
            .ToList();
        Assert.True(missing.Count == 0, "Endpoints without a permission: " + string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void OnlyTheNamedPublicEndpoints_AreAnonymous()
    {
        var anonymous = ApiEndpoints()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.RoutePattern.RawText!)
            .ToList();
        Assert.All(anonymous, path => Assert.True(
            path.StartsWith("/api/v1/public/", StringComparison.Ordinal) || path == "/api/v1/auth/token",
            $"{path} is anonymous but is neither public nor the token endpoint"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/students")]
    [InlineData("/audit")]
    public async Task StaffPages_WithoutSignIn_GoToTheSignInPage(string path)
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/certificates")]
    public async Task PublicPages_OptOutByName_AndAnswerWithoutSignIn(string path)
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
