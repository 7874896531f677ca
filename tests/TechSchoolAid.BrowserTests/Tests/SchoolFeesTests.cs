using Microsoft.EntityFrameworkCore;
using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using TechSchoolAid.Modules.Organizations.Domain;
using static TechSchoolAid.BrowserTests.Infrastructure.TestData;

namespace TechSchoolAid.BrowserTests.Tests;

/// <summary>
/// ORG-2 in the browser: the city opens one of its schools from the organisations list, records an approved tuition for a
/// major and sees it in the school's history; a bad amount is refused next to its field; the province's comparable
/// public tuition screen shows the figure a 民办 school's waiver is paid at.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SchoolFeesTests(BrowserAppFixture fixture)
{
    private const string PublicCitySchool = "44010007";
    private const string Major = "工业机器人应用与维护";

    [Fact]
    public async Task City_RecordsASchoolsTuition_TheHistoryShowsIt()
    {
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            await new LoginPage(s).SignInAsync(CityReviewer);
            await s.GotoAsync("/organizations");
            await s.TestId("org-table").WaitForAsync();
            await s.TestId("org-code").Filter(new() { HasText = PublicCitySchool }).First.ClickAsync();
            await s.TestId("tuition-history").WaitForAsync();
            await s.WaitForInteractiveAsync();
            await Assertions.ExpectTextAsync(s.TestId("waiver-basis"), t => t.Contains("2700 元/生·年", StringComparison.Ordinal), "the waiver in force today: the approved tuition");

            await s.TestId("add-tuition").ClickAsync();
            await s.TestId("tuition-form").WaitForAsync();
            await MudControls.TypeAsync(s.TestId("field-amount"), "0");
            await MudControls.TypeAsync(s.TestId("field-major"), Major);
            await MudControls.TypeAsync(s.TestId("field-document"), "穗发改价格〔2026〕8号");
            await MudControls.TypeAsync(s.TestId("field-document-date"), "2026-07-20");
            await MudControls.TypeAsync(s.TestId("field-valid-from"), "2026-09-01");
            await s.TestId("save-tuition").ClickAsync();
            await Assertions.ExpectTextAsync(s.TestId("error-amountFen"), t => t.Contains("学费金额必须大于 0", StringComparison.Ordinal), "the amount refused next to its field");
            await s.ShotAsync("refused");

            await MudControls.TypeAsync(s.TestId("field-amount"), "3600");
            await s.TestId("save-tuition").ClickAsync();
            await MudControls.Snackbar(s.Page, "已登记学费标准").WaitForAsync();
            var row = s.TestId("tuition-history").Locator("tr").Filter(new() { HasText = Major });
            await Assertions.ExpectTextAsync(row, t => t.Contains("3,600", StringComparison.Ordinal) && t.Contains("穗发改价格〔2026〕8号", StringComparison.Ordinal), "the new standard in the history");
            await s.ShotAsync("recorded");
            Assert.Equal(360_000, await fixture.App.WithDbAsync(db => db.Set<SchoolTuition>().Where(t => t.Major == Major).Select(t => t.AmountFen).SingleAsync()));

            await s.GotoAsync("/organizations/comparable-tuition");
            await Assertions.ExpectTextAsync(s.TestId("comparable-table"), t => t.Contains("技师学院", StringComparison.Ordinal) && t.Contains("3,300", StringComparison.Ordinal),
                "the province's comparable public tuition, which the city sees");
            await s.ShotAsync("comparable");
        });
    }
}
