using Microsoft.Playwright;
using TechSchoolAid.BrowserTests.Infrastructure;

namespace TechSchoolAid.BrowserTests.Pages;

/// <summary>/account/login: a static (no circuit) form posted to the server.</summary>
public sealed class LoginPage(BrowserSession session)
{
    public const string Path = "/account/login";
    public const string DemoPassword = "Demo@2026pass";

    private IPage Page => session.Page;

    public ILocator UserName => Page.Locator("#userName");

    public ILocator Password => Page.Locator("#password");

    public ILocator Submit => Page.Locator("#login-submit");

    public ILocator Error => session.TestId("login-error");

    public async Task OpenAsync()
    {
        await session.GotoAsync(Path, interactive: false);
        await UserName.WaitForAsync();
    }

    /// <summary>Fills the form and posts it; returns when the page the server answered with has loaded.</summary>
    /// <returns>True when the server signed the user in (redirected away from the sign-in page).</returns>
    public async Task<bool> SubmitAsync(string userName, string password)
    {
        await UserName.FillAsync(userName);
        await Password.FillAsync(password);
        await session.ShotAsync($"login-{userName}-filled");
        var response = await Page.RunAndWaitForResponseAsync(
            () => Submit.ClickAsync(),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == Path);
        if (response.Status is >= 300 and < 400)
        {
            // Poll the frame's URL rather than Page.WaitForURLAsync: under a loaded CI machine the redirect's navigation can
            // complete before the wait is set up, and the wait then timed out on a rendered home page. The callers wait
            // for the interactive page next.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (new Uri(Page.Url).AbsolutePath.StartsWith(Path, StringComparison.Ordinal))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"The sign-in redirect did not leave {Path} within 30 s (still at {Page.Url}).");
                }

                await Task.Delay(50);
            }

            await Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
            return true;
        }

        await Page.WaitForLoadStateAsync(LoadState.Load);
        return false;
    }

    /// <summary>Signs in with the demo password and waits for the interactive home page (or the return address).</summary>
    public async Task<HomePage> SignInAsync(string userName, string password = DemoPassword)
    {
        await OpenAsync();
        if (!await SubmitAsync(userName, password))
        {
            var error = await Error.CountAsync() > 0 ? await Error.InnerTextAsync() : await session.SafeTextAsync();
            throw new InvalidOperationException($"Sign-in as {userName} failed: {error}");
        }

        await session.WaitForInteractiveAsync();
        var home = new HomePage(session);
        await home.CurrentUser.WaitForAsync();
        return home;
    }
}
