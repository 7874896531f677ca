using Microsoft.EntityFrameworkCore;
using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.StatusChanges.Domain;

namespace TechSchoolAid.BrowserTests.Tests;

/// <summary>
/// Issue 13, items 7 and 2 in the browser: a 休学 entered with its period and its evidence on the form, "保存并录入下一个"
/// landing on the next entry with a clean form; an approval held back by missing evidence, saying what is missing before
/// anyone clicks.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StatusChangeEvidenceTests(BrowserAppFixture fixture)
{
    /// <summary>A 市管 school of city 4403 with no demo changes, so these tests take none of 44010004's few free students.</summary>
    private const string School = "44030005";
    private const string SchoolUser = "school-" + School;
    private const string Reviewer = "city-4403";

    private static Task<(StatusChange? Change, int Files)> ChangeOfAsync(AppServer app, Guid student, StatusChangeKind kind) =>
        app.WithDbAsync(async db =>
        {
            var change = await db.Set<StatusChange>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.StudentId == student && c.Kind == kind);
            var files = change is null ? 0 : await db.Set<StatusChangeEvidence>().IgnoreQueryFilters().CountAsync(e => e.ChangeId == change.Id);
            return (change, files);
        });

    [Fact]
    public async Task Suspension_WithPeriodAndEvidence_SaveAndNext_LandsOnTheNextEntry_WithACleanForm()
    {
        const string test = nameof(Suspension_WithPeriodAndEvidence_SaveAndNext_LandsOnTheNextEntry_WithACleanForm);
        var student = await fixture.App.FreeActiveStudentAsync(School);
        await using var s = await fixture.NewSessionAsync(test);
        await s.RunAsync(async () =>
        {
            await new LoginPage(s).SignInAsync(SchoolUser);
            await new StudentDetailPage(s).OpenAsync(student.Id);
            var entry = new StatusChangeEntryPage(s);
            await entry.OpenFromStudentAsync(student.Id);

            // A first try with the period missing: the form names the field, nothing is saved.
            await entry.FillAsync("休学", new DateOnly(2026, 10, 12), "因病住院治疗，监护人申请休学一学期（浏览器测试）", expectedReturn: new DateOnly(2026, 10, 12));
            await Assertions.ExpectTextAsync(entry.EvidenceRule, t => t.Contains("审批前须上传：本人及监护人的休学申请", StringComparison.Ordinal), "the evidence the kind requires");
            await entry.SaveButton.ClickAsync();
            await s.Page.GetByText("预计复学日期应晚于休学生效日期 2026-10-12").WaitForAsync();
            Assert.Null((await ChangeOfAsync(fixture.App, student.Id, StatusChangeKind.Suspension)).Change);

            await MudControls.TypeAsync(entry.ExpectedReturn, "2027-03-01");
            await entry.AttachAsync("休学申请及诊断证明.png");
            await s.ShotAsync("filled-1440");
            await s.Page.SetViewportSizeAsync(390, 844);
            await s.ShotAsync("filled-390");
            await s.Page.SetViewportSizeAsync(1440, 900);

            Assert.True(await entry.SaveAndNextAsync(), "The suspension was refused: " + await s.SafeTextAsync());
            var (change, files) = await ChangeOfAsync(fixture.App, student.Id, StatusChangeKind.Suspension);
            Assert.Equal(new DateOnly(2027, 3, 1), change!.ExpectedReturnOn);
            Assert.Equal(1, files);
            Assert.Equal(StatusChangeState.Draft, change.State);
            await s.ShotAsync("next-entry");

            // The next student's form: no value, file or error of the previous one.
            var next = await fixture.App.FreeActiveStudentAsync(School);
            await entry.OpenAsync(next.Id);
            Assert.Equal(0, await s.Page.Locator(".mud-input-error").CountAsync());
            Assert.Equal(0, await entry.ChosenEvidence.CountAsync());
            Assert.Equal(0, await entry.ExpectedReturn.CountAsync());
            Assert.Equal(0, await entry.FormError.CountAsync());
            await s.ShotAsync("clean-form");

            // The saved change shows its period and its file.
            var detail = new StatusChangeDetailPage(s);
            await detail.OpenAsync(change.Id);
            Assert.Equal("2027-03-01", (await detail.Value("预计复学日期").InnerTextAsync()).Trim());
            Assert.Equal(1, await s.TestId("evidence-row").CountAsync());
            await s.ShotAsync("detail-1440");
        });
    }

    [Fact]
    public async Task Withdrawal_WithoutItsApplication_ApproveDisabled_AndSaysWhatIsMissing()
    {
        const string test = nameof(Withdrawal_WithoutItsApplication_ApproveDisabled_AndSaysWhatIsMissing);
        var student = await fixture.App.FreeActiveStudentAsync(School);
        var id = Guid.Empty;
        await using (var s = await fixture.NewSessionAsync(test + "-school"))
        {
            await s.RunAsync(async () =>
            {
                await new LoginPage(s).SignInAsync(SchoolUser);
                await new StudentDetailPage(s).OpenAsync(student.Id);
                var entry = new StatusChangeEntryPage(s);
                await entry.OpenFromStudentAsync(student.Id);
                await entry.FillAsync("退学", new DateOnly(2026, 10, 12), "本人及监护人申请退学（浏览器测试）");
                var saved = await entry.SaveAndSubmitAsync();
                Assert.True(saved is not null, "The withdrawal was refused: " + await s.SafeTextAsync());
                id = saved.Value;
            });
        }

        await using (var s = await fixture.NewSessionAsync(test + "-city"))
        {
            await s.RunAsync(async () =>
            {
                await new LoginPage(s).SignInAsync(Reviewer);
                var detail = new StatusChangeDetailPage(s);
                await detail.OpenAsync(id);
                await detail.ApproveButton.WaitForAsync();
                Assert.True(await detail.ApproveButton.IsDisabledAsync());
                Assert.Contains("缺少：本人及监护人的退学申请", await s.TestId("approve-blocked").InnerTextAsync(), StringComparison.Ordinal);
                Assert.Contains("缺少：本人及监护人的退学申请", await s.TestId("evidence-missing").InnerTextAsync(), StringComparison.Ordinal);
                await s.ShotAsync("blocked-1440");
                await s.Page.SetViewportSizeAsync(390, 844);
                await s.ShotAsync("blocked-390");
            });
        }

        Assert.Equal(StatusChangeState.Submitted, (await fixture.App.GetStatusChangeAsync(id))!.State);
    }
}
