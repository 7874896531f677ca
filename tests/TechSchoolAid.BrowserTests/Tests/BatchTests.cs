using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Assertions = TechSchoolAid.BrowserTests.Pages.Assertions;
using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Domain;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;
using static TechSchoolAid.BrowserTests.Infrastructure.TestData;

namespace TechSchoolAid.BrowserTests.Tests;

/// <summary>
/// Issue 13 items 12, 6 and 2 in the browser: a class's hardship decision in one batch with its confirmation (shown,
/// cancelled — nothing written — then confirmed); a student list selection that survives the table's reloads; a suspended
/// student's approved aid flagged on the aid list, the round page and the aid officer's to-do. Screenshots at 1440 and 390 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BatchTests(BrowserAppFixture fixture)
{
    private const string AidOfficer = "school-" + CitySchool + "-aid";
    private const string TestClass = "浏览器测试批量班";

    [Fact]
    public async Task HardshipClass_DecisionInOneBatch_ConfirmationShownCancelledThenConfirmed()
    {
        var ids = await PlantReviewedClassAsync(fixture.App, 3);
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            await new LoginPage(s).SignInAsync(AidOfficer);
            await s.GotoAsync("/aid/hardship");
            await s.TestId("hardship-by-class").ClickAsync();
            await s.TestId("class-select").WaitForAsync();
            await s.WaitForHandlersAsync(s.TestId("class-select"));
            await MudControls.SelectAsync(s.Page, s.TestId("class-select"), TestClass);
            await s.TestId("class-batch-row").First.WaitForAsync();
            await s.Page.GetByRole(AriaRole.Button, new() { Name = "学校认定", Exact = true }).ClickAsync();
            await s.TestId("class-batch-level").First.WaitForAsync();
            var levels = s.TestId("class-batch-level");
            Assert.Equal(3, await levels.CountAsync());
            string[] chosen = ["特别困难", "困难", "一般困难"];
            for (var i = 0; i < 3; i++)
            {
                await MudControls.SelectAsync(s.Page, levels.Nth(i), chosen[i]);
            }

            await s.TestId("class-select-all").ClickAsync();
            await Assertions.ExpectTextAsync(s.TestId("class-batch-run"), t => t.Contains("对所选 3 人认定", StringComparison.Ordinal), "the button names how many");
            await s.ShotAsync("class-selected-1440");

            // The confirmation names what happens and to how many; cancelled, nothing is written.
            await s.TestId("class-batch-run").ClickAsync();
            var dialog = s.Page.Locator(".mud-dialog");
            await dialog.WaitForAsync();
            Assert.Contains($"将为 {TestClass} 的 3 名学生作出学校认定", await dialog.InnerTextAsync(), StringComparison.Ordinal);
            await s.ShotAsync("class-confirm-1440");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "取消", Exact = true }).ClickAsync();
            await dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });
            Assert.All(await StatesAsync(ids), st => Assert.Equal(HardshipState.PanelReviewed, st));

            await s.TestId("class-batch-run").ClickAsync();
            await dialog.WaitForAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "认定 3 人", Exact = true }).ClickAsync();
            await MudControls.Snackbar(s.Page, "3 名学生作出学校认定").WaitForAsync();
            Assert.All(await StatesAsync(ids), st => Assert.Equal(HardshipState.Decided, st));
            await Assertions.ExpectTextAsync(s.TestId("class-batch-state").First, t => t == "学校已认定", "the class's rows after the batch");
            await s.ShotAsync("class-decided-1440");
            await s.Page.SetViewportSizeAsync(390, 844);
            await s.ShotAsync("class-decided-390");
            await s.Page.SetViewportSizeAsync(1440, 900);
        });
    }

    [Fact]
    public async Task StudentList_SelectionSurvivesReloads_VerificationIsConfirmed()
    {
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            await new LoginPage(s).SignInAsync(CitySchoolUser);
            var list = new StudentListPage(s);
            await list.OpenAsync();
            await list.FilterStateAsync("已采集");
            var collected = await list.StudentIdsAsync();
            Assert.True(collected.Count >= 1, "the demo school needs a collected student");
            await list.SelectAsync(collected[0]);

            // Another filter reloads the server-paged table (as a page change does): the tick stays counted.
            await list.FilterStateAsync("审核通过");
            var approved = await list.StudentIdsAsync();
            await list.Row(approved[0]).Locator("input.mud-checkbox-input").CheckAsync();
            await Assertions.ExpectTextAsync(list.SelectedCount, t => t.Contains("已选 2 名", StringComparison.Ordinal), "已选 2 名 across the reload");
            await Assertions.ExpectTextAsync(list.VerifyButton, t => t.Contains("现场核验 2 人", StringComparison.Ordinal), "the batch action says how many");
            await s.ShotAsync("selection-kept-1440");

            // Back to the first filter: the first student is still ticked.
            await list.FilterStateAsync("已采集");
            Assert.True(await list.Row(collected[0]).Locator("input.mud-checkbox-input").IsCheckedAsync());

            await s.TestId("selection-clear").ClickAsync();
            await Assertions.ExpectTextAsync(list.SelectedCount, t => t.Contains("已选 0 名", StringComparison.Ordinal), "cleared");

            // Verifying asks first, naming how many; cancelled, nothing is written.
            await list.SelectAsync(collected[0]);
            await list.VerifyButton.ClickAsync();
            var dialog = s.Page.Locator(".mud-dialog");
            await dialog.WaitForAsync();
            Assert.Contains("确定记录所选 1 名学生", await dialog.InnerTextAsync(), StringComparison.Ordinal);
            await s.ShotAsync("verify-confirm-1440");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "取消", Exact = true }).ClickAsync();
            await dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });
            Assert.Null((await s.App.GetStudentAsync(collected[0]))!.VerifiedAtUtc);
            await s.Page.SetViewportSizeAsync(390, 844);
            await s.ShotAsync("student-list-390");
            await s.Page.SetViewportSizeAsync(1440, 900);
        });
    }

    [Fact]
    public async Task SuspendedStudent_ApprovedAid_IsFlaggedOnTheList_AndOnTheAidOfficersTodo()
    {
        var line = await fixture.App.WithDbAsync(db => db.Set<AidEntry>().AsNoTracking()
            .Where(e => e.State == AidEntryState.Approved && e.ScopePath.Contains(CitySchool))
            .OrderBy(e => e.StudentName).Select(e => new { e.Id, e.RoundId, e.StudentId, e.StudentName }).FirstOrDefaultAsync());
        Assert.True(line is not null, "the demo data should hold an approved aid line at " + CitySchool);
        var before = await fixture.App.WithDbAsync(db => db.Set<StudentRecord>().AsNoTracking().Where(r => r.Id == line!.StudentId)
            .Select(r => new { r.Status, r.StatusSince, r.HoldsPlace }).SingleAsync());
        await SetStatusAsync(line!.StudentId, EnrolmentStatus.Suspended, new DateOnly(2026, 10, 12), false);
        try
        {
            await using var s = await fixture.NewSessionAsync();
            await s.RunAsync(async () =>
            {
                await new LoginPage(s).SignInAsync(AidOfficer);
                var home = new HomePage(s);
                await home.OpenAsync();
                var todo = s.Page.Locator("[data-testid^=todo-]").Filter(new() { HasText = "学籍变动，资助待处理" });
                await todo.First.WaitForAsync();
                Assert.Contains($"{line.StudentName}", await todo.First.InnerTextAsync(), StringComparison.Ordinal);
                await s.ShotAsync("todo-1440");

                await s.GotoAsync($"/aid/rounds/{line.RoundId}");
                var round = new AidRoundDetailPage(s);
                await round.WaitLoadedAsync();
                await s.TestId("status-flags").WaitForAsync();
                const string expected = "学籍已变动：休学（2026-10-12），资助待处理";
                await Assertions.ExpectTextAsync(s.TestId("status-flag-text").First, t => t == expected, "the round page's flag");
                var chip = round.EntryRows.Filter(new() { HasText = line.StudentName }).GetByTestId("entry-status-flag");
                await Assertions.ExpectTextAsync(chip, t => t == expected, "the aid list's flag on the line");
                await s.ShotAsync("round-flag-1440");
                await s.Page.SetViewportSizeAsync(390, 844);
                await s.ShotAsync("round-flag-390");
                await s.Page.SetViewportSizeAsync(1440, 900);

                await s.GotoAsync($"/students/{line.StudentId}");
                await Assertions.ExpectTextAsync(s.TestId("aid-record-status-flag").First, t => t == expected, "the student page's flag");
                await s.ShotAsync("student-flag-1440");
            });
        }
        finally
        {
            await SetStatusAsync(line.StudentId, before.Status, before.StatusSince, before.HoldsPlace);
        }
    }

    private Task SetStatusAsync(Guid studentId, EnrolmentStatus status, DateOnly? since, bool holdsPlace) => fixture.App.WithDbAsync(db =>
        db.Set<StudentRecord>().Where(r => r.Id == studentId)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, status).SetProperty(r => r.StatusSince, since).SetProperty(r => r.HoldsPlace, holdsPlace)));

    private Task<List<HardshipState>> StatesAsync(IReadOnlyList<Guid> ids) => fixture.App.WithDbAsync(db =>
        db.Set<HardshipAssessment>().AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => a.State).ToListAsync());

    /// <summary>Applications of active students of the school, in a class of the test's own, already reviewed by the class panel.</summary>
    private static Task<List<Guid>> PlantReviewedClassAsync(AppServer app, int count) => app.WithDbAsync(async db =>
    {
        var protector = app.Services.GetRequiredService<PersonalDataProtector>();
        var taken = db.Set<HardshipAssessment>().Select(a => a.StudentId);
        var students = await db.Set<StudentRecord>().AsNoTracking()
            .Where(x => x.SchoolCode == CitySchool && x.Status == EnrolmentStatus.Active && x.RegistrationState == RegistrationState.Approved && !taken.Contains(x.Id))
            .OrderByDescending(x => x.Name).Take(count).ToListAsync();
        Assert.True(students.Count == count, $"the demo school needs {count} students without an assessment for 2026-2027");
        var ids = new List<Guid>();
        foreach (var s in students)
        {
            var a = new HardshipAssessment(Guid.CreateVersion7(), s.Id, s.SchoolId, s.SchoolCode, s.ScopePath, s.Name, TestClass, 2026, Semester.Autumn, 1, null,
                protector.Encrypt("家庭经济困难（浏览器测试）"), PriorityGroups.None, WatchGroups.None, new DateOnly(2026, 10, 12), AidOfficer, AppServer.Now.UtcDateTime.AddDays(-2));
            a.RecordPanel("班主任王老师、学生代表", new DateOnly(2026, 10, 14), null, AidOfficer, AppServer.Now.UtcDateTime.AddDays(-1));
            db.Add(a);
            ids.Add(a.Id);
        }

        await db.SaveChangesAsync();
        return ids;
    });
}
