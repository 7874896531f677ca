using Microsoft.EntityFrameworkCore;
using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using TechSchoolAid.Modules.Reports.Domain;

namespace TechSchoolAid.BrowserTests.Tests;

/// <summary>
/// RPT-1 in the browser: the province previews last year's report, submits it after confirming; the ministry sees it
/// submitted among the provinces and downloads the country report (at 1440 px and at 390 px).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportsTests(BrowserAppFixture fixture)
{
    [Fact]
    public async Task Province_PreviewsAndSubmits_MinistrySeesItSubmittedAndDownloadsTheCountryReport()
    {
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            await new LoginPage(s).SignInAsync("prov-44");
            await s.GotoAsync("/reports/yearly");
            await s.TestId("report-table-students").WaitForAsync();
            await s.TestId("submission-panel").WaitForAsync();
            await s.ShotAsync("yearly-preview");
            await s.Page.SetViewportSizeAsync(390, 844);
            await s.ShotAsync("yearly-preview-390");
            await s.Page.SetViewportSizeAsync(1440, 900);

            await s.TestId("submit-report").ClickAsync();
            await s.TestId("confirm-box").WaitForAsync();
            await s.ShotAsync("yearly-confirm");
            await s.TestId("confirm-submit").ClickAsync();
            await Assertions.ExpectTextAsync(s.TestId("submission-state"), t => t.StartsWith("已报送", StringComparison.Ordinal), "the state after submitting");
            await s.ShotAsync("yearly-submitted");
            Assert.True(await fixture.App.WithDbAsync(db => db.Set<YearlyReportSubmission>().AnyAsync(x => x.ProvinceCode == "44" && x.State == SubmissionState.Submitted)));
        });

        await using var m = await fixture.NewSessionAsync();
        await m.RunAsync(async () =>
        {
            await new LoginPage(m).SignInAsync("ministry");
            await m.GotoAsync("/reports/yearly");
            await m.TestId("submissions-table").WaitForAsync();
            var guangdong = m.TestId("submissions-table").Locator("tr").Filter(new() { HasText = "广东" });
            await Assertions.ExpectTextAsync(guangdong, t => t.Contains("已报送", StringComparison.Ordinal), "广东 submitted in the ministry's list");
            await m.ShotAsync("ministry-submissions");
            var download = await m.Page.RunAndWaitForDownloadAsync(() => m.TestId("download-excel").ClickAsync());
            Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
            Assert.Contains("全国", download.SuggestedFilename, StringComparison.Ordinal);
            await m.Page.SetViewportSizeAsync(390, 844);
            await m.ShotAsync("ministry-submissions-390");
        });
    }
}
