using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using static TechSchoolAid.BrowserTests.Infrastructure.TestData;

namespace TechSchoolAid.BrowserTests.Tests;

/// <summary>AID-5/AID-6 in the browser: one full semester round from the school's list to the province's approval.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AidRoundTests(BrowserAppFixture fixture)
{
    /// <summary>The fake clock (15 October 2026) is in the autumn semester of school year 2026; its approval deadline is 30 November.</summary>
    private static readonly AidTerm Autumn2026 = new(2026, Semester.Autumn);

    private const string ProvinceSchoolUser = "school-" + ProvinceSchool;
    private const string ProvinceReviewer = "prov-44";

    /// <summary>
    /// Thursday 8 to Wednesday 14 October 2026: six working days on the official calendar (the make-up Saturday 10 October
    /// counts), ended the day before the fake clock's today.
    /// </summary>
    private static readonly DateOnly PublishedFrom = new(2026, 10, 8);
    private static readonly DateOnly PublishedTo = new(2026, 10, 14);

    [Fact]
    public async Task WaiverRound_SchoolBuildsPublishesSubmits_ProvinceApprovesWholeList_LinesShowReviewer()
    {
        const string test = nameof(WaiverRound_SchoolBuildsPublishesSubmits_ProvinceApprovesWholeList_LinesShowReviewer);
        // 44010001 is 省管: its lists go to the province. The demo data may have seeded this list; the test builds it anew.
        await fixture.App.RemoveRoundAsync(ProvinceSchool, Autumn2026, AidItem.Waiver);
        var roundId = Guid.Empty;
        var lines = 0;

        // 1. The school's administrator builds the autumn waiver list and publishes it for the policy's working days.
        await using (var s = await fixture.NewSessionAsync(test + "-1-school-builds"))
        {
            await s.RunAsync(async () =>
            {
                await new LoginPage(s).SignInAsync(ProvinceSchoolUser);
                var list = new AidRoundListPage(s);
                await list.OpenAsync();
                await s.ShotAsync("list");
                roundId = await list.CreateAsync("免学费");

                var round = new AidRoundDetailPage(s);
                await round.WaitLoadedAsync();
                await round.ExpectStateAsync("拟定中");
                Assert.Equal("2026-2027学年秋季学期 · 免学费", (await round.Title.InnerTextAsync()).Trim());
                lines = await round.EntryRows.CountAsync();
                Assert.True(lines > 0, "The demo school has no student eligible for the waiver: " + await s.SafeTextAsync());
                Assert.Equal(ProvinceSchoolUser, await round.StepAccountAsync("created"));
                Assert.Contains("5 个工作日", await round.PublicationRule.InnerTextAsync(), StringComparison.Ordinal);
                Assert.Equal(1, await round.ExportLink.CountAsync());
                await s.ShotAsync("built");

                // The dates are prefilled: today and the earliest end that has the required working days.
                Assert.StartsWith("共 5 个工作日", (await round.PublicationDays.InnerTextAsync()).Trim(), StringComparison.Ordinal);
                await round.DoAsync(round.PublishButton, "名单已在校内公示", "校内公示");
                Assert.Equal(ProvinceSchoolUser, await round.StepAccountAsync("published"));
                Assert.Contains("期满", await round.SubmitWait.InnerTextAsync(), StringComparison.Ordinal);
                Assert.Equal(0, await round.SubmitButton.CountAsync());
                await s.ShotAsync("published");
            });
        }

        // The publication period passes (moved into the past rather than moving the suite's shared clock).
        Assert.Equal(1, await fixture.App.BackdatePublicationAsync(roundId, PublishedFrom, PublishedTo));

        // 2. After the publication the school submits the list with its declared eligible count.
        await using (var s = await fixture.NewSessionAsync(test + "-2-school-submits"))
        {
            await s.RunAsync(async () =>
            {
                await new LoginPage(s).SignInAsync(ProvinceSchoolUser);
                var round = new AidRoundDetailPage(s);
                await round.OpenAsync(roundId);
                await round.ExpectStateAsync("校内公示");
                await s.ShotAsync("publication-ended");
                await round.DoAsync(round.SubmitButton, "名单已报送主管部门审核", "待审核");
                Assert.Equal(ProvinceSchoolUser, await round.StepAccountAsync("submitted"));
                Assert.Equal(0, await round.ApproveAllButton.CountAsync()); // a school never reviews its own list
                await s.ShotAsync("submitted");
            });
        }

        // 3. The province (the 省管 school's direct supervisor) finds it under 待我审核 and approves the whole list.
        await using (var s = await fixture.NewSessionAsync(test + "-3-province-approves"))
        {
            await s.RunAsync(async () =>
            {
                await new LoginPage(s).SignInAsync(ProvinceReviewer);
                var list = new AidRoundListPage(s);
                await list.OpenAsync();
                await s.WaitForHandlersAsync(list.WaitingForMe);
                await list.WaitingForMe.ClickAsync();
                await list.Row(roundId).WaitForAsync();
                await s.ShotAsync("waiting-for-me");
                await list.Row(roundId).GetByTestId("open-round").ClickAsync();

                var round = new AidRoundDetailPage(s);
                await round.WaitLoadedAsync();
                await round.ExpectStateAsync("待审核");
                await s.ShotAsync("to-review");
                await round.DoAsync(round.ApproveAllButton, "整单审核通过", "审核完成", confirm: "审核通过");
                Assert.Equal(ProvinceReviewer, await round.StepAccountAsync("reviewed"));

                var states = await round.ColumnAsync("entry-state");
                Assert.Equal(lines, states.Count);
                Assert.All(states, t => Assert.Equal("审核通过", t.Trim()));
                var reviewers = await round.ColumnAsync("entry-reviewer");
                Assert.All(reviewers, t => Assert.StartsWith(ProvinceReviewer, t.Trim(), StringComparison.Ordinal));
                await s.ShotAsync("approved");

                // The student's page shows the line with who collected, submitted and reviewed it (AID-6).
                await round.EntryRows.First.GetByTestId("entry-name").ClickAsync();
                var record = s.TestId("aid-record").Filter(new() { HasText = "免学费" }).First;
                await record.WaitForAsync();
                var text = await record.InnerTextAsync();
                Assert.Contains("审核通过", text, StringComparison.Ordinal);
                Assert.Contains(ProvinceSchoolUser, text, StringComparison.Ordinal);
                Assert.Contains(ProvinceReviewer, text, StringComparison.Ordinal);
                await s.TestId("aid-waiver").WaitForAsync();
                await s.ShotAsync("student");
            });
        }

        var entries = await fixture.App.EntriesOfAsync(roundId);
        Assert.Equal(lines, entries.Count);
        Assert.All(entries, e =>
        {
            Assert.Equal(AidEntryState.Approved, e.State);
            Assert.Equal(ProvinceReviewer, e.ReviewedBy);
        });
        Assert.Equal(AidRoundState.Reviewed, (await fixture.App.GetRoundAsync(roundId))!.State);
    }
}
