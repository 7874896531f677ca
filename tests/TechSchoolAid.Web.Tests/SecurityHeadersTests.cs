using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TechSchoolAid.Web.Tests;

/// <summary>Response headers and cookie flags (issue 14) and evidence served under a name the server chose.</summary>
public sealed class SecurityHeadersTests(TestApp app) : IClassFixture<TestApp>
{
    private const string School = "44010004";

    private static string Header(HttpResponseMessage r, string name) =>
        r.Headers.TryGetValues(name, out var v) ? string.Join(",", v)
        : r.Content.Headers.TryGetValues(name, out var c) ? string.Join(",", c) : "";

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/")]
    [InlineData("/certificates")]
    public async Task Page_Anonymous_HasNosniffCspReferrerPolicyAndNoFraming(string path)
    {
        using var client = app.AnonymousClient();
        using var response = await client.GetAsync(path);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        // Plain http in the test environment: no HSTS (it would be ignored, and would pin a developer's localhost).
        Assert.Equal("", Header(response, "Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("/api/v1/students/export")]
    [InlineData("/api/v1/students/import-template")]
    [InlineData("/api/v1/students")]
    public async Task ExportAndApi_AsStaff_NoStoreAndNosniff(string path)
    {
        using var client = await app.ClientFor($"school-{School}");
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", Header(response, "Cache-Control"), StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task Evidence_NamedBatHtmlOrBidi_StoredAndServedUnderTheDetectedTypesName()
    {
        var change = await StatusChangeApi.ChangeAsync(app, School, "Suspension", "draft");
        using var clerk = await app.ClientFor($"school-{School}-records");
        var pdf = "%PDF-1.4\n% evidence\n"u8.ToArray();

        using var bat = await clerk.PostAsync($"/api/v1/status-changes/{change}/evidence", Api.FileContent(pdf, "证明.bat", "application/x-msdownload"));
        var stored = await Api.ReadJson(bat, HttpStatusCode.Created);
        Assert.Equal("证明.pdf", stored.GetProperty("fileName").GetString());

        using var download = await clerk.GetAsync($"/api/v1/status-changes/{change}/evidence/{stored.GetProperty("id").GetGuid()}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("证明.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", Header(download, "X-Content-Type-Options"));
        Assert.Contains("no-store", Header(download, "Cache-Control"), StringComparison.Ordinal);

        using var bidi = await clerk.PostAsync($"/api/v1/status-changes/{change}/evidence", Api.FileContent(StatusChangeApi.Png, "\u202Egnp.exe", "image/png"));
        Assert.Equal("gnp.png", (await Api.ReadJson(bidi, HttpStatusCode.Created)).GetProperty("fileName").GetString());

        using var html = await clerk.PostAsync($"/api/v1/status-changes/{change}/evidence", Api.FileContent("<html><script>alert(1)</script></html>"u8.ToArray(), "note.html", "text/html"));
        var problem = await Api.ReadJson(html, HttpStatusCode.BadRequest);
        Assert.Contains("PDF、JPG 或 PNG", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}

/// <summary>The same host in Production: HSTS over HTTPS, and cookies that never travel without TLS.</summary>
public sealed class ProductionSecurityHeadersTests(ProductionSecurityHeadersTests.ProductionApp app) : IClassFixture<ProductionSecurityHeadersTests.ProductionApp>
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
    public async Task Page_OverHttps_HasHsts()
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        using var response = await client.GetAsync("/account/login");
        Assert.True(response.Headers.TryGetValues("Strict-Transport-Security", out var hsts), "no HSTS");
        Assert.Contains("max-age=31536000", string.Join(",", hsts!), StringComparison.Ordinal);
    }

    [Fact]
    public void Cookies_InProduction_AlwaysSecure()
    {
        var auth = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);
        Assert.Equal(CookieSecurePolicy.Always, auth.Cookie.SecurePolicy);
        Assert.Equal(CookieSecurePolicy.Always, app.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.SecurePolicy);
    }
}
