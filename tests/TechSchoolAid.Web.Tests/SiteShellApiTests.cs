using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Web.Tests;

/// <summary>
/// Issue 13 item 11 over HTTP: unknown addresses and failures answer a Chinese page in the site's layout (the API keeps
/// its problem details), the API document and reference only for the ministry's and provinces' administrators and from
/// this server alone, the menu of every demo role leads only to pages the role may use, and the sign-in page's footer.
/// </summary>
public sealed partial class SiteShellApiTests(TestApp app) : IClassFixture<TestApp>
{
    public static readonly TheoryData<string> DemoRoles =
    [
        "ministry", "ministry-viewer", "inspector", "prov-44", "prov-44-reviewer", "city-4401",
        "school-44010004", "school-44010004-records", "school-44010004-aid", "school-44010004-finance",
    ];

    /// <summary>What a refused page says (page rules, the 403 page, a refused feature's problem title and detail).</summary>
    private static readonly string[] Refusals = ["无权访问", "没有访问该页面的权限", "您的角色没有此权限", "无权操作", "您的角色不能查看"];

    [Fact]
    public async Task UnknownAddress_Anonymous_Is404_AChinesePageInThePublicLayout()
    {
        using var client = app.AnonymousClient();
        using var response = await client.GetAsync("/no-such-page/at-all");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("页面不存在", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"site-footer\"", html, StringComparison.Ordinal); // the public layout
        Assert.Contains("href=\"/public\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("mud-nav-link", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownAddress_SignedIn_Is404_AChinesePageInTheStaffLayoutWithItsMenu()
    {
        using var client = await app.ClientFor("school-44010004-records");
        using var response = await client.GetAsync("/students/not/a/page");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面不存在", html, StringComparison.Ordinal);
        Assert.Contains("mud-nav-link", html, StringComparison.Ordinal); // the staff layout's menu
        Assert.Contains("返回首页", html, StringComparison.Ordinal);
        Assert.DoesNotContain("site-footer", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownApiAddress_KeepsChineseProblemDetails()
    {
        using var client = await app.ClientFor("school-44010004-records");
        using var response = await client.GetAsync("/api/v1/no-such-endpoint");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Api.ReadJson(response, HttpStatusCode.NotFound);
        Assert.Equal("未找到", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task OpenApiDocument_OnlyForTheMinistryAndProvinceAdministrators()
    {
        using var anonymous = app.AnonymousClient();
        using (var document = await anonymous.GetAsync("/openapi/v1.json"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, document.StatusCode);
        }

        foreach (var (user, expected) in new[]
                 {
                     ("ministry", HttpStatusCode.OK), ("prov-44", HttpStatusCode.OK), ("city-4401", HttpStatusCode.Forbidden),
                     ("school-44010004", HttpStatusCode.Forbidden), ("school-44010004-records", HttpStatusCode.Forbidden), ("inspector", HttpStatusCode.Forbidden),
                 })
        {
            using var client = await app.ClientFor(user);
            using var response = await client.GetAsync("/openapi/v1.json");
            Assert.True(expected == response.StatusCode, $"{user}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task ApiReference_AnonymousToSignIn_ClerkForbiddenInChinese_AdministratorGetsAPageThatLoadsNothingFromOutside()
    {
        using var anonymous = app.AnonymousClient();
        using (var page = await anonymous.GetAsync("/api/reference/"))
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.Equal("/account/login", page.Headers.Location!.IsAbsoluteUri ? page.Headers.Location.AbsolutePath : page.Headers.Location.OriginalString.Split('?')[0]);
        }

        using (var clerk = await app.ClientFor("school-44010004-records"))
        using (var refused = await clerk.GetAsync("/api/reference/"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("无权访问", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        using var admin = await app.ClientFor("prov-44");
        using var response = await admin.GetAsync("/api/reference/");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Every address in the page (script, style, font, link, configuration) is this server's: relative or to localhost.
        var external = AbsoluteUrl().Matches(html).Select(m => m.Value)
            .Where(u => !Uri.TryCreate(u.StartsWith("//", StringComparison.Ordinal) ? "https:" + u : u, UriKind.Absolute, out var uri) || uri.Host != "localhost")
            .Where(u => !u.StartsWith("http://www.w3.org/", StringComparison.Ordinal)) // XML namespaces of inline SVG, never fetched
            .ToList();
        Assert.True(external.Count == 0, "The reference page names outside hosts: " + string.Join(", ", external));
        Assert.DoesNotContain("fonts.scalar.com", html, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.jsdelivr.net", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DemoRoles))]
    public async Task Menu_EveryLinkOfTheRole_OpensAPageTheRoleMayUse(string user)
    {
        using var client = await app.ClientFor(user);
        using var home = await client.GetAsync("/");
        var html = await home.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var links = NavLink().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups["href"].Value)).Distinct().ToList();
        Assert.True(links.Count >= 5, $"{user}: the menu has only {links.Count} links");
        Assert.Equal(user is "ministry" or "prov-44", links.Contains("/api/reference"));

        var refused = new List<string>();
        foreach (var link in links)
        {
            using var page = await client.GetAsync(link == "/api/reference" ? "/api/reference/" : link);
            var body = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
            var said = Refusals.FirstOrDefault(r => body.Contains(r, StringComparison.Ordinal));
            if (page.StatusCode != HttpStatusCode.OK || said is not null)
            {
                refused.Add($"{link} → {(int)page.StatusCode} {said}");
            }
        }

        Assert.True(refused.Count == 0, $"{user}: menu links that refuse the role: {string.Join("; ", refused)}");
    }

    [Fact]
    public async Task SignInPage_HasTheOperatorFooter_AndTheRightAutocomplete()
    {
        using var client = app.AnonymousClient();
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/account/login"));
        Assert.Contains("主办单位：<span data-testid=\"site-operator\">人力资源和社会保障部</span>", html, StringComparison.Ordinal);
        Assert.Contains("autocomplete=\"username\"", html, StringComparison.Ordinal);
        Assert.Contains("autocomplete=\"current-password\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"site-icp\"", html, StringComparison.Ordinal); // no filing number configured: no empty line

        var publicHome = WebUtility.HtmlDecode(await client.GetStringAsync("/public"));
        Assert.Contains("主办单位：", publicHome, StringComparison.Ordinal);
    }

    [GeneratedRegex("""<a\b(?=[^>]*\bclass="[^"]*\bmud-nav-link\b)[^>]*\bhref="(?<href>[^"]+)"|<a\b(?=[^>]*\bhref="(?<href>[^"]+)")[^>]*\bclass="[^"]*\bmud-nav-link\b""")]
    private static partial Regex NavLink();

    [GeneratedRegex("""(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^\s"'<>)]*""")]
    private static partial Regex AbsoluteUrl();
}

/// <summary>A server error: the page answers a Chinese page with the reference number, the API Chinese problem details; nothing internal.</summary>
public sealed class SiteShellFailureTests(SiteShellFailureTests.FailingApp app) : IClassFixture<SiteShellFailureTests.FailingApp>
{
    public const string Secret = "internal detail the user must not see";

    /// <summary>The application with one to-do source that fails, and a configured ICP filing number.</summary>
    public sealed class FailingApp : TestApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Site:IcpRecord", "京ICP备00000000号-1");
            builder.ConfigureTestServices(services => services.AddScoped<ITodoSource, FailingTodo>());
        }
    }

    private sealed class FailingTodo : ITodoSource
    {
        public Task<IReadOnlyList<TodoItem>> ItemsAsync(CancellationToken ct) => throw new InvalidOperationException(Secret);
    }

    [Fact]
    public async Task ServerError_OnAPage_ChinesePageWithAReference_NothingInternal()
    {
        using var client = await app.ClientFor("school-44010004");
        using var response = await client.GetAsync("/");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("系统出现错误", html, StringComparison.Ordinal);
        var reference = Regex.Match(html, "data-testid=\"error-reference\">(?<r>[0-9a-f]{32})<");
        Assert.True(reference.Success, "the page carries a 32-digit reference (the trace id)");
        Assert.DoesNotContain(Secret, html, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", html, StringComparison.Ordinal);
        Assert.DoesNotContain("at TechSchoolAid", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerError_OnTheApi_ChineseProblemDetailsWithTheReference_NothingInternal()
    {
        using var client = await app.ClientFor("school-44010004");
        using var response = await client.GetAsync("/api/v1/todo");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("服务器内部错误", json.RootElement.GetProperty("title").GetString());
        var reference = json.RootElement.GetProperty("reference").GetString()!;
        Assert.Contains(reference, json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInPage_ShowsTheConfiguredFilingNumber()
    {
        using var client = app.AnonymousClient();
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/account/login"));
        Assert.Contains("京ICP备00000000号-1", html, StringComparison.Ordinal);
        Assert.Contains("https://beian.miit.gov.cn/", html, StringComparison.Ordinal);
    }
}
