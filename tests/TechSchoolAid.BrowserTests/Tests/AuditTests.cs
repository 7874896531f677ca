using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using TechSchoolAid.Kernel;
using TechSchoolAid.Modules.Accounts.Domain;
using TechSchoolAid.Modules.Organizations.Domain;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Modules.Students.Features;
using static TechSchoolAid.BrowserTests.Infrastructure.TestData;

namespace TechSchoolAid.BrowserTests.Tests;

/// <summary>
/// Issue 13, items 8 and 9 in the browser: the province filters the audit log by a person and an action and reads the
/// change as Chinese labels and enum names, the stored JSON only behind "原始数据"; a list's 经办人 column shows the
/// person and the organisation, the account name on hover.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AuditTests(BrowserAppFixture fixture)
{
    /// <summary>市管 under city 4401; no other browser test uses its waiting registrations.</summary>
    private const string School = "44010010";

    [Fact]
    public async Task AuditLog_FilteredByPersonAndAction_ShowsChineseFieldsAndEnumNames_NoRawJson()
    {
        var (student, reviewer) = await ApproveOneAsync(fixture.App);
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            await new LoginPage(s).SignInAsync("prov-44");
            await s.GotoAsync("/audit");
            await s.WaitForHandlersAsync(s.TestId("audit-search"));
            await MudControls.TypeAsync(s.TestId("audit-person"), reviewer);
            await MudControls.SelectAsync(s.Page, s.TestId("audit-action"), "注册审核通过");
            await s.TestId("audit-search").ClickAsync();

            var row = s.Page.Locator("tr").Filter(new() { Has = s.TestId("audit-row-subject").Filter(new() { HasText = student }) }).First;
            await row.WaitForAsync();
            Assert.All(await s.TestId("audit-row-action").AllInnerTextsAsync(), a => Assert.Equal("注册审核通过", a));
            var person = row.GetByTestId("audit-row-person");
            Assert.Equal($"{reviewer} · 广州市", (await person.InnerTextAsync()).Trim());
            Assert.Contains("city-4401", await person.GetAttributeAsync("title") ?? "", StringComparison.Ordinal);

            var labels = await row.GetByTestId("audit-field-label").AllInnerTextsAsync();
            Assert.Contains("状态", labels);
            Assert.Contains("学籍号", labels);
            var state = row.Locator("[data-field=state]");
            Assert.Equal("true", await state.GetAttributeAsync("data-changed"));
            var stateText = await state.InnerTextAsync();
            Assert.Contains(RegistrationState.Submitted.ToChinese(), stateText, StringComparison.Ordinal);
            Assert.Contains(RegistrationState.Approved.ToChinese(), stateText, StringComparison.Ordinal);
            Assert.DoesNotContain("Approved", stateText, StringComparison.Ordinal);
            var table = await s.TestId("audit-table").InnerTextAsync();
            Assert.DoesNotContain("{\"", table, StringComparison.Ordinal);
            Assert.Equal(0, await s.TestId("audit-raw").CountAsync());
            await s.ShotAsync("filtered");

            // The stored JSON is one click away, for whoever needs it.
            await row.GetByTestId("audit-raw-toggle").ClickAsync();
            await Assertions.ExpectTextAsync(row.GetByTestId("audit-raw"), t => t.Contains("statusNumber", StringComparison.Ordinal), "the raw values");
            await s.Page.SetViewportSizeAsync(390, 844);
            await s.ShotAsync("filtered-390");
        });
    }

    [Fact]
    public async Task StudentList_HandlerColumn_ShowsNameAndOrganisation_AccountOnHover()
    {
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            await new LoginPage(s).SignInAsync(CityReviewer);
            await s.GotoAsync("/students");
            var first = s.TestId("person-name").First;
            await Assertions.ExpectTextAsync(first, t => t.Contains(" · ", StringComparison.Ordinal) && t.Contains("学院", StringComparison.Ordinal), "a person and the school");
            Assert.StartsWith("账号：school-", await first.GetAttributeAsync("title") ?? "", StringComparison.Ordinal);
            Assert.DoesNotContain("school-", await first.InnerTextAsync(), StringComparison.Ordinal);
            await s.ShotAsync("handlers");
            await s.Page.SetViewportSizeAsync(390, 844);
            await s.ShotAsync("handlers-390");
        });
    }

    /// <summary>The city approves one waiting registration of <see cref="School"/>, as its review page would; answers the student's name and the reviewer's.</summary>
    private static async Task<(string Student, string Reviewer)> ApproveOneAsync(AppServer app)
    {
        var (actor, student) = await app.WithDbAsync(async db =>
        {
            var user = await db.Set<UserAccount>().SingleAsync(u => u.UserName == CityReviewer);
            var org = await db.Set<Organization>().SingleAsync(o => o.Id == user.OrganizationId);
            var waiting = await db.Set<StudentRecord>().Where(r => r.SchoolCode == School && r.RegistrationState == RegistrationState.Submitted)
                .OrderBy(r => r.Name).Select(r => new { r.Id, r.Name }).FirstAsync();
            return (new Actor(user.UserName, user.DisplayName, user.Role, org.Code, org.Level, org.ScopePath, "127.0.0.1"), waiting);
        });
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = actor;
        await scope.ServiceProvider.GetRequiredService<ApproveRegistrations>().HandleAsync([student.Id], null, default);
        return (student.Name, actor.DisplayName);
    }
}
