using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Policies.Domain;
using TechSchoolAid.Modules.Aid.Policies.Features;
using TechSchoolAid.Modules.Audit.Domain;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.Aid;

/// <summary>The dated aid policy tables (AID-3/4/5/7) on a real database, once per provider.</summary>
public sealed class AidPolicyDataTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    /// <summary>A valid Guangdong table for 2025 onwards: tiers 3,000 / 2,000 at 40 / 60 % → 2,400 against 2,300.</summary>
    private static AidPolicyValues Guangdong(DateOnly? from = null) => new()
    {
        ProvinceCode = "44",
        Title = "广东省2025年春季学期起",
        ValidFrom = from ?? D(2025, 1, 1),
        GrantGradeFrom = 1,
        GrantGradeTo = 3,
        GrantAverageFen = 230_000,
        Tiers = [new(300_000, 40), new(200_000, 60)],
        AllRuralAreaCodes = ["440523", "4415"],
        PublicationWorkingDays = 7,
        ObjectionAnswerWorkingDays = 5,
        Source = "粤人社函〔2025〕示例",
    };

    private static Task<T> As<TFeature, T>(TestDatabase db, Actor actor, Func<TFeature, Task<T>> f)
        where TFeature : notnull =>
        db.As(actor, sp => f(sp.GetRequiredService<TFeature>()));

    private static Task<(int Policies, int Shares, int Audit)> Counts(TestDatabase db) => db.As(Actor.System("test"), async sp =>
    {
        var ctx = sp.GetRequiredService<TsaDbContext>();
        return (await ctx.Set<AidPolicyRecord>().CountAsync(), await ctx.Set<AidCentralShare>().CountAsync(),
            await ctx.Set<AuditEvent>().IgnoreQueryFilters().CountAsync(e => e.SubjectType == "AidPolicy" || e.SubjectType == "AidCentralShare"));
    });

    [Theory]
    [BothDatabases]
    public async Task Seed_HoldsNoticeValuesAndSpring2025Change(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 1);
        var ministry = await db.ActorOf("ministry");

        var list = await As(db, ministry, (AidPolicyQueries p) => p.ListAsync(null, default));
        Assert.Equal(2, list.Count);
        var y2024 = await As(db, ministry, (AidPolicyQueries p) => p.PolicyFor("44", D(2024, 10, 1)));
        Assert.NotNull(y2024);
        Assert.True(y2024.IsNationalDefault);
        Assert.Equal(200_000, y2024.GrantAverageFen);
        Assert.Equal((1, 2), (y2024.GrantGradeFrom, y2024.GrantGradeTo));
        Assert.Equal((100_000, 300_000), (y2024.TierMinFen, y2024.TierMaxFen));
        Assert.Equal(D(2024, 5, 31), y2024.ApprovalDeadline(2024, Semester.Spring));
        Assert.Equal(D(2024, 11, 30), y2024.ApprovalDeadline(2024, Semester.Autumn));
        Assert.Equal(5, y2024.PublicationWorkingDays);
        Assert.Equal(30, y2024.CentralSharePercent); // 广东: 第四档

        var shares = await As(db, ministry, (AidPolicyQueries p) => p.SharesAsync(D(2025, 3, 1), default));
        Assert.Equal(37, shares.Count); // 32 provinces and the five 计划单列市 (国办发〔2018〕6号)
        Assert.Equal(80, shares.Single(s => s.ProvinceCode == "66" && s.CityCode == null).SharePercent);
        Assert.Equal(10, shares.Single(s => s.ProvinceCode == "11" && s.CityCode == null).SharePercent);
        Assert.Equal(60, shares.Single(s => s.ProvinceCode == "41" && s.CityCode == null).SharePercent);
        Assert.Equal(50, shares.Single(s => s.ProvinceCode == "37" && s.CityCode == null).SharePercent);
        Assert.Equal(80, shares.Single(s => s.ProvinceCode == "65" && s.CityCode == null).SharePercent);
    }

    [Theory]
    [BothDatabases]
    public async Task PolicyFor_AroundSpring2025_SwitchesToNewAverageAndGrades_ProvinceOverridesNational(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 1);
        var province = await db.ActorOf("prov-44");

        var before = await As(db, province, (AidPolicyQueries p) => p.PolicyFor("51", D(2024, 12, 31)));
        var after = await As(db, province, (AidPolicyQueries p) => p.PolicyFor("51", D(2025, 1, 1)));
        Assert.Equal((200_000, 2), (before!.GrantAverageFen, before.GrantGradeTo));
        Assert.Equal((230_000, 3), (after!.GrantAverageFen, after.GrantGradeTo));
        Assert.False(before.GrantCoversGrade(3));
        Assert.True(after.GrantCoversGrade(3));
        Assert.Null(await As(db, province, (AidPolicyQueries p) => p.PolicyFor("51", D(2023, 12, 31))));
        Assert.Null(await As(db, province, (AidPolicyQueries p) => p.PolicyFor("99", D(2025, 3, 1))));

        var created = await As(db, province, (CreateAidPolicy p) => p.HandleAsync(Guangdong(), default));
        Assert.Equal(240_000, created.ExpectedAverageFen);
        Assert.Equal(10_000, created.DifferenceFen);
        Assert.True(created.MeetsStandard);

        var guangdong = await As(db, province, (AidPolicyQueries p) => p.PolicyFor("44", D(2025, 3, 1)));
        Assert.False(guangdong!.IsNationalDefault);
        Assert.Equal(created.Id, guangdong.PolicyId);
        Assert.Equal([300_000L, 200_000L], guangdong.Tiers.Select(t => t.AmountFen));
        Assert.Equal(7, guangdong.PublicationWorkingDays);
        Assert.Equal(["440523", "4415"], guangdong.AllRuralAreaCodes);
        Assert.True((await As(db, province, (AidPolicyQueries p) => p.PolicyFor("44", D(2024, 11, 1))))!.IsNationalDefault); // before the province's row
        Assert.True((await As(db, province, (AidPolicyQueries p) => p.PolicyFor("51", D(2025, 3, 1))))!.IsNationalDefault);  // another province

        var audit = await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<AuditEvent>().IgnoreQueryFilters()
            .Where(e => e.SubjectId == created.Id.ToString()).Select(e => e.Action).ToListAsync());
        Assert.Equal(["aid_policy.created"], audit);
    }

    public static TheoryData<string, string, string> Refusals()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var provider in new[] { TestDatabase.Sqlite, TestDatabase.Postgres })
        {
            foreach (var (name, field) in new[]
            {
                ("one-tier", "tiers"), ("four-tiers", "tiers"), ("tier-3500", "tiers[0].amountFen"), ("tier-900", "tiers[1].amountFen"),
                ("overlap", "validFrom"), ("publication-4", "publicationWorkingDays"), ("unknown-county", "allRuralAreaCodes"),
                ("other-province-county", "allRuralAreaCodes"), ("shares-not-100", "tiers"),
            })
            {
                data.Add(provider, name, field);
            }
        }

        return data;
    }

    private static AidPolicyValues Bad(string name) => name switch
    {
        "one-tier" => Guangdong() with { Tiers = [new(230_000, 100)] },
        "four-tiers" => Guangdong() with { Tiers = [new(300_000, 25), new(250_000, 25), new(200_000, 25), new(150_000, 25)] },
        "tier-3500" => Guangdong() with { Tiers = [new(350_000, 50), new(200_000, 50)] },
        "tier-900" => Guangdong() with { Tiers = [new(300_000, 50), new(90_000, 50)] },
        "overlap" => Guangdong(D(2025, 6, 1)),
        "publication-4" => Guangdong() with { PublicationWorkingDays = 4 },
        "unknown-county" => Guangdong() with { AllRuralAreaCodes = ["449999"] },
        "other-province-county" => Guangdong() with { AllRuralAreaCodes = ["510104"] },
        "shares-not-100" => Guangdong() with { Tiers = [new(300_000, 50), new(200_000, 40)] },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Create_BadTable_RefusedWithReasonOnField_NothingWritten(string provider, string name, string field)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 1);
        var province = await db.ActorOf("prov-44");
        if (name == "overlap")
        {
            await As(db, province, (CreateAidPolicy p) => p.HandleAsync(Guangdong(), default));
        }

        var before = await Counts(db);
        var ex = await Assert.ThrowsAsync<AppException>(() => As(db, province, (CreateAidPolicy p) => p.HandleAsync(Bad(name), default)));
        Assert.Equal(ErrorKind.Validation, ex.Kind);
        Assert.True(ex.Errors.ContainsKey(field), $"expected an error on {field}, got {string.Join(", ", ex.Errors.Keys)}: {ex.Message}");
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", ex.Message);
        Assert.Equal(before, await Counts(db));
    }

    [Theory]
    [BothDatabases]
    public async Task Update_AuditsOldAndNew_RefusedUpdateChangesNothing(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 1);
        var province = await db.ActorOf("prov-44");
        var created = await As(db, province, (CreateAidPolicy p) => p.HandleAsync(Guangdong(), default));

        // The expected average may come down to the national floor (2,300), not below it (RulesPolicyTests).
        var updated = await As(db, province, (UpdateAidPolicy p) => p.HandleAsync(created.Id, Guangdong() with { Tiers = [new(300_000, 30), new(200_000, 70)] }, default));
        Assert.Equal(230_000, updated.ExpectedAverageFen);
        Assert.True(updated.MeetsStandard);
        Assert.Equal(0, updated.DifferenceFen);

        var before = await Counts(db);
        await Assert.ThrowsAsync<AppException>(() => As(db, province, (UpdateAidPolicy p) => p.HandleAsync(created.Id, Guangdong() with { Tiers = [new(400_000, 100)] }, default)));
        Assert.Equal(before, await Counts(db));
        Assert.Equal(230_000, (await As(db, province, (AidPolicyQueries p) => p.GetAsync(created.Id, default))).ExpectedAverageFen);

        var (oldValue, newValue) = await db.As(Actor.System("test"), async sp =>
        {
            var e = await sp.GetRequiredService<TsaDbContext>().Set<AuditEvent>().IgnoreQueryFilters()
                .Where(e => e.SubjectId == created.Id.ToString() && e.Action == "aid_policy.updated").SingleAsync();
            return (e.OldValue, e.NewValue);
        });
        Assert.Contains("\"sharePercent\":40", oldValue);
        Assert.Contains("\"sharePercent\":70", newValue);
    }

    [Theory]
    [BothDatabases]
    public async Task NationalRange_MinistryClosesAndAddsVersion_AuditedOldAndNew_BadOrForeignWriteChangesNothing(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 1);
        var ministry = await db.ActorOf("ministry");
        var province = await db.ActorOf("prov-44");
        var seeded = (await As(db, ministry, (AidPolicyQueries p) => p.RangesAsync(default))).Single(r => r.ValidTo is null); // from spring 2025
        AidNationalRangeInput Range(long min, long max, DateOnly from, DateOnly? to = null, int days = 5) =>
            new() { TierMinFen = min, TierMaxFen = max, NationalAverageFen = 230_000, MinPublicationWorkingDays = days, ValidFrom = from, ValidTo = to, Source = "测试通知" };
        Task<int> RangeRows() => db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<AidNationalRange>().CountAsync());
        Task<int> RangeEvents() => db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<AuditEvent>().IgnoreQueryFilters().CountAsync(e => e.SubjectType == "AidNationalRange"));

        // Refused whole: overlap with the open-ended seeded range, min not below max, a non-positive amount, a province caller.
        var refusals = new (Actor Who, AidNationalRangeInput Input, string Field)[]
        {
            (ministry, Range(120_000, 320_000, D(2027, 1, 1)), "validFrom"),
            (ministry, Range(300_000, 300_000, D(2020, 1, 1), D(2020, 12, 31)), "tierMaxFen"),
            (ministry, Range(-1, 300_000, D(2020, 1, 1), D(2020, 12, 31)), "tierMinFen"),
            (ministry, Range(100_000, 300_000, D(2020, 1, 1), D(2020, 12, 31), days: 0), "minPublicationWorkingDays"),
        };
        foreach (var (who, input, field) in refusals)
        {
            var ex = await Assert.ThrowsAsync<AppException>(() => As(db, who, (CreateNationalRange p) => p.HandleAsync(input, default)));
            Assert.True(ex.Errors.ContainsKey(field), $"{field}: {ex.Message}");
        }

        var forbidden = await Assert.ThrowsAsync<AppException>(() => As(db, province, (UpdateNationalRange p) => p.HandleAsync(seeded.Id, Range(100_000, 300_000, D(2025, 1, 1)), default)));
        Assert.Equal(ErrorKind.Forbidden, forbidden.Kind);
        Assert.Equal((2, 0), (await RangeRows(), await RangeEvents()));

        // A new notice from 2027: close the 2025 range, then add the new one.
        await As(db, ministry, (UpdateNationalRange p) => p.HandleAsync(seeded.Id, Range(100_000, 300_000, D(2025, 1, 1), D(2026, 12, 31)) with { Source = seeded.Source }, default));
        var added = await As(db, ministry, (CreateNationalRange p) => p.HandleAsync(Range(120_000, 350_000, D(2027, 1, 1), days: 7), default));
        Assert.Equal((3, 2), (await RangeRows(), await RangeEvents()));
        Assert.Equal(added.Id, (await As(db, ministry, (AidPolicyQueries p) => p.RangeOnAsync(D(2027, 3, 1), default)))!.Id);
        Assert.Equal(350_000, (await As(db, ministry, (AidPolicyQueries p) => p.PolicyFor("44", D(2027, 3, 1))))!.TierMaxFen);

        var (oldValue, newValue) = await db.As(Actor.System("test"), async sp =>
        {
            var e = await sp.GetRequiredService<TsaDbContext>().Set<AuditEvent>().IgnoreQueryFilters()
                .Where(e => e.SubjectId == seeded.Id.ToString() && e.Action == "aid_national_range.updated").SingleAsync();
            return (e.OldValue, e.NewValue);
        });
        Assert.DoesNotContain("validTo", oldValue); // open-ended before
        Assert.Contains("\"tierMaxFen\":300000", oldValue);
        Assert.Contains("\"validTo\":\"2026-12-31\"", newValue);
    }

    [Theory]
    [BothDatabases]
    public async Task Writers_ProvinceOnlyOwn_NationalAndSharesMinistryOnly(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 1);
        var province = await db.ActorOf("prov-44");
        var city = await db.ActorOf("city-4401");
        var ministry = await db.ActorOf("ministry");
        var before = await Counts(db);

        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<AppException>(() => As(db, province, (CreateAidPolicy p) => p.HandleAsync(Guangdong() with { ProvinceCode = "51", AllRuralAreaCodes = [] }, default)))).Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<AppException>(() => As(db, province, (UpdateAidPolicy p) => p.HandleAsync(AidPolicySeedIds.National2025, Guangdong() with { ProvinceCode = null, AllRuralAreaCodes = [] }, default)))).Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<AppException>(() => As(db, city, (CreateAidPolicy p) => p.HandleAsync(Guangdong(), default)))).Kind);
        var share = new AidCentralShareInput { ProvinceCode = "44", SharePercent = 30, ValidFrom = D(2030, 1, 1), Source = "测试" };
        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<AppException>(() => As(db, province, (CreateCentralShare p) => p.HandleAsync(share, default)))).Kind);
        Assert.Equal(before, await Counts(db));

        // The ministry: a share outside the allowed set, an overlapping one, then a valid one.
        var bad = await Assert.ThrowsAsync<AppException>(() => As(db, ministry, (CreateCentralShare p) => p.HandleAsync(share with { SharePercent = 40 }, default)));
        Assert.True(bad.Errors.ContainsKey("sharePercent"));
        var overlap = await Assert.ThrowsAsync<AppException>(() => As(db, ministry, (CreateCentralShare p) => p.HandleAsync(share with { ValidFrom = D(2029, 1, 1) }, default)));
        Assert.True(overlap.Errors.ContainsKey("validFrom")); // the seed row is open-ended
        Assert.Equal(before, await Counts(db));

        var national = await As(db, ministry, async (UpdateAidPolicy p) => await p.HandleAsync(AidPolicySeedIds.National2025, (await As(db, ministry, (AidPolicyQueries q) => q.GetAsync(AidPolicySeedIds.National2025, default))).Values with { PublicationWorkingDays = 6 }, default));
        Assert.Equal(6, national.Values.PublicationWorkingDays);
        var other = await As(db, ministry, (CreateAidPolicy p) => p.HandleAsync(Guangdong() with { ProvinceCode = "51", AllRuralAreaCodes = ["510104"] }, default));
        Assert.Equal("四川省", other.ProvinceName);
    }
}

internal static class AidPolicySeedIds
{
    public static readonly Guid National2025 = Guid.Parse("a1d00000-0000-0000-0000-000000002025");
}
