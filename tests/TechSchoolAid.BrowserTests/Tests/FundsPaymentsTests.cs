using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Domain;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Modules.Funds.Seeding;
using static TechSchoolAid.BrowserTests.Infrastructure.TestData;

namespace TechSchoolAid.BrowserTests.Tests;

/// <summary>
/// Payments in the browser (FND-1, STA-5): the demo's payments are planted (an approved grant list, cards, a batch whose
/// return file failed one line, a waiver compensation); the school's finance officer sees the batches, the failed line
/// and the compensation, opens the batch with its lines and the students left out, corrects the card on the cards page
/// and pays the line again; the school's administrator reveals a card number.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FundsPaymentsTests(BrowserAppFixture fixture)
{
    private const string Finance = "school-" + CitySchool + "-finance";

    [Fact]
    public async Task FinanceOfficer_SeesBatchAndFailedLine_CorrectsCard_PaysAgain()
    {
        await PlantAsync(fixture.App);
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            await new LoginPage(s).SignInAsync(Finance);
            await s.GotoAsync("/funds/payments");
            await s.TestId("batch-table").WaitForAsync();
            await s.TestId("failed-table").WaitForAsync();
            await Assertions.ExpectTextAsync(s.TestId("failed-table"), t => t.Contains("户名与账号不符", StringComparison.Ordinal), "the bank's reason in the failed queue");
            await s.ShotAsync("payments");

            // The term's batch (other areas' demo data may add a month's or a past year's batch beside it).
            await s.Page.Locator("tr").Filter(new() { HasText = "学年秋季学期" }).GetByTestId("batch-link").First.ClickAsync();
            await s.TestId("line-table").WaitForAsync();
            await Assertions.ExpectTextAsync(s.TestId("batch-state"), t => t == "已导入银行回盘", "the reconciled batch");
            await Assertions.ExpectTextAsync(s.TestId("excluded-list"), t => t.Contains("未登记银行卡", StringComparison.Ordinal), "the student left out for want of a card");
            await s.ShotAsync("batch");

            await s.GotoAsync("/funds/cards");
            await s.TestId("card-table").WaitForAsync();
            await s.ShotAsync("cards");
            var failedName = await fixture.App.WithDbAsync(db => Task.FromResult(db.Set<TechSchoolAid.Modules.Funds.Domain.PaymentLine>()
                .Where(l => l.State == TechSchoolAid.Modules.Funds.Contracts.PaymentLineState.Failed).Select(l => l.StudentName).First()));
            var row = s.Page.Locator("tr").Filter(new() { Has = s.Page.GetByTestId("card-student").GetByText(failedName, new() { Exact = true }) });
            await row.GetByTestId("edit-card").ClickAsync();
            await MudControls.TypeAsync(s.TestId("card-number-input"), "6222021234567890128");
            await MudControls.TypeAsync(s.TestId("card-bank"), "中国建设银行");
            await s.TestId("card-save").ClickAsync();
            await Assertions.ExpectTextAsync(row.GetByTestId("card-number"), t => t.EndsWith("0128", StringComparison.Ordinal), "the corrected card, masked");
            await s.ShotAsync("corrected");

            await s.GotoAsync("/funds/payments");
            await s.TestId("repay").ClickAsync();
            await s.TestId("failed-empty").WaitForAsync();
            await s.ShotAsync("repaid");
        });
    }

    /// <summary>Three students of the school decided 困难 for 2026 (so a grant list has lines), then the demo's payments.</summary>
    private static async Task PlantAsync(AppServer app)
    {
        var protector = app.Services.GetRequiredService<PersonalDataProtector>();
        await app.WithDbAsync(async db =>
        {
            var assessed = db.Set<HardshipAssessment>().Select(a => a.StudentId);
            var students = await db.Set<StudentRecord>().AsNoTracking()
                .Where(x => x.SchoolCode == CitySchool && x.Status == EnrolmentStatus.Active && x.RegistrationState == RegistrationState.Approved && x.IsFullTime
                            && !assessed.Contains(x.Id))
                .OrderByDescending(x => x.IntakeYear).ThenBy(x => x.Name).Take(3).ToListAsync();
            var now = AppServer.Now.UtcDateTime.AddDays(-30);
            foreach (var x in students)
            {
                var a = new HardshipAssessment(Guid.CreateVersion7(), x.Id, x.SchoolId, x.SchoolCode, x.ScopePath, x.Name, x.ClassName, 2026, Semester.Autumn, 1, null,
                    protector.Encrypt("父母务农，收入微薄（浏览器测试）"), PriorityGroups.None, WatchGroups.None, new DateOnly(2026, 9, 5), Finance, now);
                a.RecordPanel("班主任、学生代表两名", new DateOnly(2026, 9, 10), protector.Encrypt("情况属实"), Finance, now);
                a.Decide(HardshipLevel.Hardship, null, Finance, now);

                // Published and archived: only a level whose publication ended counts for aid (issue 11 item 9).
                a.Publish(new DateOnly(2026, 9, 11), new DateOnly(2026, 9, 18), Finance, now);
                a.Archive(Finance, now);
                db.Add(a);
            }

            await db.SaveChangesAsync();
            return students.Count;
        });

        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<ActorAccessor>().Actor = Actor.System("browser-tests");
        await PaymentDemoData.SeedAsync(sp, sp.GetRequiredService<TimeProvider>(), CancellationToken.None);
    }
}
