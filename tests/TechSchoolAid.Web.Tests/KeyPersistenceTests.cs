using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;

namespace TechSchoolAid.Web.Tests;

/// <summary>
/// Another node (or the same node after a restart) on the database of <paramref name="first"/>: the same connection
/// string and personal-data keys, in the environment it is given.
/// </summary>
public sealed class SecondNode(TestApp first, string environment) : TestApp
{
    public override string ConnectionString => first.ConnectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(environment);
        builder.UseSetting("Security:KeyFile", Path.Combine(first.WorkDirectory, "personal-data-keys.json"));
    }
}

/// <summary>A first node in a named environment.</summary>
public sealed class EnvironmentApp(string environment) : TestApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(environment);
    }
}

/// <summary>
/// Data-protection keys live in the database, under an application name per environment (ADR 0014): tokens survive a
/// restart and work on every node; a token of one environment is worthless in another, even on the same database.
/// </summary>
public sealed class KeyPersistenceTests
{
    [Fact]
    public async Task Token_IssuedByOneInstance_WorksOnASecondInstanceOnTheSameDatabase()
    {
        await using var first = new EnvironmentApp("Production");
        await first.InitializeAsync();
        var token = await first.TokenFor("city-4401");

        await using var second = new SecondNode(first, "Production");
        await second.InitializeAsync();
        Assert.Equal(HttpStatusCode.OK, await MeAsync(second, token));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(first, token));
    }

    [Fact]
    public async Task Token_IssuedInDevelopment_IsRefusedByProductionOnTheSameDatabase()
    {
        await using var development = new EnvironmentApp("Development");
        await development.InitializeAsync();
        var token = await development.TokenFor("ministry");
        Assert.Equal(HttpStatusCode.OK, await MeAsync(development, token));

        await using var production = new SecondNode(development, "Production");
        await production.InitializeAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(production, token));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(production, await production.TokenFor("ministry")));
    }

    private static async Task<HttpStatusCode> MeAsync(TestApp app, string token)
    {
        using var client = app.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync("/api/v1/me");
        return response.StatusCode;
    }
}
