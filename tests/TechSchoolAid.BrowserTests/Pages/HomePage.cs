using Microsoft.Playwright;
using TechSchoolAid.BrowserTests.Infrastructure;

namespace TechSchoolAid.BrowserTests.Pages;

/// <summary>"/": the signed-in user in the app bar and the three to-do panels.</summary>
public sealed class HomePage(BrowserSession session)
{
    public ILocator CurrentUser => session.TestId("current-user");

    public ILocator TodoPanels => session.Page.Locator("[data-testid^=todo-]");

    public ILocator Heading => session.Page.Locator("h5").First;

    public async Task OpenAsync()
    {
        await session.GotoAsync("/");
        await CurrentUser.WaitForAsync();
    }
}
