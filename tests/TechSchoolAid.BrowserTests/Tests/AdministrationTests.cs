using Microsoft.Playwright;
using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using static TechSchoolAid.BrowserTests.Infrastructure.TestData;

namespace TechSchoolAid.BrowserTests.Tests;

/// <summary>The administrators' pages after ADR 0017: buttons come from the actions the server grants, names from the catalogues.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdministrationTests(BrowserAppFixture fixture)
{
    [Fact]
    public async Task Accounts_CityAdministrator_ManagesItsSchoolsAccountsOnly_AsTheServerSays()
    {
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            await new LoginPage(s).SignInAsync(CityReviewer);
            await s.GotoAsync("/accounts");
            await s.TestId("account-table").WaitForAsync();
            await s.WaitForHandlersAsync(s.TestId("account-submit"));
            await s.ShotAsync("accounts");

            // The city manages the accounts of its own 市管 schools, not its own account nor the 省管 school's in its area.
            var schoolDisable = s.Page.Locator($"[data-testid=account-disable][data-user='{CitySchoolUser}']");
            Assert.Equal(1, await schoolDisable.CountAsync());
            Assert.Equal(0, await s.Page.Locator($"[data-testid=account-disable][data-user='{CityReviewer}']").CountAsync());
            Assert.Equal(0, await s.Page.Locator($"[data-testid=account-disable][data-user='school-{ProvinceSchool}']").CountAsync());

            // The organisation picker offers the city's own schools, from the same rule.
            await MudControls.TypeAsync(s.TestId("account-org"), CitySchool);
            await s.Page.GetByRole(AriaRole.Option).First.WaitForAsync();
            var options = await s.Page.GetByRole(AriaRole.Option).AllInnerTextsAsync();
            Assert.Contains(options, o => o.Contains(CitySchool, StringComparison.Ordinal));
            await s.ShotAsync("org-picker");
        });
    }

    [Fact]
    public async Task Audit_Ministry_ShowsActionsByTheirChineseNames_AndVerifiesTheChain()
    {
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            await new LoginPage(s).SignInAsync("ministry");
            await s.GotoAsync("/audit");
            await s.TestId("audit-row-action").First.WaitForAsync();
            await s.WaitForHandlersAsync(s.TestId("audit-verify"));
            var names = await s.TestId("audit-row-action").AllInnerTextsAsync();
            Assert.NotEmpty(names);
            Assert.All(names, n => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", n));
            await s.ShotAsync("audit");

            await s.TestId("audit-verify").ClickAsync();
            await TechSchoolAid.BrowserTests.Pages.Assertions.ExpectTextAsync(s.TestId("audit-verify-result"), t => t.Contains("完整", StringComparison.Ordinal) || t.Contains("未发现", StringComparison.Ordinal), "the verification result");
            await s.ShotAsync("verified");
        });
    }
}
