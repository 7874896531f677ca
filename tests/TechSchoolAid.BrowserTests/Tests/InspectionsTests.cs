using Microsoft.EntityFrameworkCore;
using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.Inspections.Domain;
using static TechSchoolAid.BrowserTests.Infrastructure.TestData;

namespace TechSchoolAid.BrowserTests.Tests;

/// <summary>
/// INS-1's "done when" in the browser: the province plans its next year and passes the coverage check (a breach it
/// creates must be explained before the plan is confirmed); an inspection of 44010004 in this year's plan with a finding
/// needing rectification; the school reports its rectification and the province closes it — at 1440 px and 390 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InspectionsTests(BrowserAppFixture fixture)
{
    [Fact]
    public async Task ProvincePlansItsYear_InspectorRecordsAFinding_SchoolRectifies()
    {
        var schoolName = await fixture.App.WithDbAsync(db => db.Set<PlanEntry>().Where(e => e.SchoolCode == CitySchool).Select(e => e.SchoolName).FirstAsync());
        await using (var s = await fixture.NewSessionAsync())
        {
            await s.RunAsync(async () =>
            {
                await new LoginPage(s).SignInAsync("prov-44");
                await s.GotoAsync("/inspections");
                await s.TestId("coverage-table").WaitForAsync();
                await s.ShotAsync("province-overview");
                await s.TestId("propose-plan-2027").ClickAsync();
                await s.TestId("plan-no-breach").WaitForAsync();
                await s.ShotAsync("plan-proposed");

                // Taking a 省管 school out is a breach: the plan is not confirmed until it is explained.
                await MudControls.TypeAsync(s.TestId("adjust-reason"), "该校正在整体搬迁");
                await s.TestId("remove-44010001").ClickAsync();
                await s.TestId("plan-breach").First.WaitForAsync();
                await s.TestId("confirm-plan").ClickAsync();
                await Assertions.ExpectTextAsync(s.TestId("confirm-error"), t => t.Contains("44010001", StringComparison.Ordinal), "the breach named when confirming without a reason");
                await MudControls.TypeAsync(s.TestId("breach-reason-province-managed:44010001"), "已于上半年专项检查，经厅务会同意本年不列入");
                await s.TestId("confirm-plan").ClickAsync();
                await Assertions.ExpectTextAsync(s.TestId("plan-state"), t => t == "已确认", "the plan confirmed");
                await s.ShotAsync("plan-confirmed");
                await s.Page.SetViewportSizeAsync(390, 844);
                await s.ShotAsync("plan-confirmed-390");
                await s.Page.SetViewportSizeAsync(1440, 900);

                // This year's confirmed plan: an inspection of 44010004 with a finding that needs rectification.
                await s.GotoAsync("/inspections");
                await s.TestId("open-plan-2026").ClickAsync();
                await s.TestId("visit-form").WaitForAsync();
                await MudControls.SelectAsync(s.Page, s.TestId("visit-school"), $"{schoolName}（{CitySchool}）");
                await MudControls.TypeAsync(s.TestId("visit-inspectors"), "省人社厅核查组 王敏");
                await s.TestId("visit-save").ClickAsync();
                await s.TestId("finding-form").WaitForAsync();
                await MudControls.SelectAsync(s.Page, s.TestId("finding-item"), "资助名单按规定公示，公示期满后上报");
                await MudControls.SelectAsync(s.Page, s.TestId("finding-conclusion"), "不符合");
                await MudControls.TypeAsync(s.TestId("finding-text"), "秋季学期国家助学金名单公示仅3天（浏览器测试）");
                await s.TestId("finding-rectify").ClickAsync();
                await s.TestId("finding-save").ClickAsync();
                await Assertions.ExpectTextAsync(s.TestId("rectification-state"), t => t == "待整改", "the rectification task of the finding");
                await s.ShotAsync("visit-finding");
            });
        }

        var task = await fixture.App.WithDbAsync(db => db.Set<RectificationTask>().AsNoTracking()
            .Where(t => t.Requirement.Contains("浏览器测试")).Select(t => new { t.Id, t.VisitId }).SingleAsync());

        await using (var s = await fixture.NewSessionAsync())
        {
            await s.RunAsync(async () =>
            {
                await new LoginPage(s).SignInAsync(CitySchoolUser);
                await s.GotoAsync("/inspections");
                await s.TestId("rectification-table").WaitForAsync();
                await s.ShotAsync("school-overview");
                await s.GotoAsync($"/inspections/visits/{task.VisitId}");
                await MudControls.TypeAsync(s.TestId("rectification-answer"), "已重新公示5个工作日，无异议（浏览器测试）");
                await s.TestId("rectification-submit").ClickAsync();
                await Assertions.ExpectTextAsync(s.TestId("rectification-state"), t => t == "待验收", "the answer waiting for the province");
                await s.Page.SetViewportSizeAsync(390, 844);
                await s.ShotAsync("school-answered-390");
            });
        }

        await using (var s = await fixture.NewSessionAsync())
        {
            await s.RunAsync(async () =>
            {
                await new LoginPage(s).SignInAsync("prov-44");
                await s.GotoAsync($"/inspections/visits/{task.VisitId}");
                await s.TestId("rectification-close").ClickAsync();
                await Assertions.ExpectTextAsync(s.TestId("rectification-state"), t => t == "已关闭", "the task closed by the province");
                await s.ShotAsync("closed");
            });
        }

        Assert.Equal(RectificationState.Closed, await fixture.App.WithDbAsync(db => db.Set<RectificationTask>().Where(t => t.Id == task.Id).Select(t => t.State).SingleAsync()));
    }
}
