using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using TechSchoolAid.Modules.Students.Seeding;

namespace TechSchoolAid.BrowserTests.Tests;

/// <summary>Issue 13 item 4: majors come from the catalogue (which sets 涉农), the county from a cascade, and "save and enter the next one".</summary>
[Collection(BrowserCollection.Name)]
public sealed class MajorCatalogueTests(BrowserAppFixture fixture)
{
    [Fact]
    public async Task MajorChosenFromTheCatalogue_Sets涉农_CountyByCascade_SaveAndNextKeepsTheClass()
    {
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            await new LoginPage(s).SignInAsync(TestData.CitySchoolUser);
            var entry = new StudentEntryPage(s);
            await entry.OpenAsync();
            var first = new NewStudent("农目录一", IdNumbers.Valid("440305", new DateOnly(2010, 6, 1), 451)) { Major = "现代农业技术", ClassName = "2026级农技5班" };
            await entry.FillAsync(first);
            await entry.ChooseMajorAsync("农业技术", "现代农业技术");
            await Assertions.ExpectTextAsync(s.TestId("chip-agricultural"), t => t.Trim() == "涉农专业", "the catalogue's 涉农 flag as a chip");
            Assert.Equal(0, await s.Page.Locator("[data-testid=field-majorIsAgricultural]").CountAsync()); // no switch the clerk sets
            await s.ShotAsync("major-agricultural-1440");
            await s.Page.SetViewportSizeAsync(390, 844);
            await s.ShotAsync("major-agricultural-390");
            await s.Page.SetViewportSizeAsync(1440, 900);

            await s.TestId("save-and-next").ClickAsync();
            await Assertions.ExpectTextAsync(s.TestId("saved-last"), t => t.Contains("已登记 农目录一", StringComparison.Ordinal), "the saved student named");
            await Assertions.ExpectValueAsync(entry.Field("name"), "");
            await Assertions.ExpectValueAsync(entry.Field("idNumber"), "");
            await Assertions.ExpectValueAsync(entry.Field("className"), "2026级农技5班");
            var majorEntry = MajorCatalogueDemoData.Entries.Single(e => e.Name == "现代农业技术");
            await Assertions.ExpectValueAsync(entry.Field("major"), $"{majorEntry.Code} 现代农业技术");
            Assert.Equal(0, await s.Page.Locator("[data-testid^=error-]").CountAsync());
            Assert.Equal(0, await entry.FormError.CountAsync());
            Assert.True(await entry.Field("name").EvaluateAsync<bool>("el => el === document.activeElement"), "the cursor waits in the name field");
            await s.ShotAsync("save-and-next-1440");

            var saved = await s.App.FindStudentAsync(TestData.CitySchool, "农目录一");
            Assert.NotNull(saved);
            Assert.True(saved.MajorIsAgricultural);
            Assert.Equal(majorEntry.Code, saved.MajorCode);
            Assert.Equal("440305", saved.HouseholdCountyCode);

            // The next student of the class: only the person and the county are entered again.
            await MudControls.TypeAsync(entry.Field("name"), "农目录二");
            await MudControls.TypeAsync(entry.Field("idNumber"), IdNumbers.Valid("440305", new DateOnly(2010, 6, 2), 453));
            await MudControls.SelectAsync(s.Page, entry.Field("ethnicity"), "汉族");
            await entry.Field("household").GetByText("农村", new() { Exact = true }).ClickAsync();
            await entry.ChooseCountyAsync("440305");
            var id = await entry.SubmitAsync();
            Assert.NotNull(id);
            var second = await s.App.GetStudentAsync(id.Value);
            Assert.Equal(("现代农业技术", true, "2026级农技5班"), (second!.Major, second.MajorIsAgricultural, second.ClassName));
        });
    }

    [Fact]
    public async Task Ministry_SeesTheCatalogueAndItsEditions_WithTheUploadForm()
    {
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            await new LoginPage(s).SignInAsync("ministry");
            await s.GotoAsync("/catalogues/majors");
            await s.TestId("edition-row").First.WaitForAsync();
            await Assertions.ExpectTextAsync(s.TestId("no-official-edition"), t => t.Contains("演示用目录", StringComparison.Ordinal), "the demo edition named as such");
            await s.TestId("upload-card").WaitForAsync();
            await s.TestId("major-search").FillAsync("农业");
            await Assertions.ExpectTextAsync(s.TestId("majors"), t => t.Contains("现代农业技术", StringComparison.Ordinal) && !t.Contains("数控加工", StringComparison.Ordinal), "the search by name");
            await s.ShotAsync("catalogue-1440");
            await s.Page.SetViewportSizeAsync(390, 844);
            await s.ShotAsync("catalogue-390");
        });
    }
}
