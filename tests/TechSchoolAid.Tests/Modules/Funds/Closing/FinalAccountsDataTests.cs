using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Funds.Domain;
using TechSchoolAid.Modules.Funds.Features;
using TechSchoolAid.Modules.Funds.Features.Closing;
using TechSchoolAid.Modules.Funds.Seeding;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.Funds.Closing;

/// <summary>
/// The final accounts on a real database, once per provider, over the closing demo data: the school's 2025 drawn up and
/// closed (the guard then refuses its writes), the grant passed down the chain balancing at every level, the ministry's
/// provinces table grouping by the path's province segment on both databases.
/// </summary>
public sealed class FinalAccountsDataTests
{
    private static readonly Actor Ministry = new("ministry", "部资助办", Role.MinistryAdmin, "000000", OrgLevel.Ministry, "/", null);

    [Theory]
    [BothDatabases]
    public async Task DemoYear_BalancesAtEveryLevel_SchoolClosed_GuardRefuses_ProvincesTableAddsUp(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await db.As(Actor.System("test"), sp => FundsDemoData.EnsureAsync(sp, db.Clock, default));

        var school = await db.As(Ministry, sp => sp.GetRequiredService<GetFinalAccounts>().HandleAsync("44010004", 2025, default));
        Assert.True(school.IsClosed);
        Assert.True(school.Balances, string.Join("；", school.Mismatches));
        Assert.Equal(school.Computed.ReceivedFen, school.Computed.PaidFen + school.Computed.ReturnedFen + school.Computed.BalanceFen);
        Assert.True(school.Computed.PaidFen > 0);

        var city = await db.As(Ministry, sp => sp.GetRequiredService<GetFinalAccounts>().HandleAsync("4401", 2025, default));
        Assert.Equal(city.Computed.ReceivedFen, city.Computed.PaidFen);
        Assert.Contains(city.Mismatches, m => m.Contains("尚未编制决算", StringComparison.Ordinal));
        Assert.True(city.ClosedAbove is false && city.IsClosed is false);

        var ex = await Assert.ThrowsAsync<AppException>(() => db.As(Ministry, async sp =>
        {
            await sp.GetRequiredService<FundsYearGuard>().EnsureOpenAsync("/44/4401/44010004/", 2025, default);
            return 0;
        }));
        Assert.Equal(ErrorKind.Conflict, ex.Kind);
        Assert.Contains("已关闭", ex.Message, StringComparison.Ordinal);

        var table = await db.As(Ministry, sp => sp.GetRequiredService<GetProvinceAccounts>().HandleAsync(2025, default));
        var guangdong = table.Rows.Single(r => r.ProvinceCode == "44");
        Assert.Equal(school.Computed.ReceivedFen, guangdong.Figures.ReceivedFen); // entering the province once, not once per level
        Assert.Equal(school.Computed.PaidFen, guangdong.Figures.PaidFen);
        Assert.Equal(school.Computed.ReturnedFen, guangdong.Figures.ReturnedFen);
        Assert.Equal(table.Rows.Sum(r => r.Figures.PaidFen), table.Total.PaidFen);

        var vouchers = await db.As(Ministry, sp => sp.GetRequiredService<ListFundsVouchers>().HandleAsync("44010004", 2025, default));
        Assert.All(vouchers.Owners.SelectMany(o => o.Vouchers), v => Assert.Equal(64, v.Sha256.Length));
        Assert.True(vouchers.IsClosed);
    }

    [Theory]
    [InlineData("2026-10-01", "2026-10-31", "2026-10-12", 31_000, 19_000)] // 13–31 October
    [InlineData("2026-11-01", "2026-11-30", "2026-10-12", 20_000, 20_000)] // a month after the change: all of it
    [InlineData("2026-09-01", "2026-09-30", "2026-10-12", 20_000, 0)]      // ended before the change: nothing
    [InlineData("2026-10-01", "2026-10-31", "2026-10-31", 31_000, 0)]      // the change on the last day
    public void AmountAfter_IsTheShareOfThePeriodsDaysAfterTheChange(string start, string end, string change, long amount, long expected) =>
        Assert.Equal(expected, PaymentRecovery.AmountAfter(amount, DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(change, System.Globalization.CultureInfo.InvariantCulture)));
}
