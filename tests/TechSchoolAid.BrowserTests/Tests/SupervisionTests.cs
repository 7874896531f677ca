using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using static TechSchoolAid.BrowserTests.Infrastructure.TestData;

namespace TechSchoolAid.BrowserTests.Tests;

/// <summary>The supervision pages after their split into one use case per feature: each list loads in its own operation scope.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SupervisionTests(BrowserAppFixture fixture)
{
    [Fact]
    public async Task City_WalksOverviewCampaignRosterFlagsAndMeasures_EachPageLoads()
    {
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            await new LoginPage(s).SignInAsync(CityReviewer);
            await s.GotoAsync("/supervision");
            await s.TestId("compliance-row").First.WaitForAsync();
            Assert.True(await s.Page.Locator($"[data-testid=compliance-row][data-school='{CitySchool}']").CountAsync() == 1, "the city's own school is in its compliance table");
            await s.ShotAsync("overview");

            await s.GotoAsync("/supervision/campaigns");
            await s.Page.Locator("[data-testid=campaign-table], [data-testid=no-campaigns]").First.WaitForAsync();
            await s.ShotAsync("campaigns");
            if (await s.TestId("campaign-row").CountAsync() > 0)
            {
                await s.TestId("open-campaign-detail").First.ClickAsync();
                await s.TestId("roster-row").First.WaitForAsync();
                Assert.Contains("名", await s.TestId("roster-total").InnerTextAsync(), StringComparison.Ordinal);
                await s.ShotAsync("roster");
            }

            await s.GotoAsync("/supervision/hanging");
            await s.Page.Locator("[data-testid=flag-table], [data-testid=no-flags]").First.WaitForAsync();
            await s.ShotAsync("hanging");

            await s.GotoAsync("/supervision/measures");
            await s.TestId("issue-measure-form").WaitForAsync();
            await s.ShotAsync("measures");
        });
    }
}
