using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel;
using TechSchoolAid.Modules.Aid.Policies.Domain;

namespace TechSchoolAid.BrowserTests.Tests;

/// <summary>
/// The policy rules where a person sees them: the policy page compares every table with the national average standard
/// (a declared 2,299 yuan in 2028 is refused with the figures, nothing saved), the approval deadlines are shown as
/// national, and a line approved after the deadline through a reopening is marked 逾期审批 on its list's page. Each step
/// at 1440 px and at 390 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RulesPolicyTests(BrowserAppFixture fixture)
{
    private static async Task ShotsAsync(BrowserSession s, string step)
    {
        await s.ShotAsync(step + "-1440");
        await s.Page.SetViewportSizeAsync(390, 844);
        await s.ShotAsync(step + "-390");
        await s.Page.SetViewportSizeAsync(1440, 900);
    }

    [Fact]
    public async Task PolicyPage_ComparesWithTheNationalAverage_BelowTheFloorRefusedNothingSaved_DeadlinesNational()
    {
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            await new LoginPage(s).SignInAsync("prov-44");
            var page = new AidPolicyPage(s);
            await page.OpenAsync();

            // The seeded national defaults meet the national standard of their own start: 2,000 in 2024, 2,300 from 2025.
            var national = page.RowsOf("national");
            await national.First.WaitForAsync();
            Assert.True(await national.CountAsync() >= 2);
            foreach (var chip in await national.GetByTestId("row-national").AllAsync())
            {
                Assert.Equal("true", await chip.GetAttributeAsync("data-meets"));
            }

            Assert.Contains("国家 2,300 元：达标", await national.GetByTestId("row-national").First.InnerTextAsync(), StringComparison.Ordinal);
            await ShotsAsync(s, "policies");

            var stored = await s.App.WithDbAsync(db => db.Set<AidPolicyRecord>().CountAsync());
            await page.NewPolicyAsync();
            await page.FillPeriodAsync("广东省2028年度（国家标准测试）", "2028-01-01", "2028-12-31");
            await MudControls.TypeAsync(s.TestId("field-average"), "2299");
            await page.SetTiersAsync((3000, 40), (2000, 60));
            await Assertions.ExpectTextAsync(s.TestId("live-national"), t => t.Contains("国家平均资助标准 2,300 元：低 1 元", StringComparison.Ordinal), "the live comparison with the national figure");
            await Assertions.ExpectTextAsync(s.TestId("national-deadlines"), t => t.Contains("秋季学期 11月30日", StringComparison.Ordinal), "the national deadlines in the form");
            Assert.False(await page.SaveAsync(), "A table below the national average was saved.");
            await Assertions.ExpectTextAsync(page.FieldError(page.Form, "grantAverageFen"),
                t => t.Contains("平均资助标准 2,299 元低于国家平均资助标准 2,300 元", StringComparison.Ordinal), "the floor with its figures");
            await ShotsAsync(s, "below-floor-refused");
            Assert.Equal(stored, await s.App.WithDbAsync(db => db.Set<AidPolicyRecord>().CountAsync()));

            await MudControls.TypeAsync(s.TestId("field-average"), "2300");
            Assert.True(await page.SaveAsync(), "The corrected table was refused: " + await s.SafeTextAsync());
            var row = page.RowsOf("44").Filter(new() { HasText = "广东省2028年度（国家标准测试）" });
            await row.WaitForAsync();
            Assert.Equal("true", await row.GetByTestId("row-national").GetAttributeAsync("data-meets"));
            Assert.Contains("11月30日", await row.InnerTextAsync(), StringComparison.Ordinal);
            await ShotsAsync(s, "saved");
        });
    }

    [Fact]
    public async Task RoundPage_MarksTheLineApprovedAfterTheDeadline()
    {
        var roundId = await LateListAsync(fixture.App);
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            await new LoginPage(s).SignInAsync("school-44010004-aid");
            var page = new AidRoundDetailPage(s);
            await page.OpenAsync(roundId);
            var late = s.TestId("approved-late");
            await late.First.WaitForAsync();
            Assert.Equal(1, await late.CountAsync());
            Assert.Contains("逾期审批", await late.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("2025-11-30", await late.GetAttributeAsync("title") ?? "", StringComparison.Ordinal);
            Assert.True(await page.EntryRows.CountAsync() >= 2);
            await ShotsAsync(s, "late-mark");
        });
    }

    /// <summary>The demo's late list (autumn 2025 at 44010004: one line approved after 30 November through a reopening), once.</summary>
    private static async Task<Guid> LateListAsync(AppServer app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("browser-tests");
        var db = scope.ServiceProvider.GetRequiredService<TsaDbContext>();
        var existing = await db.Set<Modules.Aid.Rounds.Domain.AidRound>().IgnoreQueryFilters()
            .Where(r => r.SchoolCode == "44010004" && r.SchoolYear == 2025 && r.Semester == Modules.Aid.Contracts.Semester.Autumn).Select(r => (Guid?)r.Id).FirstOrDefaultAsync();
        return existing ?? await Seeding.AidDemoData.LateApprovedListAsync(scope.ServiceProvider, "44010004", app.Clock, default)
            ?? throw new InvalidOperationException("44010004 has no policy for autumn 2025");
    }
}
