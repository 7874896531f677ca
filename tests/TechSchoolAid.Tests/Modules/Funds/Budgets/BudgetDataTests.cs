using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Audit.Domain;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;
using TechSchoolAid.Modules.Funds.Features.Budgets;
using TechSchoolAid.Modules.Funds.Features.Performance;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.Funds.Budgets;

/// <summary>FND-1/FND-3 on a real database, once per provider: allocation down the levels, the grouped sums, the 30-day rule, the performance figures.</summary>
public sealed class BudgetDataTests
{
    private static AllocationInput Input(int year, AidItem item, FundsSource source, string to, long fen, DateOnly issued) => new()
    {
        FiscalYear = year, Item = item, Source = source, ToOrganizationCode = to, AmountFen = fen, DocumentNumber = "财教〔2026〕31号", IssuedOn = issued,
    };

    private static Task<T> As<TFeature, T>(TestDatabase db, Actor actor, Func<TFeature, Task<T>> f)
        where TFeature : notnull =>
        db.As(actor, sp => f(sp.GetRequiredService<TFeature>()));

    [Theory]
    [BothDatabases]
    public async Task AllocationDownTheLevels_SumsLatenessAndPerformance_OnTheDatabase(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 1);
        var ministry = await db.ActorOf("ministry");
        var province = await db.ActorOf("prov-44");
        var city = await db.ActorOf("city-4401");

        var central = await As(db, ministry, (RecordAllocation r) => r.HandleAsync(Input(2026, AidItem.Grant, FundsSource.Central, "44", 1_000_000, new(2026, 3, 1)), default));
        await As(db, province, (ConfirmAllocationReceipt c) => c.HandleAsync(central.Id, new ReceiptInput { ReceivedOn = new(2026, 3, 5) }, default));

        // On time (day 10), late (day 40), and the province's own share: none of these is passing-on money beyond what it received.
        var onTime = await As(db, province, (RecordAllocation r) => r.HandleAsync(Input(2026, AidItem.Grant, FundsSource.Central, "4401", 600_000, new(2026, 3, 15)), default));
        var late = await As(db, province, (RecordAllocation r) => r.HandleAsync(Input(2026, AidItem.Grant, FundsSource.Central, "4403", 300_000, new(2026, 4, 14)), default));
        await As(db, province, (RecordAllocation r) => r.HandleAsync(Input(2026, AidItem.Grant, FundsSource.Provincial, "4401", 250_000, new(2026, 3, 15)), default));
        Assert.False(onTime.IsLate);
        Assert.True(late.IsLate);
        Assert.Equal(new DateOnly(2026, 4, 4), onTime.DueOn);

        // 600 + 300 + 200 > 1,000 thousand fen received: refused, nothing written.
        var refused = await Assert.ThrowsAsync<AppException>(() =>
            As(db, province, (RecordAllocation r) => r.HandleAsync(Input(2026, AidItem.Grant, FundsSource.Central, "4405", 200_000, new(2026, 4, 20)), default)));
        Assert.True(refused.Errors!.ContainsKey("amountFen"));

        await As(db, city, (ConfirmAllocationReceipt c) => c.HandleAsync(onTime.Id, new ReceiptInput { ReceivedOn = new(2026, 3, 16) }, default));
        await As(db, city, (RecordAllocation r) => r.HandleAsync(Input(2026, AidItem.Grant, FundsSource.Central, "44010004", 400_000, new(2026, 3, 20)), default));

        var view = await As(db, province, (BudgetOverview o) => o.HandleAsync(2026, default));
        var me = view.Units.Single(u => u.Code == "44" && u.Item == AidItem.Grant);
        Assert.Equal(1_000_000, me.ReceivedFen);
        Assert.Equal(900_000, me.PassedOnFen);
        Assert.Equal(250_000, me.OwnShareFen);
        Assert.Equal(100_000, me.KeptFen);
        Assert.Equal(1, me.LateSubAllocations);
        Assert.Equal(1, me.NotPassedOnLate); // 100,000 fen still held 30 days after 5 March (today is 15 October)
        Assert.Equal(1_250_000, me.BudgetFen);
        Assert.Equal("结余 12,500.00 元", me.Balance);
        var cityUnit = view.Units.Single(u => u.Code == "4401" && u.Item == AidItem.Grant);
        Assert.Equal(850_000, cityUnit.ReceivedFen);
        Assert.Equal(400_000, cityUnit.PassedOnFen);
        Assert.Equal(850_000, cityUnit.BudgetFen);
        Assert.Contains(view.Sent, s => s.ToCode == "4403" && s.IsLate);
        Assert.True(view.Received.Single().NotPassedOnLate);

        var factor = await As(db, ministry, (CentralFactorCalculation f) => f.HandleAsync(2026, AidItem.Grant, default));
        Assert.Equal(1_000_000, factor.Provinces.Single(p => p.ProvinceCode == "44").RecordedFen);

        var national = await As(db, ministry, (PerformanceReport p) => p.HandleAsync(2026, default));
        var gd = national.Provinces.Single(p => p.Code == "44");
        Assert.Equal(1_250_000, gd.BudgetFen);
        Assert.Equal(0, gd.PaidFen);
        var own = await As(db, province, (PerformanceReport p) => p.HandleAsync(2026, default));
        Assert.Equal(400_000, own.Schools.Single(s => s.Code == "44010004").BudgetFen);

        var audit = await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<AuditEvent>().IgnoreQueryFilters()
            .CountAsync(e => e.Action == FundsAuditActions.AllocationRecorded.Code));
        Assert.Equal(5, audit);
    }

    [Fact]
    public void Lateness_IsMeasuredFromTheSendersReceipt_ThirtyDays()
    {
        Assert.False(Allocation.IsLate(new(2026, 4, 4), new(2026, 3, 5)));
        Assert.True(Allocation.IsLate(new(2026, 4, 5), new(2026, 3, 5)));
        Assert.False(Allocation.IsLate(new(2026, 12, 1), null));
    }

    [Fact]
    public void ConfirmReceipt_RefusesFutureEarlyAndTwice()
    {
        var a = new Allocation(Guid.NewGuid(), 2026, AidItem.Grant, FundsSource.Central, 1, "/", 2, "广东省", "/44/", 100, "财教〔2026〕1号", new(2026, 3, 1), null, "ministry", DateTime.UtcNow);
        var today = new DateOnly(2026, 10, 15);
        Assert.Equal("receivedOn", Assert.Throws<AppException>(() => a.ConfirmReceipt(today.AddDays(1), "prov-44", today)).Errors!.Keys.Single());
        Assert.Equal("receivedOn", Assert.Throws<AppException>(() => a.ConfirmReceipt(new(2026, 2, 28), "prov-44", today)).Errors!.Keys.Single());
        a.ConfirmReceipt(new(2026, 3, 2), "prov-44", today);
        Assert.Equal(new DateOnly(2026, 4, 1), a.PassOnDueOn);
        Assert.Equal(ErrorKind.Conflict, Assert.Throws<AppException>(() => a.ConfirmReceipt(new(2026, 3, 3), "prov-44", today)).Kind);
        Assert.Equal(ErrorKind.Conflict, Assert.Throws<AppException>(a.Cancel).Kind);
    }

    [Fact]
    public void SelfEvaluation_ScoreOutside0To100_Refused()
    {
        var e = new PerformanceSelfEvaluation(Guid.NewGuid(), 1, "/44/", 2026);
        Assert.Equal("score", Assert.Throws<AppException>(() => e.Record(101, "说明", "prov-44", DateTime.UtcNow)).Errors!.Keys.Single());
        Assert.Equal("score", Assert.Throws<AppException>(() => e.Record(-1, "说明", "prov-44", DateTime.UtcNow)).Errors!.Keys.Single());
        e.Record(100, "说明", "prov-44", DateTime.UtcNow);
        Assert.Equal(100, e.Score);
    }
}
