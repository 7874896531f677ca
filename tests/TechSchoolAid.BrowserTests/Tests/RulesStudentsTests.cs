using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Identity;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Accounts.Domain;
using TechSchoolAid.Modules.Organizations.Domain;
using TechSchoolAid.Modules.StatusChanges.Domain;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Features;
using static TechSchoolAid.BrowserTests.Infrastructure.TestData;

namespace TechSchoolAid.BrowserTests.Tests;

/// <summary>
/// Issue 11, items 4 and 5 where a person sees them: the status-change list names the stage that made a change late (the
/// demo's withdrawal, submitted on time and still waiting for the authority), and the city's review list marks a record
/// not approved by its intake's deadline as 逾期未完成注册 with the step it is stuck at.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RulesStudentsTests(BrowserAppFixture fixture)
{

    [Fact]
    public async Task StatusChangeList_LateChange_ShowsTheLateStage()
    {
        var demo = await fixture.App.WithDbAsync(db => db.Set<StatusChange>().AsNoTracking()
            .FirstAsync(c => c.Reason.Contains("已报送待主管部门审批（演示数据）")));
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            await new LoginPage(s).SignInAsync(CityReviewer);
            var list = new StatusChangeListPage(s);
            await list.OpenAsync();
            await list.ShowOverdueAsync();
            var row = list.Row(demo.Id);
            await row.WaitForAsync();
            Assert.Equal("主管部门（审核）", (await row.GetByTestId("late-stage").InnerTextAsync()).Trim());
            Assert.StartsWith("已逾期", (await StatusChangeListPage.DeadlineChip(row).InnerTextAsync()).Trim(), StringComparison.Ordinal);
            await s.ShotAsync("late-stage-1440");
            await s.Page.SetViewportSizeAsync(390, 844);
            await s.ShotAsync("late-stage-390");

            await s.Page.SetViewportSizeAsync(1440, 900);
            var detail = new StatusChangeDetailPage(s);
            await detail.OpenAsync(demo.Id);
            await Assertions.ExpectTextAsync(s.TestId("completed-on"), t => t.Contains("尚未办结（逾期环节：主管部门（审核））", StringComparison.Ordinal), "the late stage on the detail");
            await s.ShotAsync("detail");
        });
    }

    [Fact]
    public async Task CityReviewList_RecordNotApprovedByTheDeadline_ShowsOverdueAndTheStep()
    {
        var quietSchool = await QuietSchoolAsync(fixture.App);
        var name = await PlantSpringRecordAwaitingApprovalAsync(fixture.App, quietSchool);
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            await new LoginPage(s).SignInAsync(CityReviewer);
            var page = new RegistrationsPage(s);
            await page.OpenAsync();
            var option = s.Page.Locator(".mud-popover-open").GetByRole(Microsoft.Playwright.AriaRole.Option).Filter(new() { HasText = $"（{quietSchool}）" });
            for (var tries = 0; tries < 20 && await option.CountAsync() == 0; tries++)
            {
                await s.TestId("review-school").ClickAsync();
                await s.Page.WaitForTimeoutAsync(500);
            }

            await option.ClickAsync();
            var row = s.TestId("review-table").Locator("tr").Filter(new() { HasText = name });
            await row.First.WaitForAsync();
            await Assertions.ExpectTextAsync(row.First.GetByTestId("review-overdue"),
                t => t == "逾期未完成注册（2026年春季截止 2026-04-30，待主管部门审核）", "the overdue mark with the deadline and the step");
            await s.ShotAsync("review-overdue-1440");
            await s.Page.SetViewportSizeAsync(390, 844);
            await s.ShotAsync("review-overdue-390");
        });
    }

    /// <summary>
    /// The province reopens the quiet school's spring 2026 intake for the school's steps only; the school registers,
    /// verifies and submits a student; the city may not approve it (the reopening does not cover the approval), so it is
    /// still waiting after the 30 April deadline.
    /// </summary>
    /// <summary>The last 市管 school of city 4401 (path /44/4401/code/) other than the one the other browser tests use.</summary>
    private static Task<string> QuietSchoolAsync(AppServer app) => app.WithDbAsync(db => db.Set<Organization>().AsNoTracking()
        .Where(o => o.Level == OrgLevel.School && o.ScopePath.StartsWith("/44/4401/") && o.Code != CitySchool)
        .OrderByDescending(o => o.Code).Select(o => o.Code).FirstAsync());

    private static async Task<string> PlantSpringRecordAwaitingApprovalAsync(AppServer app, string school)
    {
        const string name = "春季补录生";
        await AsAsync(app, "prov-44", sp => sp.GetRequiredService<RegistrationWindow>()
            .ReopenAsync(school, 2026, IntakeSeason.Spring, DateOnly.FromDateTime(AppServer.Now.UtcDateTime).AddDays(30), "春季延迟报到学生补录（浏览器测试）", ReopenedSteps.School, default));
        var input = new StudentInput
        {
            Name = name,
            DocumentType = IdDocumentType.ResidentIdCard,
            IdNumber = IdNumbers.Valid("440305", new DateOnly(2010, 4, 12), 357),
            Ethnicity = "汉族",
            Household = Household.Rural,
            HouseholdCountyCode = "440305",
            Major = "数控加工",
            MajorIsAgricultural = false,
            TrainingLevel = TrainingLevel.Intermediate,
            EntryEducation = EntryEducation.JuniorMiddle,
            SchoolingYears = 3,
            IsFullTime = true,
            IntakeYear = 2026,
            IntakeSeason = IntakeSeason.Spring,
            EnrolmentDate = new DateOnly(2026, 3, 1),
            ClassName = "2026春数控1班",
            Phone = "13800138000",
        };
        var record = await AsAsync(app, "school-" + school, sp => sp.GetRequiredService<RegisterStudent>().HandleAsync(school, input, default));
        await AsAsync(app, "school-" + school, sp => sp.GetRequiredService<VerifyRegistration>().HandleAsync(school, [record.Id], null, default));
        await AsAsync(app, "school-" + school, sp => sp.GetRequiredService<SubmitRegistrations>().HandleAsync(school, [record.Id], default));
        return name;
    }

    /// <summary>Runs a feature as a demo account, as the web host would after its sign-in.</summary>
    private static async Task<T> AsAsync<T>(AppServer app, string userName, Func<IServiceProvider, Task<T>> work)
    {
        var actor = await app.WithDbAsync(async db =>
        {
            var user = await db.Set<UserAccount>().SingleAsync(u => u.UserName == userName);
            var org = await db.Set<Organization>().SingleAsync(o => o.Id == user.OrganizationId);
            return new Actor(user.UserName, user.DisplayName, user.Role, org.Code, org.Level, org.ScopePath, "127.0.0.1");
        });
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = actor;
        return await work(scope.ServiceProvider);
    }
}
