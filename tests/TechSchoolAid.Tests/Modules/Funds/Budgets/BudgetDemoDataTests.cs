using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Funds.Features.Budgets;
using TechSchoolAid.Modules.Funds.Features.Performance;
using TechSchoolAid.Modules.Funds.Seeding;
using TechSchoolAid.Modules.Todo;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.Funds.Budgets;

/// <summary>The demo's budgets on a real database: central money to 44 and 51, 广东's sub-allocations (one late, part not passed on), receipts to confirm, targets.</summary>
public sealed class BudgetDemoDataTests
{
    [Theory]
    [BothDatabases]
    public async Task DemoBudgets_GiveEveryLevelItsMoneyAndItsTodo(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 12);
        Assert.True(await db.As(Actor.System("test"), sp => TechSchoolAid.Seeding.AidDemoData.EnsureAsync(sp, db.Clock, default)));
        Assert.True(await db.As(Actor.System("test"), sp => FundsDemoData.EnsureAsync(sp, db.Clock, default)));
        Assert.False(await db.As(Actor.System("test"), sp => FundsDemoData.EnsureAsync(sp, db.Clock, default))); // once

        var ministry = await db.ActorOf("ministry");
        var factor = await db.As(ministry, sp => sp.GetRequiredService<CentralFactorCalculation>().HandleAsync(2026, AidItem.Waiver, default));
        var sichuan = factor.Provinces.Single(p => p.ProvinceCode == "51");
        Assert.True(sichuan.CalculatedFen > 0);
        Assert.Equal(sichuan.CalculatedFen, sichuan.RecordedFen); // the demo records the calculated amount

        var province = await db.ActorOf("prov-44");
        var view = await db.As(province, sp => sp.GetRequiredService<BudgetOverview>().HandleAsync(2026, default));
        var grant = view.Units.Single(u => u.Code == "44" && u.Item == AidItem.Grant);
        Assert.Equal(1, grant.LateSubAllocations);
        Assert.Equal(1, grant.NotPassedOnLate);
        Assert.Contains(view.Sent, s => s.ToCode == "44010001" && s.IsLate);

        var school = await db.ActorOf("school-44010004-finance");
        var todo = await db.As(school, sp => sp.GetRequiredService<TodoPanel>().ItemsAsync(default));
        Assert.Contains(todo, t => t.Title == "确认收到2026年度国家助学金资金");
        var prov51 = await db.ActorOf("prov-51");
        Assert.Contains(await db.As(prov51, sp => sp.GetRequiredService<TodoPanel>().ItemsAsync(default)), t => t.Title == "确认收到2026年度免学费资金");
        Assert.Contains(await db.As(province, sp => sp.GetRequiredService<TodoPanel>().ItemsAsync(default)), t => t.Kind == TodoKind.Late && t.Title.StartsWith("向下级分配", StringComparison.Ordinal));

        var performance = await db.As(province, sp => sp.GetRequiredService<PerformanceReport>().HandleAsync(2026, default));
        Assert.Equal(90, performance.Targets!.ExecutionRatePercent);
        Assert.Empty((await db.VerifyAuditAsync()).Problems);
    }
}
