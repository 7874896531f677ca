using Microsoft.Playwright;
using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using static TechSchoolAid.BrowserTests.Infrastructure.TestData;

namespace TechSchoolAid.BrowserTests.Tests;

/// <summary>
/// Issue 13 item 11 in the browser: an unknown address answers a Chinese 404 page in the site's layout; the staff pages
/// work on a 390 px phone (the menu is a drawer behind a button, tables scroll inside their card, the page never scrolls
/// sideways); the API reference is refused to a school clerk and loads nothing from outside for an administrator; the
/// sign-in page keeps no rejected password and carries the operator's footer. Screenshots at 1440 px and 390 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SiteShellTests(BrowserAppFixture fixture)
{
    /// <summary>How far the page may be wider than the 390 px screen (rounding of sub-pixel borders).</summary>
    private const int Slack = 4;

    private const string PageWidth = "() => document.scrollingElement.scrollWidth";

    /// <summary>The pages a school administrator visits in the browser tests, each checked at 390 px.</summary>
    private static readonly string[] SchoolPages =
    [
        "/", "/students", "/students/new", "/students/import", "/registrations", "/status-changes", "/supervision", "/graduation",
        "/aid/policies", "/aid/designated-areas", "/aid/hardship", "/aid/rounds", "/aid/reports", "/crosscheck/grants", "/crosscheck/waivers",
        "/funds/budgets", "/funds/payments", "/funds/accounts", "/inspections", "/standards", "/standards/brochures", "/complaints",
        "/organizations", "/accounts", "/calendar", "/audit",
    ];

    /// <summary>The pages of the supervising levels (city, province, ministry) at 390 px.</summary>
    private static readonly (string User, string[] Paths)[] AuthorityPages =
    [
        ("city-4401", ["/", "/registrations", "/aid/rounds", "/supervision", "/funds/budgets", "/standards/brochures"]),
        ("prov-44", ["/", "/aid/rounds", "/inspections", "/funds/performance", "/reports/yearly", "/reports/data-requests"]),
        ("ministry", ["/", "/crosscheck/runs", "/reports/data-requests", "/funds/budgets"]),
    ];

    [Fact]
    public async Task UnknownAddress_ChineseNotFoundPage_InThePublicLayout_ThenInTheStaffLayout()
    {
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            var response = await s.Page.GotoAsync("/no-such-page");
            Assert.Equal(404, response?.Status);
            await Pages.Assertions.ExpectTextAsync(s.TestId("error-title"), t => t == "页面不存在", "the Chinese 404 title");
            await s.TestId("site-footer").WaitForAsync();
            Assert.Equal("/public", await s.TestId("error-home").GetAttributeAsync("href"));
            await s.ShotAsync("404-public-1440");
            await s.Page.SetViewportSizeAsync(390, 844);
            await s.ShotAsync("404-public-390");
            Assert.True(await s.Page.EvaluateAsync<int>(PageWidth) <= 390 + Slack, "the public 404 page fits a phone");
            await s.Page.SetViewportSizeAsync(1440, 900);

            await new LoginPage(s).SignInAsync(CitySchoolUser + "-records");
            response = await s.Page.GotoAsync("/students/no/such/page");
            Assert.Equal(404, response?.Status);
            await Pages.Assertions.ExpectTextAsync(s.TestId("error-title"), t => t == "页面不存在", "the Chinese 404 title for a signed-in clerk");
            await s.Page.GetByRole(AriaRole.Link, new() { Name = "学生名单", Exact = true }).WaitForAsync(); // the staff menu beside it
            Assert.Equal("/", await s.TestId("error-home").GetAttributeAsync("href"));
            await s.ShotAsync("404-staff-1440");
            await s.Page.SetViewportSizeAsync(390, 844);
            await s.ShotAsync("404-staff-390");
            Assert.True(await s.Page.EvaluateAsync<int>(PageWidth) <= 390 + Slack, "the staff 404 page fits a phone");
            Assert.False(await s.Page.GetByRole(AriaRole.Link, new() { Name = "学生名单", Exact = true }).IsVisibleAsync(), "no menu over the page on a phone");

            // Followed inside the running application (a link in the circuit), the same notice in the staff layout.
            await s.Page.SetViewportSizeAsync(1440, 900);
            await s.GotoAsync("/");
            await s.Page.EvaluateAsync("() => Blazor.navigateTo('/aid/no-such-list')");
            await Pages.Assertions.ExpectTextAsync(s.TestId("error-title"), t => t == "页面不存在", "the 404 notice inside the circuit");
        });
    }

    [Fact]
    public async Task StaffPages_At390_MenuIsADrawer_TablesScrollInTheirCard_NoPageScrollsSideways()
    {
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            await new LoginPage(s).SignInAsync(CitySchoolUser);
            await s.Page.SetViewportSizeAsync(390, 844);
            var list = new StudentListPage(s);
            await list.OpenAsync();
            await list.Rows.First.WaitForAsync();
            await s.ShotAsync("students-390");
            Assert.True(await s.Page.EvaluateAsync<int>(PageWidth) <= 390 + Slack, "the student list fits the phone's width");

            // The table is wider than the phone: it scrolls inside its card, the page does not.
            var container = s.TestId("student-table").Locator(".mud-table-container").First;
            var (scroll, client) = (await container.EvaluateAsync<int>("e => e.scrollWidth"), await container.EvaluateAsync<int>("e => e.clientWidth"));
            Assert.True(scroll > client, $"the table scrolls inside its card ({scroll} > {client})");
            Assert.Equal("auto", await container.EvaluateAsync<string>("e => getComputedStyle(e).overflowX"));

            // The menu is closed on a phone and opens as a drawer from the button.
            var studentsLink = s.Page.GetByRole(AriaRole.Link, new() { Name = "学生名单", Exact = true });
            Assert.False(await studentsLink.IsVisibleAsync(), "the menu is closed on a phone");
            await s.TestId("menu-toggle").ClickAsync();
            await studentsLink.WaitForAsync();
            await s.ShotAsync("menu-open-390");
            await s.Page.GetByRole(AriaRole.Link, new() { Name = "学籍异动", Exact = true }).ClickAsync();
            await s.Page.WaitForURLAsync("**/status-changes");

            var wide = new List<string>();
            foreach (var path in SchoolPages)
            {
                await CheckWidthAsync(s, path, wide);
            }

            await s.Page.SetViewportSizeAsync(1440, 900);
            await list.OpenAsync();
            await s.ShotAsync("students-1440");
            Assert.True(wide.Count == 0, "Pages wider than a 390 px phone: " + string.Join("; ", wide));
        });
    }

    [Fact]
    public async Task AuthorityPages_At390_NoPageScrollsSideways()
    {
        var wide = new List<string>();
        foreach (var (user, paths) in AuthorityPages)
        {
            await using var s = await fixture.NewSessionAsync();
            await s.RunAsync(async () =>
            {
                await new LoginPage(s).SignInAsync(user);
                await s.Page.SetViewportSizeAsync(390, 844);
                foreach (var path in paths)
                {
                    await CheckWidthAsync(s, path, wide, user);
                }
            });
        }

        Assert.True(wide.Count == 0, "Pages wider than a 390 px phone: " + string.Join("; ", wide));
    }

    [Fact]
    public async Task ApiReference_RefusedToASchoolClerk_AdministratorsPageLoadsNothingFromOutside()
    {
        await using (var s = await fixture.NewSessionAsync())
        {
            await s.RunAsync(async () =>
            {
                await new LoginPage(s).SignInAsync(CitySchoolUser + "-records");
                Assert.Equal(0, await s.TestId("nav-api-reference").CountAsync());
                await s.Page.GotoAsync("/api/reference/");
                await s.TestId("access-denied").WaitForAsync();
                Assert.Equal("/account/denied", new Uri(s.Page.Url).AbsolutePath);
                await s.ShotAsync("reference-refused-1440");
                await s.Page.SetViewportSizeAsync(390, 844);
                await s.ShotAsync("reference-refused-390");
            });
        }

        await using var admin = await fixture.NewSessionAsync();
        await admin.RunAsync(async () =>
        {
            var hosts = new List<string>();
            admin.Page.Request += (_, request) =>
            {
                var uri = new Uri(request.Url);
                if (uri.Scheme is "http" or "https" && uri.Host != admin.App.BaseAddress.Host)
                {
                    lock (hosts)
                    {
                        hosts.Add(request.Url);
                    }
                }
            };
            await new LoginPage(admin).SignInAsync("prov-44");
            await admin.TestId("nav-api-reference").WaitForAsync();
            await admin.Page.GotoAsync("/api/reference/", new() { WaitUntil = WaitUntilState.NetworkIdle });
            await admin.Page.WaitForFunctionAsync("() => document.body.innerText.length > 200", null, new() { Timeout = 30_000 });
            await admin.ShotAsync("reference-1440");
            lock (hosts)
            {
                Assert.True(hosts.Count == 0, "The reference loaded from outside this server: " + string.Join(", ", hosts));
            }
        });
    }

    [Fact]
    public async Task SignIn_RejectedPasswordIsCleared_FooterNamesTheOperator()
    {
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            var login = new LoginPage(s);
            await login.OpenAsync();
            Assert.Equal("主办单位：人力资源和社会保障部", (await s.TestId("site-footer").InnerTextAsync()).Trim());
            Assert.Equal("current-password", await login.Password.GetAttributeAsync("autocomplete"));
            Assert.Equal("username", await login.UserName.GetAttributeAsync("autocomplete"));
            // A ministry viewer: one failed attempt cannot lock an account another test signs in with.
            Assert.False(await login.SubmitAsync("ministry-viewer", "Wrong@2026shell"));
            await login.Error.WaitForAsync();
            Assert.Equal("", await login.Password.InputValueAsync());
            Assert.DoesNotContain("Wrong@2026shell", await s.Page.ContentAsync(), StringComparison.Ordinal);
            await s.ShotAsync("login-refused-1440");
            await s.Page.SetViewportSizeAsync(390, 844);
            await s.ShotAsync("login-refused-390");
            Assert.True(await s.Page.EvaluateAsync<int>(PageWidth) <= 390 + Slack, "the sign-in page fits a phone");
        });
    }

    private static async Task CheckWidthAsync(BrowserSession s, string path, List<string> wide, string? user = null)
    {
        await s.GotoAsync(path);
        // Let the page's first data arrive (its tables and panels), then measure.
        await s.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await s.Page.WaitForTimeoutAsync(300);
        var width = await s.Page.EvaluateAsync<int>(PageWidth);
        await s.ShotAsync((user is null ? "" : user + "-") + path.Trim('/').Replace('/', '-') + "-390");
        if (width > 390 + Slack)
        {
            var culprit = await s.Page.EvaluateAsync<string>("""
                () => {
                    const out = [];
                    for (const el of document.querySelectorAll('body *')) {
                        const r = el.getBoundingClientRect();
                        if (r.right > 394 && r.width > 0 && !el.closest('.mud-table-container') && getComputedStyle(el).position !== 'fixed') {
                            out.push((el.getAttribute('data-testid') || el.className || el.tagName).toString().slice(0, 60) + ':' + Math.round(r.right));
                            if (out.length >= 3) break;
                        }
                    }
                    return out.join(', ');
                }
                """);
            wide.Add($"{user}{path} ({width} px: {culprit})");
        }
    }
}
