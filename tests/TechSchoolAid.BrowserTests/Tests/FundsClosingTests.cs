using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using TechSchoolAid.Kernel;
using TechSchoolAid.Modules.Funds.Domain;
using TechSchoolAid.Modules.Funds.Seeding;

namespace TechSchoolAid.BrowserTests.Tests;

/// <summary>
/// Issue 10 items 4–6 in the browser, on the funds demo data: the school's finance staff see their closed 2025 accounts,
/// the vouchers with their hashes and the recoveries; the city draws up its balancing 2025 accounts and closes the year;
/// the ministry sees every province.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FundsClosingTests(BrowserAppFixture fixture)
{
    [Fact]
    public async Task FinanceStaff_SeeAccountsVouchersRecoveries_CityClosesItsYear_MinistrySeesProvinces()
    {
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            // As the host's start does it: the demo's money is seeded by the system for every level.
            scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("browser-tests");
            await FundsDemoData.EnsureAsync(scope.ServiceProvider, fixture.App.Clock, default);
        }

        await using (var s = await fixture.NewSessionAsync())
        {
            await s.RunAsync(async () =>
            {
                await new LoginPage(s).SignInAsync("school-44010004-finance");
                await s.GotoAsync("/funds/accounts");
                await Assertions.ExpectTextAsync(s.TestId("year-state"), t => t.Contains("年度已关闭", StringComparison.Ordinal), "the demo school's 2025 is closed");
                await s.TestId("accounts-balanced").WaitForAsync();
                await s.ShotAsync("school-accounts-2025");

                await s.GotoAsync("/funds/accounts/vouchers");
                await s.TestId("voucher-year").WaitForAsync();
                await MudControls.SelectAsync(s.Page, s.TestId("voucher-year"), "2025年度");
                await s.TestId("voucher-load").ClickAsync();
                await s.TestId("voucher-row").First.WaitForAsync();
                await s.TestId("download-workfile").WaitForAsync();
                await s.ShotAsync("school-vouchers-2025");

                await s.GotoAsync("/funds/accounts/recoveries");
                await s.TestId("recoveries-table").WaitForAsync();
                await s.ShotAsync("school-recoveries");
            });
        }

        await using (var s = await fixture.NewSessionAsync())
        {
            await s.RunAsync(async () =>
            {
                await new LoginPage(s).SignInAsync("city-4401");
                await s.GotoAsync("/funds/accounts");
                await s.TestId("draw-up").WaitForAsync();
                await s.ShotAsync("city-accounts-open");
                await s.TestId("draw-up").ClickAsync();
                await s.TestId("close-year").ClickAsync();
                await Assertions.ExpectTextAsync(s.TestId("year-state"), t => t.Contains("年度已关闭", StringComparison.Ordinal), "the city's 2025 after closing");
                await s.TestId("reopen-form").WaitForAsync();
                await s.ShotAsync("city-accounts-closed");
            });
        }

        Assert.True(await fixture.App.WithDbAsync(db => db.Set<FundsYear>().AnyAsync(y => y.FiscalYear == 2025 && y.ScopePath == "/44/4401/" && y.IsClosed)));

        await using (var s = await fixture.NewSessionAsync())
        {
            await s.RunAsync(async () =>
            {
                await new LoginPage(s).SignInAsync("ministry");
                await s.GotoAsync("/funds/accounts");
                await s.TestId("province-row").First.WaitForAsync();
                await s.ShotAsync("ministry-provinces");
            });
        }
    }
}
