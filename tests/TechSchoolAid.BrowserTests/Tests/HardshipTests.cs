using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Domain;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;
using static TechSchoolAid.BrowserTests.Infrastructure.TestData;

namespace TechSchoolAid.BrowserTests.Tests;

/// <summary>
/// AID-1 in the browser: the school's aid officer opens an application from the list, sees the family situation, records
/// the class panel and decides; the list and the detail follow each step (the page's components, one scope per call).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HardshipTests(BrowserAppFixture fixture)
{
    private const string AidOfficer = "school-" + CitySchool + "-aid";
    private const string Family = "父亲因病丧失劳动能力（浏览器测试）";

    [Fact]
    public async Task Assessment_AidOfficerRecordsPanelAndDecides_ListAndDetailFollow()
    {
        var (id, name) = await PlantApplicationAsync(fixture.App);
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            await new LoginPage(s).SignInAsync(AidOfficer);
            await s.GotoAsync("/aid/hardship");
            await s.TestId("hardship-application-form").WaitForAsync();
            await s.TestId("hardship-publication").WaitForAsync();
            var row = s.TestId("hardship-row").Filter(new() { HasText = name });
            await row.GetByTestId("hardship-open").ClickAsync();
            await Assertions.ExpectTextAsync(s.TestId("detail-family"), t => t.Contains(Family, StringComparison.Ordinal), "the family situation for the school's own aid staff");
            await s.ShotAsync("applied");

            await MudControls.TypeAsync(s.TestId("panel-members"), "班主任王老师、学生代表李明");
            await s.TestId("panel-submit").ClickAsync();
            await Assertions.ExpectTextAsync(row.GetByTestId("hardship-state"), t => t == "班级已评议", "the list after the panel");

            await MudControls.SelectAsync(s.Page, s.TestId("decision-level"), "困难");
            await s.TestId("decision-submit").ClickAsync();
            await Assertions.ExpectTextAsync(row.GetByTestId("hardship-level"), t => t == "困难", "the level in the list after the decision");
            await Assertions.ExpectTextAsync(s.TestId("hardship-detail"), t => t.Contains("学校认定：困难", StringComparison.Ordinal), "the decision in the detail");
            await s.ShotAsync("decided");
            Assert.Equal(HardshipState.Decided, await fixture.App.WithDbAsync(db => db.Set<HardshipAssessment>().Where(a => a.Id == id).Select(a => a.State).SingleAsync()));
        });
    }

    /// <summary>An application for an active student of the school who has none for 2026-2027, as the officer would have entered it.</summary>
    private static Task<(Guid Id, string Name)> PlantApplicationAsync(AppServer app) => app.WithDbAsync(async db =>
    {
        var protector = app.Services.GetRequiredService<PersonalDataProtector>();
        var taken = db.Set<HardshipAssessment>().Select(a => a.StudentId);
        var s = await db.Set<StudentRecord>().AsNoTracking()
            .Where(x => x.SchoolCode == CitySchool && x.Status == EnrolmentStatus.Active && x.RegistrationState == RegistrationState.Approved && !taken.Contains(x.Id))
            .OrderBy(x => x.Name).FirstAsync();
        var a = new HardshipAssessment(Guid.CreateVersion7(), s.Id, s.SchoolId, s.SchoolCode, s.ScopePath, s.Name, s.ClassName, 2026, Semester.Autumn, 1, null,
            protector.Encrypt(Family), PriorityGroups.MinimumLivingAllowance, WatchGroups.None, new DateOnly(2026, 10, 12), AidOfficer, AppServer.Now.UtcDateTime.AddDays(-1));
        db.Add(a);

        // Applications follow the school's advance notice for the year (提前告知, issue 11 item 9): the form shows once it is out.
        if (!await db.Set<HardshipNotice>().AnyAsync(n => n.SchoolCode == CitySchool && n.SchoolYear == 2026))
        {
            db.Add(new HardshipNotice(Guid.CreateVersion7(), s.SchoolId, s.SchoolCode, s.ScopePath, 2026, "本学年家庭经济困难学生认定（浏览器测试）", "家庭经济困难的在籍学生",
                "认定申请表、个人承诺书", new DateOnly(2026, 10, 8), new DateOnly(2026, 11, 8), new DateOnly(2026, 10, 6), AidOfficer, AppServer.Now.UtcDateTime.AddDays(-9)));
        }

        await db.SaveChangesAsync();
        return (a.Id, s.Name);
    });
}
