using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;

namespace TechSchoolAid.BrowserTests.Tests;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserAppFixture fixture)
{
    [Fact]
    public async Task SignIn_SchoolAdminWithDemoPassword_ShowsNameAndTodoPanels()
    {
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            var home = await new LoginPage(s).SignInAsync("school-44010004");
            await s.ShotAsync("home");

            Assert.Equal(new Uri(s.App.BaseAddress, "/").ToString(), s.Page.Url);
            var user = await home.CurrentUser.InnerTextAsync();
            Assert.Contains("管理员", user, StringComparison.Ordinal);
            Assert.Contains("学校系统管理员", user, StringComparison.Ordinal);
            var heading = await home.Heading.InnerTextAsync();
            Assert.StartsWith("您好，", heading, StringComparison.Ordinal);
            Assert.Contains(user[..user.IndexOf('（', StringComparison.Ordinal)], heading, StringComparison.Ordinal);
            Assert.Equal(3, await home.TodoPanels.CountAsync());
        });
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsChineseErrorAndStaysOnSignIn()
    {
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            var login = new LoginPage(s);
            await login.OpenAsync();
            await s.ShotAsync("empty-form");
            // A ministry viewer: one failed attempt here cannot lock an account another test signs in with.
            Assert.False(await login.SubmitAsync("ministry-viewer", "Wrong@2026pass"));
            await login.Error.WaitForAsync();
            await s.ShotAsync("error");

            Assert.Equal(TechSchoolAid.Modules.Accounts.Features.SignIn.RefusedMessage, (await login.Error.InnerTextAsync()).Trim());
            Assert.Contains(LoginPage.Path, s.Page.Url, StringComparison.Ordinal);
            Assert.DoesNotContain(await s.Context.CookiesAsync(), c => c.Name == "tsa.auth");

            // The rejected password is neither in the field nor anywhere in the page's HTML; the user name stays.
            Assert.Equal("", await login.Password.InputValueAsync());
            Assert.DoesNotContain("Wrong@2026pass", await s.Page.ContentAsync(), StringComparison.Ordinal);
            Assert.Equal("ministry-viewer", await s.Page.Locator("#userName").InputValueAsync());
        });
    }

    [Fact]
    public async Task Students_AnonymousVisit_RedirectsToSignInAndBackAfterSignIn()
    {
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            var response = await s.Page.GotoAsync("/students");
            Assert.True(response is { Status: < 400 }, $"GET /students answered {response?.Status}: {await s.SafeTextAsync()}");
            var login = new LoginPage(s);
            await login.UserName.WaitForAsync();
            await s.ShotAsync("redirected");

            var url = new Uri(s.Page.Url);
            Assert.Equal(LoginPage.Path, url.AbsolutePath);
            var returnUrl = System.Web.HttpUtility.ParseQueryString(url.Query)["returnUrl"]; // case-insensitive key
            Assert.Equal("/students", "/" + returnUrl?.TrimStart('/'));
            Assert.Equal(0, await s.Page.Locator("[data-testid=current-user]").CountAsync());
            Assert.Equal(0, await s.TestId("student-table").CountAsync());

            // Signing in from there returns to the list that was asked for.
            Assert.True(await login.SubmitAsync(TestData.CitySchoolUser, LoginPage.DemoPassword));
            var list = new StudentListPage(s);
            await list.WaitLoadedAsync();
            await s.ShotAsync("back-on-list");
            Assert.Equal(StudentListPage.Path, new Uri(s.Page.Url).AbsolutePath);
        });
    }
}
