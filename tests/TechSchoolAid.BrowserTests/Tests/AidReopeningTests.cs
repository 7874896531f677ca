using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;

namespace TechSchoolAid.BrowserTests.Tests;

/// <summary>
/// No dead end after the approval deadline (issue 13, item 1): the reviewer reads why approving is closed before
/// clicking, and the provincial administrator reopens the term on screen — a confirmation naming the lists and students,
/// cancelled once (nothing written), then confirmed — after which the reviewer can approve (at 1440 px and at 390 px).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AidReopeningTests(BrowserAppFixture fixture)
{
    /// <summary>The 省管 school 44010001: its lists go to province 44, which also reopens the term.</summary>
    private const string School = TestData.ProvinceSchool;

    private static readonly AidTerm Autumn2026 = new(2026, Semester.Autumn);

    private static readonly DateOnly Yesterday = DateOnly.FromDateTime(AppServer.Now.UtcDateTime).AddDays(-1);

    [Fact]
    public async Task LateList_ReviewerSeesWhyClosed_ProvinceReopensOnScreenAfterConfirming_ReviewerMayApprove()
    {
        const string test = nameof(LateList_ReviewerSeesWhyClosed_ProvinceReopensOnScreenAfterConfirming_ReviewerMayApprove);
        var roundId = await SubmittedListAsync();
        // The suite shares one fake clock (15 October 2026): the list's deadline moves to the day before instead.
        await fixture.App.WithDbAsync(db => db.Set<AidRound>().IgnoreQueryFilters().Where(r => r.Id == roundId)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.ApprovalDeadline, Yesterday)));
        try
        {
            await using var s = await fixture.NewSessionAsync(test);
            await s.RunAsync(async () =>
            {
                // 1. The reviewer is told before clicking: approving is closed until the province reopens the term.
                await new LoginPage(s).SignInAsync("prov-44");
                var round = new AidRoundDetailPage(s);
                await round.OpenAsync(roundId);
                var closed = s.TestId("approval-closed");
                await closed.WaitForAsync();
                Assert.Contains("须由省级人力资源社会保障部门重新开放审批", await closed.InnerTextAsync(), StringComparison.Ordinal);
                Assert.True(await round.ApproveAllButton.IsDisabledAsync());
                Assert.False(await s.TestId("return-round").IsDisabledAsync());
                await s.ShotAsync("closed-before-click");

                // 2. The province sees the late term with its lists and students, cancels a first confirmation, then reopens.
                var list = new AidRoundListPage(s);
                await list.OpenAsync();
                var row = s.Page.Locator("[data-testid=late-term][data-term='2026-2027学年秋季学期']");
                await row.WaitForAsync();
                Assert.Contains("未开放，不能审核", await row.InnerTextAsync(), StringComparison.Ordinal);
                await s.ShotAsync("late-terms");

                await s.WaitForHandlersAsync(row.GetByTestId("choose-term"));
                await row.GetByTestId("choose-term").ClickAsync();
                await s.TestId("reopen-form").WaitForAsync();
                await MudControls.TypeAsync(s.TestId("reopen-reason"), "部分学校名单报送后因系统故障未能在截止日前审核");
                await s.TestId("reopen-submit").ClickAsync();
                var dialog = s.Page.Locator(".mud-dialog");
                await dialog.WaitForAsync();
                Assert.Contains("份待审核名单", await dialog.InnerTextAsync(), StringComparison.Ordinal);
                await s.ShotAsync("confirm-reopen");
                await dialog.GetByRole(AriaRole.Button, new() { Name = "取消", Exact = true }).ClickAsync();
                await dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });
                Assert.Equal(0, await ReopeningsAsync());

                await s.TestId("reopen-submit").ClickAsync();
                await dialog.WaitForAsync();
                await dialog.GetByRole(AriaRole.Button, new() { Name = "重新开放", Exact = true }).ClickAsync();
                await MudControls.Snackbar(s.Page, "已重新开放").WaitForAsync();
                await s.TestId("reopening").First.WaitForAsync();
                Assert.Contains("部分学校名单报送后因系统故障", await s.TestId("reopenings").InnerTextAsync(), StringComparison.Ordinal);
                Assert.Contains("已开放至", await row.InnerTextAsync(), StringComparison.Ordinal);
                Assert.Equal(1, await ReopeningsAsync());
                // The list's row no longer says 已逾期: it says until when the review is open.
                await Pages.Assertions.ExpectTextAsync(list.Row(roundId), t => t.Contains("已重新开放至 2026-10-29", StringComparison.Ordinal), "the row reopened");
                await s.ShotAsync("reopened");
                await s.Page.SetViewportSizeAsync(390, 844);
                await s.ShotAsync("reopened-390");
                await s.Page.SetViewportSizeAsync(1440, 900);

                // 3. The reviewer may approve now: no warning, the buttons are enabled; approving asks first.
                await round.OpenAsync(roundId);
                Assert.Equal(0, await s.TestId("approval-closed").CountAsync());
                Assert.False(await round.ApproveAllButton.IsDisabledAsync());
                await round.DoAsync(round.ApproveAllButton, "整单审核通过", "审核完成", confirm: "审核通过");
                await s.ShotAsync("approved-after-reopening");
            });
        }
        finally
        {
            await fixture.App.RemoveRoundAsync(School, Autumn2026, AidItem.Waiver);
            await fixture.App.WithDbAsync(db => db.Set<AidDeadlineReopening>().IgnoreQueryFilters()
                .Where(x => x.ProvinceCode == "44" && x.SchoolYear == 2026 && x.Semester == Semester.Autumn).ExecuteDeleteAsync());
        }
    }

    /// <summary>The school's autumn waiver list built, published (the period moved into the past) and submitted over the API.</summary>
    private async Task<Guid> SubmittedListAsync()
    {
        await fixture.App.RemoveRoundAsync(School, Autumn2026, AidItem.Waiver);
        using var http = new HttpClient { BaseAddress = fixture.App.BaseAddress };
        using (var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = "school-" + School, password = LoginPage.DemoPassword }))
        {
            token.EnsureSuccessStatusCode();
            var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        using var created = await http.PostAsJsonAsync("/api/v1/aid-rounds", new { schoolYear = 2026, semester = "Autumn", item = "Waiver" });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("row").GetProperty("id").GetGuid();
        await StepAsync(http, id, "publication", new { from = "2026-10-15", to = "2026-10-21" });
        await fixture.App.BackdatePublicationAsync(id, new DateOnly(2026, 10, 8), new DateOnly(2026, 10, 14));
        await StepAsync(http, id, "submission", new { });
        return id;
    }

    /// <summary>A step on the list, sent with the list's version as If-Match, as a real client does.</summary>
    private static async Task StepAsync(HttpClient http, Guid id, string step, object body)
    {
        using var current = await http.GetAsync($"/api/v1/aid-rounds/{id}");
        current.EnsureSuccessStatusCode();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/aid-rounds/{id}/{step}") { Content = JsonContent.Create(body) };
        if (current.Headers.ETag is { } etag)
        {
            request.Headers.IfMatch.Add(etag);
        }

        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private Task<int> ReopeningsAsync() =>
        fixture.App.WithDbAsync(db => db.Set<AidDeadlineReopening>().IgnoreQueryFilters()
            .CountAsync(x => x.ProvinceCode == "44" && x.SchoolYear == 2026 && x.Semester == Semester.Autumn));
}
