using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using TechSchoolAid.Web.Hosting;

namespace TechSchoolAid.Web.Tests;

/// <summary>
/// /openapi/v1.json as a client generator reads it: every operation named once, secured as it is, with its success body
/// and the problem-details answers it can give. The checks are the linter's and Kiota's, so the document stays usable.
/// </summary>
public sealed class OpenApiDocumentTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    private async Task<JsonElement> DocumentAsync()
    {
        // The document is for the ministry's and provinces' administrators only (issue 13 item 11).
        using var client = await app.ClientFor("ministry");
        using var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement doc) =>
        from path in doc.GetProperty("paths").EnumerateObject()
        from op in path.Value.EnumerateObject()
        where Methods.Contains(op.Name)
        select (path.Name, op.Name, op.Value);

    [Fact]
    public async Task Document_EveryOperation_HasAUniqueOperationId()
    {
        var ops = Operations(await DocumentAsync()).ToList();
        Assert.True(ops.Count > 100, $"only {ops.Count} operations");
        var missing = ops.Where(o => !o.Operation.TryGetProperty("operationId", out var id) || string.IsNullOrEmpty(id.GetString())).Select(o => $"{o.Method} {o.Path}").ToList();
        Assert.Empty(missing);
        var duplicated = ops.GroupBy(o => o.Operation.GetProperty("operationId").GetString()).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicated);
    }

    [Fact]
    public async Task Document_DeclaresBearerAndCookie_AndEverySignedInOperationRequiresOne()
    {
        var doc = await DocumentAsync();
        var schemes = doc.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty(OpenApiConventions.BearerScheme).GetProperty("scheme").GetString());
        Assert.Equal("cookie", schemes.GetProperty(OpenApiConventions.CookieScheme).GetProperty("in").GetString());

        foreach (var (path, method, op) in Operations(doc))
        {
            var isPublic = path.StartsWith("/api/v1/public", StringComparison.Ordinal) || path.StartsWith("/api/v1/auth", StringComparison.Ordinal) || path == "/health";
            var requirements = op.TryGetProperty("security", out var s) ? s.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).ToList() : [];
            if (isPublic)
            {
                Assert.True(requirements.Count == 0, $"{method} {path} is public but requires {string.Join(",", requirements)}");
            }
            else
            {
                Assert.True(requirements.Contains(OpenApiConventions.BearerScheme), $"{method} {path} declares no bearer requirement");
            }
        }
    }

    [Fact]
    public async Task Document_EveryApiOperation_DeclaresProblemDetailsForItsErrors()
    {
        var doc = await DocumentAsync();
        foreach (var (path, method, op) in Operations(doc).Where(o => o.Path.StartsWith("/api/", StringComparison.Ordinal)))
        {
            var responses = op.GetProperty("responses").EnumerateObject().ToList();
            var errors = responses.Where(r => r.Name.StartsWith('4')).ToList();
            Assert.True(errors.Count > 0, $"{method} {path} declares no 4xx response");
            foreach (var error in errors)
            {
                // Problem details, or (the import's 422) the per-row report the operation declares as its error body.
                Assert.True(error.Value.TryGetProperty("content", out var content) && (content.TryGetProperty("application/problem+json", out _) || error.Name == "422"),
                    $"{method} {path} {error.Name} is not described as application/problem+json");
                Assert.True(content.EnumerateObject().Any(), $"{method} {path} {error.Name} has no body type");
            }

            if (path.Contains('{', StringComparison.Ordinal))
            {
                Assert.Contains(errors, e => e.Name == "404");
            }

            if (method != "get" && !path.StartsWith("/api/v1/auth", StringComparison.Ordinal) && !path.StartsWith("/api/v1/public", StringComparison.Ordinal))
            {
                Assert.Contains(errors, e => e.Name == "409");
                Assert.Contains(errors, e => e.Name == "403");
            }
        }
    }

    [Fact]
    public async Task Document_EverySuccessfulAnswer_HasABodyTypeUnlessItIsNoContent()
    {
        var doc = await DocumentAsync();
        var bare = new List<string>();
        foreach (var (path, method, op) in Operations(doc))
        {
            var successes = op.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('2') && r.Name != "204").ToList();
            if (successes.Count > 0 && !successes.Any(r => r.Value.TryGetProperty("content", out _)))
            {
                bare.Add($"{method} {path}");
            }
        }

        Assert.Empty(bare);
    }

    [Fact]
    public async Task Document_NoPathParameterIsDeclaredTwice_AndServersHaveNoTrailingSlash()
    {
        var doc = await DocumentAsync();
        foreach (var (path, method, op) in Operations(doc))
        {
            if (!op.TryGetProperty("parameters", out var parameters))
            {
                continue;
            }

            var keys = parameters.EnumerateArray().Select(p => (p.GetProperty("name").GetString(), p.GetProperty("in").GetString())).ToList();
            Assert.True(keys.Count == keys.Distinct().Count(), $"{method} {path} declares a parameter twice");
        }

        if (doc.TryGetProperty("servers", out var servers))
        {
            foreach (var server in servers.EnumerateArray())
            {
                var url = server.GetProperty("url").GetString()!;
                Assert.False(url.Length > 1 && url.EndsWith('/'), url);
            }
        }
    }

    [Theory]
    [InlineData("GET", "api/v1/status-changes/{id}", "getStatusChangesById")]
    [InlineData("POST", "api/v1/status-changes/{id:guid}/approve", "postStatusChangesByIdApprove")]
    [InlineData("GET", "api/v1/schools/{schoolCode}/students", "getSchoolsBySchoolCodeStudents")]
    [InlineData("PUT", "api/v1/aid-policies/{province}/standard-tables", "putAidPoliciesByProvinceStandardTables")]
    public void OperationId_FollowsMethodAndRoute(string method, string route, string expected) =>
        Assert.Equal(expected, OpenApiConventions.OperationId(method, route));
}

/// <summary>The same application as it runs in production: the API document and its reference only for the ministry's and provinces' administrators.</summary>
public sealed class OpenApiProductionTests(OpenApiProductionTests.ProductionApp app) : IClassFixture<OpenApiProductionTests.ProductionApp>
{
    public sealed class ProductionApp : TestApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }

    [Fact]
    public async Task Production_ApiDocumentAndReference_AreNotAnonymous()
    {
        using var anonymous = app.AnonymousClient();
        using var document = await anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.Unauthorized, document.StatusCode);
        using var page = await anonymous.GetAsync("/api/reference");
        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);

        // Over https, as in production: the refusal is the Chinese 403 page, whose layout carries an antiforgery token.
        using var clerk = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        clerk.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await app.TokenFor("school-44010004-records"));
        using var clerkDocument = await clerk.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.Forbidden, clerkDocument.StatusCode);
        using var clerkReference = await clerk.GetAsync("/api/reference");
        Assert.Equal(HttpStatusCode.Forbidden, clerkReference.StatusCode);

        using var admin = await app.ClientFor("ministry");
        using var adminReference = await admin.GetAsync("/api/reference");
        var location = adminReference.Headers.Location;
        // Scalar answers /api/reference with a redirect to /api/reference/ (relative to the request).
        using var adminPage = adminReference.StatusCode == HttpStatusCode.Found && location is not null
            ? await admin.GetAsync(new Uri(adminReference.RequestMessage!.RequestUri!, location))
            : null;
        Assert.True(HttpStatusCode.OK == (adminPage ?? adminReference).StatusCode, $"{adminReference.StatusCode} {location}");
    }
}
