using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Domain;
using TechSchoolAid.Modules.CrossCheck.Contracts;
using TechSchoolAid.Modules.CrossCheck.Features;
using static TechSchoolAid.BrowserTests.Infrastructure.TestData;

namespace TechSchoolAid.BrowserTests.Tests;

/// <summary>
/// Issue 11 items 9 and 11 where a person sees them: a school publishes the year's advance notice (提前告知) before the
/// application form appears; a "keep" clearance waits for the city, which confirms it — the school itself cannot.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RulesHardshipTests(BrowserAppFixture fixture)
{
    private const string NoticeSchoolUser = "school-" + ProvinceSchool;

    [Fact]
    public async Task Notice_IsPublishedBeforeApplications_ThenTheApplicationFormAppears()
    {
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            await new LoginPage(s).SignInAsync(NoticeSchoolUser);
            await s.GotoAsync("/aid/hardship");
            await Assertions.ExpectTextAsync(s.TestId("notice-missing"), t => t.Contains("提前告知", StringComparison.Ordinal), "the rule before the notice");
            Assert.Equal(0, await s.TestId("hardship-application-form").CountAsync());
            await s.ShotAsync("no-notice");

            await MudControls.TypeAsync(s.TestId("notice-content-input"), "本学年家庭经济困难学生认定：个人申请、班级评议、学校认定、公示、建档（浏览器测试）");
            await MudControls.TypeAsync(s.TestId("notice-who"), "家庭经济困难的在籍学生");
            await MudControls.TypeAsync(s.TestId("notice-documents"), "认定申请表、个人承诺书");
            await s.TestId("notice-submit").ClickAsync();
            await Assertions.ExpectTextAsync(s.TestId("notice-status"), t => t.Contains("受理申请", StringComparison.Ordinal), "the published notice");
            await s.TestId("hardship-application-form").WaitForAsync();
            await s.ShotAsync("notice-published");
            await s.Page.SetViewportSizeAsync(390, 844);
            await s.ShotAsync("notice-published-390");

            var notices = await fixture.App.WithDbAsync(db => db.Set<HardshipNotice>().CountAsync(n => n.SchoolCode == ProvinceSchool));
            Assert.Equal(1, notices);
        });
    }

    [Fact]
    public async Task Keep_WaitsForTheCity_TheSchoolCannotConfirm_TheCityConfirms()
    {
        var planted = await fixture.App.PlantMinistryCaseAsync(CitySchool, AidItem.Waiver, CityReviewer, "2026-09", "某某职业中学（浏览器测试）");
        await KeepAsync(fixture.App, planted.Id);

        await using (var school = await fixture.NewSessionAsync("Keep_School"))
        {
            await school.RunAsync(async () =>
            {
                await new LoginPage(school).SignInAsync(CitySchoolUser);
                await school.GotoAsync($"/crosscheck/cases/{planted.Id}");
                await Assertions.ExpectTextAsync(school.TestId("clearance-awaiting"), t => t.Contains("学校不能确认本校的“保留”", StringComparison.Ordinal), "the rule for the school");
                Assert.Equal(0, await school.TestId("keep-review").CountAsync());
                await school.ShotAsync("school-waits");
            });
        }

        await using var city = await fixture.NewSessionAsync("Keep_City");
        await city.RunAsync(async () =>
        {
            await new LoginPage(city).SignInAsync(CityReviewer);
            await city.GotoAsync("/crosscheck/waivers?awaitingSupervisor=true");
            await Assertions.ExpectTextAsync(city.TestId("case-table"), t => t.Contains("保留（待主管部门确认）", StringComparison.Ordinal), "the keep waiting in the city's list");
            await city.ShotAsync("city-list");
            await city.GotoAsync($"/crosscheck/cases/{planted.Id}");
            await city.TestId("keep-review").WaitForAsync();
            await city.ShotAsync("city-review");
            await city.TestId("keep-confirm").ClickAsync();
            await Assertions.ExpectTextAsync(city.TestId("clearance-done"), t => t.Contains(CityReviewer, StringComparison.Ordinal), "the confirmed keep");
            await Assertions.ExpectTextAsync(city.TestId("step-keep-confirmed"), t => t.Contains("主管部门确认保留", StringComparison.Ordinal), "the step in the timeline");
            await city.ShotAsync("city-confirmed");
            await city.Page.SetViewportSizeAsync(390, 844);
            await city.ShotAsync("city-confirmed-390");
        });

        var stored = await fixture.App.GetCaseAsync(planted.Id);
        Assert.Equal((CrossCheckCaseState.Kept, CityReviewer), (stored!.State, stored.KeepConfirmedBy));
    }

    /// <summary>The school's aid officer keeps the case (the other side is wrong), with evidence, as the clearance form would.</summary>
    private static async Task KeepAsync(AppServer app, Guid caseId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<ActorAccessor>().Actor =
            new Actor(CitySchoolUser + "-aid", "资助专干", Role.SchoolAidOfficer, CitySchool, OrgLevel.School, await SchoolPathAsync(app), null);
        await sp.GetRequiredService<CrossCheckClearance>().ClearAsync(caseId,
            new ClearanceInput(ClearanceAction.Keep, "经核实该生本学期在本校就读，教育部名单中的学校无其学籍（浏览器测试）", "在籍证明.pdf", CrossCheckData.Pdf()), default);
    }

    private static Task<string> SchoolPathAsync(AppServer app) =>
        app.WithDbAsync(db => db.Set<TechSchoolAid.Modules.Organizations.Domain.Organization>().Where(o => o.Code == CitySchool).Select(o => o.ScopePath).SingleAsync());
}
