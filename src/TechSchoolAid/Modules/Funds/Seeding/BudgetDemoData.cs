using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Funds.Seeding;

/// <summary>
/// The demo's budgets for every level (a central allocation to each demo province, its sub-allocations, one of them late)
/// and the performance targets. For the current fiscal year: the ministry allocates to 广东 (44) and 四川 (51) the amount of
/// the factor calculation (a round figure where the demo has no approved line for the item); 广东 confirmed receipt 90 days
/// ago, passed most of it on to city 4401 in time and to its 省管 school 44010001 late, and still holds the rest (flagged);
/// city 4401 passed on to school 44010004, whose receipt is still to confirm (its to-do); 四川 has not confirmed yet.
/// </summary>
internal static class BudgetDemoData
{

    /// <summary>A demo figure (not a policy number) for an item with no approved line: 200,000 元.</summary>
    private const long DemoFallbackFen = 20_000_000;

    public static async Task SeedAsync(IServiceProvider sp, TimeProvider clock, CancellationToken ct)
    {
        var db = sp.GetRequiredService<TsaDbContext>();
        var facts = sp.GetRequiredService<IAidFundingFacts>();
        var orgs = await db.AllOrganizations().Where(o => o.Level == OrgLevel.Ministry || o.Code == "44" || o.Code == "51" || o.Code == "4401"
                                                          || o.Code == "44010001" || o.Code == "44010004").ToListAsync(ct);
        var ministry = orgs.FirstOrDefault(o => o.Level == OrgLevel.Ministry);
        var byCode = orgs.ToDictionary(o => o.Code);
        if (ministry is null || !byCode.ContainsKey("44") || !byCode.ContainsKey("51") || !byCode.ContainsKey("4401") || !byCode.ContainsKey("44010004"))
        {
            return;
        }

        var today = clock.Today();
        var year = today.Year;
        var now = clock.GetUtcNow().UtcDateTime;
        var issued = today.AddDays(-95);
        var received = today.AddDays(-90);
        foreach (var item in new[] { AidItem.Grant, AidItem.Waiver })
        {
            var lines = await facts.FactorLinesAsync(year, item, ct);
            foreach (var province in new[] { "44", "51" })
            {
                var calculated = lines.Where(l => l.ProvinceCode == province).Sum(l => l.AmountFen);
                var amount = calculated > 0 ? calculated : DemoFallbackFen;
                var central = Add(db, ministry, byCode[province], year, item, FundsSource.Central, amount, $"财教〔{year}〕{(item == AidItem.Grant ? 31 : 32)}号（演示）", issued, null, now);
                if (province == "51")
                {
                    continue;
                }

                central.ConfirmReceipt(received, "prov-44", today);
                var toCity = Add(db, byCode["44"], byCode["4401"], year, item, FundsSource.Central, amount * 6 / 10, $"粤财教〔{year}〕{(item == AidItem.Grant ? 101 : 102)}号（演示）",
                    received.AddDays(12), central, now);
                if (byCode.TryGetValue("44010001", out var provincial))
                {
                    // Late: 45 days after the province's receipt (the limit is 30).
                    Add(db, byCode["44"], provincial, year, item, FundsSource.Central, amount * 2 / 10, $"粤财教〔{year}〕{(item == AidItem.Grant ? 121 : 122)}号（演示）",
                        received.AddDays(45), central, now);
                }

                Add(db, byCode["44"], byCode["4401"], year, item, FundsSource.Provincial, amount / 10, $"粤财教〔{year}〕{(item == AidItem.Grant ? 103 : 104)}号（演示）",
                    received.AddDays(12), null, now);
                toCity.ConfirmReceipt(received.AddDays(15), "city-4401", today);
                Add(db, byCode["4401"], byCode["44010004"], year, item, FundsSource.Central, amount * 3 / 10, $"穗财教〔{year}〕{(item == AidItem.Grant ? 11 : 12)}号（演示）",
                    received.AddDays(20), toCity, now);
            }
        }

        var target = new PerformanceTarget(Guid.CreateVersion7(), byCode["44"].Id, byCode["44"].ScopePath, year);
        target.Set(90, 95, 100, 100, 90, "prov-44", now);
        db.Add(target);
        await db.SaveChangesAsync(ct);
    }

    private static Allocation Add(TsaDbContext db, OrgRow from, OrgRow to, int year, AidItem item, FundsSource source, long amountFen, string document,
        DateOnly issuedOn, Allocation? parent, DateTime now)
    {
        var a = new Allocation(Guid.CreateVersion7(), year, item, source, from.Id, from.ScopePath, to.Id, to.Name, to.ScopePath, amountFen, document, issuedOn,
            parent?.Id, "demo", now);
        db.Add(a);
        return a;
    }
}
