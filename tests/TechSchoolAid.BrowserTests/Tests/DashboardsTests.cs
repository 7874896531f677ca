using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;

namespace TechSchoolAid.BrowserTests.Tests;

/// <summary>
/// RPT-1 in the browser: the ministry opens its home page and sees the overview of the country by province — figures,
/// chart, table and Excel export per tile — opens a province's overview from its row, and a figure drills down to the
/// list behind it; the province and the city see theirs. Screenshots at 1440 px and 390 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardsTests(BrowserAppFixture fixture)
{
    [Fact]
    public async Task Ministry_OpensItsOverview_ARowOpensTheProvince_AFigureDrillsDownToItsList()
    {
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            await new LoginPage(s).SignInAsync("ministry");
            await s.GotoAsync("/");
            await s.TestId("tile-registration").WaitForAsync();
            await s.TestId("tile-status-changes").WaitForAsync();
            await Assertions.ExpectTextAsync(s.TestId("dashboard-title"), t => t.Contains("工作概览", StringComparison.Ordinal), "the ministry's overview");
            await Assertions.ExpectTextAsync(s.TestId("tile-registration"), t => t.Contains("广东", StringComparison.Ordinal), "the table by province");
            Assert.Equal(1, await s.TestId("export-registration").CountAsync());
            await s.ShotAsync("ministry-1440");
            await s.Page.SetViewportSizeAsync(390, 844);
            await s.ShotAsync("ministry-390");
            await s.Page.SetViewportSizeAsync(1440, 900);

            // A province's row opens that province's overview, broken down by its cities and 省管 schools.
            await s.TestId("tile-registration").GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "广东省", Exact = true }).ClickAsync();
            await Assertions.ExpectTextAsync(s.TestId("dashboard-title"), t => t.Contains("广东", StringComparison.Ordinal), "the province's overview");
            await Assertions.ExpectTextAsync(s.TestId("tile-registration"), t => t.Contains("广州", StringComparison.Ordinal), "the table by city");

            // A figure drills down to the list behind it.
            await s.TestId("figure-status-changes").Filter(new() { HasText = "逾期未完成" }).ClickAsync();
            await s.Page.WaitForURLAsync(u => u.Contains("/status-changes?overdue=true", StringComparison.Ordinal));
            await s.ShotAsync("drill-down");
        });
    }

    [Theory]
    [InlineData("prov-44")]
    [InlineData("city-4401")]
    public async Task ProvinceAndCity_SeeTheirOverview(string user)
    {
        await using var s = await fixture.NewSessionAsync($"{nameof(ProvinceAndCity_SeeTheirOverview)}-{user}");
        await s.RunAsync(async () =>
        {
            await new LoginPage(s).SignInAsync(user);
            await s.GotoAsync("/");
            await s.TestId("tile-registration").WaitForAsync();
            await s.TestId("tile-aid-rounds").WaitForAsync();
            await s.ShotAsync("overview-1440");
            await s.Page.SetViewportSizeAsync(390, 844);
            await s.ShotAsync("overview-390");
        });
    }
}
