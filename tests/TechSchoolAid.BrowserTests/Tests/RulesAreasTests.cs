using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.BrowserTests.Tests;

/// <summary>
/// Issue 11, items 3, 6 and 7 where a person sees them: the 县镇 choice on the student form and on the detail page, the
/// designated areas listed with their sources, and the funding gap by its causes (at 1440 px and at 390 px).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RulesAreasTests(BrowserAppFixture fixture)
{
    [Fact]
    public async Task StudentForm_Offers县镇_AndTheDetailShowsIt()
    {
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            var idNumber = IdNumbers.Valid("440305", new DateOnly(2010, 5, 20), 321);
            await new LoginPage(s).SignInAsync(TestData.CitySchoolUser);
            var entry = new StudentEntryPage(s);
            await entry.OpenAsync();
            await Assertions.ExpectTextAsync(s.TestId("household-help"), t => t.Contains("不含县城", StringComparison.Ordinal), "the rule beside the choice");
            await entry.FillAsync(new NewStudent("县镇测试", idNumber) { Household = "县镇", CountyCode = "513322" });
            await s.ShotAsync("county-town-chosen");
            await s.Page.SetViewportSizeAsync(390, 844);
            await s.ShotAsync("county-town-chosen-390");
            await s.Page.SetViewportSizeAsync(1440, 900);
            var id = await entry.SubmitAsync();
            Assert.NotNull(id);

            var detail = new StudentDetailPage(s);
            await detail.WaitLoadedAsync();
            Assert.Equal("县镇", (await detail.Value("户籍性质").InnerTextAsync()).Trim());
            await s.ShotAsync("detail");
            var saved = await s.App.GetStudentAsync(id.Value);
            Assert.Equal(Household.CountyTown, saved!.Household);
        });
    }

    [Fact]
    public async Task DesignatedAreas_AndFundingGapCauses_AreShown()
    {
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            await new LoginPage(s).SignInAsync(TestData.CityReviewer);
            await s.GotoAsync("/aid/designated-areas");
            await s.TestId("areas-table").WaitForAsync();
            var tibet = s.TestId("area-row").Filter(new() { HasText = "西藏自治区" });
            await Assertions.ExpectTextAsync(tibet, t => t.Contains("财教〔2012〕376号", StringComparison.Ordinal), "the seeded area with its source");
            await Assertions.ExpectTextAsync(s.TestId("areas-rule"), t => t.Contains("农村学生（不含县城）", StringComparison.Ordinal), "the rule");
            await s.ShotAsync("designated-areas");

            await s.GotoAsync("/aid/reports?tab=funding");
            await s.TestId("funding-table").WaitForAsync();
            await Assertions.ExpectTextAsync(s.TestId("funding-causes"), t => t.Contains("未将全部学生资助信息在信息系统中注册申报", StringComparison.Ordinal), "the notice's clause");
            var undeclared = await s.TestId("funding-undeclared").AllInnerTextsAsync();
            Assert.Contains(undeclared, t => int.TryParse(t.Replace(",", "", StringComparison.Ordinal), out var n) && n > 0);
            await s.ShotAsync("funding-gap-causes");
            await s.Page.SetViewportSizeAsync(390, 844);
            await s.ShotAsync("funding-gap-causes-390");
        });
    }
}
