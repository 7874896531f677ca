using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.CrossCheck.Contracts;
using TechSchoolAid.Modules.CrossCheck.Domain;
using static TechSchoolAid.BrowserTests.Infrastructure.TestData;

namespace TechSchoolAid.BrowserTests.Tests;

/// <summary>CHK-1 in the browser: a ministry match at a school, cleared by its aid officer with evidence; nothing escalates.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CrossCheckTests(BrowserAppFixture fixture)
{
    private const string AidOfficer = "school-" + CitySchool + "-aid";

    [Fact]
    public async Task MinistryMatch_AidOfficerClears_EvidenceRequired_CitySeesNothingOverdue()
    {
        const string test = nameof(MinistryMatch_AidOfficerClears_EvidenceRequired_CitySeesNothingOverdue);
        // 44010004 is 市管: city-4401 approves its list and is told when its cases are late. The loader runs for October 2026
        // (the fake clock's month) on a file naming one of its approved waiver students.
        var planted = await fixture.App.PlantMinistryCaseAsync(CitySchool, AidItem.Waiver, CityReviewer, "2026-10", "广州市轻工职业学校");
        Assert.Equal(CrossCheckCaseState.Open, planted.State);
        Assert.True(planted.DueDate > planted.FoundOn, "The case has a due date after the day it was found.");

        await using (var s = await fixture.NewSessionAsync(test + "-1-aid-officer"))
        {
            await s.RunAsync(async () =>
            {
                await new LoginPage(s).SignInAsync(AidOfficer);
                var list = new CrossCheckResultsPage(s);
                await list.OpenAsync("waivers");
                Assert.Equal("教育部免学费比对结果查询", (await list.Title.InnerTextAsync()).Trim());
                Assert.Equal(1, await list.Row(planted.Id).CountAsync());
                Assert.Contains(planted.IdNumberMasked, await list.Row(planted.Id).InnerTextAsync(), StringComparison.Ordinal);
                Assert.Contains("广州市轻工职业学校", await list.Row(planted.Id).InnerTextAsync(), StringComparison.Ordinal);
                await s.ShotAsync("list");

                var detail = await list.OpenCaseAsync(planted.Id);
                Assert.Equal("待清理", (await detail.State.InnerTextAsync()).Trim());
                Assert.Equal("ministry", (await detail.FoundBy.InnerTextAsync()).Trim());
                await s.ShotAsync("case");

                // Without evidence: refused on screen, nothing written.
                await detail.ChooseAsync("保留");
                await MudControls.TypeAsync(detail.Note, "经核实，该生本学期在本校就读，未在对方学校注册学籍；已与对方学校电话确认，对方名单有误。");
                await detail.Submit.ClickAsync();
                await Assertions.ExpectTextAsync(detail.Error, t => t.Contains("请上传证明材料", StringComparison.Ordinal), "the missing-evidence message");
                await s.ShotAsync("refused-without-evidence");
                var unchanged = await s.App.GetCaseAsync(planted.Id);
                Assert.Equal(CrossCheckCaseState.Open, unchanged!.State);
                Assert.Null(unchanged.ClearedBy);
                Assert.Equal(0, await s.App.CountEvidenceAsync(planted.Id));

                // With a PDF: cleared, and the page shows who and when.
                await detail.AttachAsync("学籍证明.pdf", "application/pdf", CrossCheckData.Pdf());
                await detail.Submit.ClickAsync();
                await Assertions.ExpectTextAsync(detail.State, t => t.Trim() == "保留（对方有误）", "the cleared state");
                Assert.Equal(AidOfficer, (await detail.ClearedBy.InnerTextAsync()).Trim());
                Assert.Contains("对方名单有误", await detail.ClearedNote.InnerTextAsync(), StringComparison.Ordinal);
                Assert.Equal("学籍证明.pdf", (await detail.EvidenceLink.InnerTextAsync()).Trim());
                Assert.Equal(0, await detail.Form.CountAsync());
                await s.ShotAsync("cleared");

                var cleared = await s.App.GetCaseAsync(planted.Id);
                Assert.Equal(CrossCheckCaseState.Kept, cleared!.State);
                Assert.Equal(AidOfficer, cleared.ClearedBy);
                Assert.Equal(1, await s.App.CountEvidenceAsync(planted.Id));
            });
        }

        // The supervisor: the case is in its list, and nothing of its schools is overdue.
        await using (var s = await fixture.NewSessionAsync(test + "-2-city"))
        {
            await s.RunAsync(async () =>
            {
                await new LoginPage(s).SignInAsync(CityReviewer);
                var list = new CrossCheckResultsPage(s);
                await list.OpenAsync("waivers");
                Assert.Equal(1, await list.Row(planted.Id).CountAsync());
                // A "keep" waits for the city's confirmation (issue 11 item 11).
                Assert.Contains("保留（待主管部门确认）", await list.Row(planted.Id).InnerTextAsync(), StringComparison.Ordinal);
                await s.ShotAsync("city-list");

                await list.OpenAsync("waivers", "?overdue=true");
                Assert.Equal(0, await list.Rows.CountAsync());
                Assert.Contains("没有逾期未清理", await list.Empty.InnerTextAsync(), StringComparison.Ordinal);
                await s.ShotAsync("city-nothing-overdue");
            });
        }
    }

    [Fact]
    public async Task Ministry_RunsPage_ListsTheRun_AndOpensItsReport()
    {
        const string test = nameof(Ministry_RunsPage_ListsTheRun_AndOpensItsReport);
        var planted = await fixture.App.PlantMinistryCaseAsync(CitySchool, AidItem.Waiver, CityReviewer, "2026-10", "广州市轻工职业学校");
        await using var s = await fixture.NewSessionAsync(test);
        await s.RunAsync(async () =>
        {
            await new LoginPage(s).SignInAsync("ministry");
            await s.GotoAsync("/crosscheck/runs");
            var row = s.Page.Locator($"[data-testid=run-row][data-id='{planted.RunId}']");
            await row.WaitForAsync();
            await s.WaitForHandlersAsync(s.TestId("run-upload"));
            await s.ShotAsync("runs");

            await row.GetByTestId("open-run").ClickAsync();
            await Assertions.ExpectTextAsync(s.TestId("run-report"), t => t.Contains("比对报告", StringComparison.Ordinal), "the run's report");
            Assert.Equal("1", (await s.TestId("report-new-cases").InnerTextAsync()).Trim().Split('\n')[0].Trim());
            await s.ShotAsync("report");
        });
    }
}
