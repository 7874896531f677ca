using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Policies.Domain;
using TechSchoolAid.Modules.Aid.Policies.Features;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Aid.Rounds.Features;
using TechSchoolAid.Modules.Audit.Domain;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.Aid;

/// <summary>
/// The policy rules of the notice as it says them, on a real database, once per provider: the national average standard
/// is a floor (人社厅函〔2024〕53号 二（一）, 财教〔2024〕181号), the approval deadlines are national and lines approved after
/// them are marked late (二（二）), the 计划单列市 carry their own central share (国办发〔2018〕6号), and every seeded policy
/// row cites its document. The clock starts on Thu 2026-10-15 (autumn 2026: approval deadline 30 November).
/// </summary>
public sealed class RulesPolicyTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static Task<T> Run<TFeature, T>(TestDatabase db, Actor actor, Func<TFeature, Task<T>> f)
        where TFeature : notnull =>
        db.As(actor, sp => f(sp.GetRequiredService<TFeature>()));

    /// <summary>A Guangdong table for one year: tiers 3,000 / 2,000 yuan at 40 / 60 % (expected 2,400).</summary>
    private static AidPolicyValues Table(int year, long average, IReadOnlyList<AidTier>? tiers = null, string? province = "44") => new()
    {
        ProvinceCode = province,
        Title = $"{year}年度",
        ValidFrom = D(year, 1, 1),
        ValidTo = D(year, 12, 31),
        GrantGradeFrom = 1,
        GrantGradeTo = year >= 2025 ? 3 : 2,
        GrantAverageFen = average,
        Tiers = tiers ?? [new(300_000, 40), new(200_000, 60)],
        PublicationWorkingDays = 5,
        ObjectionAnswerWorkingDays = 5,
        Source = "测试文件〔2026〕1号",
    };

    private static Task<(int Policies, int Ranges, int Shares, int Audit)> Counts(TestDatabase db) => db.As(Actor.System("test"), async sp =>
    {
        var ctx = sp.GetRequiredService<TsaDbContext>();
        return (await ctx.Set<AidPolicyRecord>().CountAsync(), await ctx.Set<AidNationalRange>().CountAsync(), await ctx.Set<AidCentralShare>().CountAsync(),
            await ctx.Set<AuditEvent>().IgnoreQueryFilters().CountAsync());
    });

    private static async Task<AppException> Refused(TestDatabase db, Func<Task> action)
    {
        var before = await Counts(db);
        var ex = await Assert.ThrowsAsync<AppException>(action);
        Assert.Equal(ErrorKind.Validation, ex.Kind);
        Assert.Equal(before, await Counts(db));
        return ex;
    }

    [Theory]
    [BothDatabases]
    public async Task AverageFloor_1999In2024And2299In2025_DeclaredOrExpected_RefusedWithFigures_NothingWritten(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 1);
        var province = await db.ActorOf("prov-44");
        var ministry = await db.ActorOf("ministry");

        // 2024: the floor is 2,000 yuan.
        var y2024 = await Refused(db, () => Run(db, province, (CreateAidPolicy f) => f.HandleAsync(Table(2024, 199_900), default)));
        var message = Assert.Single(y2024.Errors["grantAverageFen"]);
        Assert.Contains("平均资助标准 1,999 元低于国家平均资助标准 2,000 元", message);
        Assert.Contains("财教〔2024〕181号", message);

        // 2025: the floor is 2,300 yuan — the declared average, and the expected one (tiers × distribution).
        var declared = await Refused(db, () => Run(db, province, (CreateAidPolicy f) => f.HandleAsync(Table(2025, 229_900), default)));
        Assert.Contains("平均资助标准 2,299 元低于国家平均资助标准 2,300 元", Assert.Single(declared.Errors["grantAverageFen"]));
        var expected = await Refused(db, () => Run(db, province, (CreateAidPolicy f) => f.HandleAsync(
            Table(2025, 230_000, [new(300_000, 50), new(159_800, 50)]), default)));
        Assert.Contains(expected.Errors["tiers"], m => m.Contains("预计平均资助标准 2,299 元低于国家平均资助标准 2,300 元", StringComparison.Ordinal));
        Assert.False(expected.Errors.ContainsKey("grantAverageFen")); // the declared 2,300 is at the floor

        // The national default table follows the same rule (the ministry's own).
        var national = await Refused(db, () => Run(db, ministry, (CreateAidPolicy f) => f.HandleAsync(Table(2027, 229_900, province: null), default)));
        Assert.True(national.Errors.ContainsKey("grantAverageFen"));

        // At the floor: accepted in both years.
        var ok2024 = await Run(db, province, (CreateAidPolicy f) => f.HandleAsync(Table(2024, 200_000, [new(300_000, 25), new(200_000, 50), new(100_000, 25)]), default));
        Assert.True(ok2024.MeetsStandard);
        Assert.Equal(200_000, ok2024.NationalAverageFen);
        var ok2025 = await Run(db, province, (CreateAidPolicy f) => f.HandleAsync(Table(2025, 230_000, [new(300_000, 30), new(200_000, 70)]), default));
        Assert.True(ok2025.MeetsStandard);
        Assert.Equal(230_000, ok2025.NationalAverageFen);
    }

    [Theory]
    [BothDatabases]
    public async Task MeetsStandard_ComparesWithTheNationalFigure_NotTheTablesOwn(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 1);
        var province = await db.ActorOf("prov-44");
        var ministry = await db.ActorOf("ministry");
        var table = await Run(db, province, (CreateAidPolicy f) => f.HandleAsync(Table(2026, 230_000), default));
        Assert.True(table.MeetsStandard);
        Assert.True(table.ExpectedAverageFen > table.Values.GrantAverageFen);

        // The ministry raises the national average of the range in force to 2,500: the stored table (expected 2,400 above its
        // own 2,300) no longer meets the national standard, and the page says so.
        var range = (await Run(db, ministry, (AidPolicyQueries q) => q.RangesAsync(default))).Single(r => r.ValidTo is null);
        await Run(db, ministry, (UpdateNationalRange f) => f.HandleAsync(range.Id, new AidNationalRangeInput
        {
            TierMinFen = range.TierMinFen, TierMaxFen = range.TierMaxFen, NationalAverageFen = 250_000, MinPublicationWorkingDays = 5,
            ValidFrom = range.ValidFrom, Source = range.Source,
        }, default));
        var view = await Run(db, province, (AidPolicyQueries q) => q.GetAsync(table.Id, default));
        Assert.Equal(250_000, view.NationalAverageFen);
        Assert.Equal(10_000, view.DifferenceFen); // against its own figure it is still above
        Assert.False(view.MeetsStandard);
    }

    [Theory]
    [BothDatabases]
    public async Task Deadlines_AreNational_ProvinceCannotMoveThem_RoundsTakeTheMinistrysDate(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 12);
        var province = await db.ActorOf("prov-44");
        var ministry = await db.ActorOf("ministry");

        var moved = await Refused(db, () => Run(db, province, (CreateAidPolicy f) => f.HandleAsync(
            Table(2026, 230_000) with { AutumnApprovalDeadline = new MonthDay(12, 31) }, default)));
        var why = Assert.Single(moved.Errors["autumnApprovalDeadline"]);
        Assert.Contains("审批截止日期由国家统一规定", why);
        Assert.Contains("11月30日", why);
        Assert.Contains("人社厅函〔2024〕53号", why);

        // Repeating the national date is harmless; the table stores none of its own and shows the national ones.
        var table = await Run(db, province, (CreateAidPolicy f) => f.HandleAsync(Table(2026, 230_000) with { SpringApprovalDeadline = new MonthDay(5, 31) }, default));
        Assert.Equal<MonthDay?>(new MonthDay(11, 30), table.Values.AutumnApprovalDeadline);
        var moveOnUpdate = await Refused(db, () => Run(db, province, (UpdateAidPolicy f) => f.HandleAsync(table.Id, Table(2026, 230_000) with { SpringApprovalDeadline = new MonthDay(6, 30) }, default)));
        Assert.True(moveOnUpdate.Errors.ContainsKey("springApprovalDeadline"));

        // The ministry moves the autumn deadline on the national row: the province's policy and a new list take it.
        var range = (await Run(db, ministry, (AidPolicyQueries q) => q.RangesAsync(default))).Single(r => r.ValidTo is null);
        await Run(db, ministry, (UpdateNationalRange f) => f.HandleAsync(range.Id, new AidNationalRangeInput
        {
            TierMinFen = range.TierMinFen, TierMaxFen = range.TierMaxFen, NationalAverageFen = range.NationalAverageFen, MinPublicationWorkingDays = 5,
            SpringApprovalDeadline = new MonthDay(5, 31), AutumnApprovalDeadline = new MonthDay(12, 15), ValidFrom = range.ValidFrom, Source = range.Source,
        }, default));
        var policy = await Run(db, province, (AidPolicyQueries q) => q.PolicyFor("44", D(2026, 9, 1)));
        Assert.Equal(table.Id, policy!.PolicyId);
        Assert.Equal(D(2026, 12, 15), policy.ApprovalDeadline(2026, Semester.Autumn));
        var clerk = await db.ActorOf("school-44010004-aid");
        var round = await Run(db, clerk, (CreateAidRound f) => f.HandleAsync(new() { SchoolYear = 2026, Semester = Semester.Autumn, Item = AidItem.Waiver }, default));
        Assert.Equal(D(2026, 12, 15), round.ApprovalDeadline);
    }

    [Theory]
    [BothDatabases]
    public async Task LateApproval_OnlyThroughReopeningWithinTheTerm_MarkedOnEveryView(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 12);
        var clerk = await db.ActorOf("school-44010004-aid");
        var city = await db.ActorOf("city-4401");
        var prov = await db.ActorOf("prov-44");
        var round = await Run(db, clerk, (CreateAidRound f) => f.HandleAsync(new() { SchoolYear = 2026, Semester = Semester.Autumn, Item = AidItem.Waiver }, default));
        await Run(db, clerk, (PublishAidRound f) => f.HandleAsync(round.Id, new() { From = D(2026, 10, 15), To = D(2026, 10, 21) }, default));
        db.Clock.Advance(TimeSpan.FromDays(7));
        await Run(db, clerk, (SubmitAidRound f) => f.HandleAsync(round.Id, new(), default));
        var lines = (await Run(db, clerk, (ListAidEntries q) => q.HandleAsync(round.Id, new(), default))).Items;
        Assert.True(lines.Count >= 2, "the demo school needs two eligible students");

        // One line approved by the deadline (30 November).
        db.Clock.Advance(TimeSpan.FromDays(39)); // Mon 30 Nov
        await Run(db, city, (ReviewAidRound f) => f.HandleAsync(round.Id, new() { Decision = AidReviewDecision.Approve, EntryIds = [lines[0].Id] }, default));

        // After it: refused until the province reopens the term, and a reopening past the end of the term is refused.
        db.Clock.Advance(TimeSpan.FromDays(1)); // Tue 1 Dec
        await Assert.ThrowsAsync<AppException>(() => Run(db, city, (ReviewAidRound f) => f.HandleAsync(round.Id, new() { Decision = AidReviewDecision.Approve }, default)));
        var beyond = await Refused(db, () => Run(db, prov, (ReopenAidDeadline f) => f.HandleAsync(new()
        {
            SchoolYear = 2026, Semester = Semester.Autumn, Until = D(2027, 3, 1), Reason = "材料补正",
        }, default)));
        Assert.Contains("不能晚于2026-2027学年秋季学期结束日 2027-02-28", beyond.Errors["until"][0]);
        await Run(db, prov, (ReopenAidDeadline f) => f.HandleAsync(new() { SchoolYear = 2026, Semester = Semester.Autumn, Until = D(2027, 2, 28), Reason = "材料补正后复核" }, default));
        await Run(db, city, (ReviewAidRound f) => f.HandleAsync(round.Id, new() { Decision = AidReviewDecision.Approve }, default));

        // The round's entries, the entry detail, the student's records and the export mark the late lines, with the deadline.
        var after = (await Run(db, clerk, (ListAidEntries q) => q.HandleAsync(round.Id, new(), default))).Items;
        Assert.All(after, e => Assert.Equal(D(2026, 11, 30), e.ApprovalDeadline));
        Assert.False(after.Single(e => e.Id == lines[0].Id).ApprovedLate);
        Assert.All(after.Where(e => e.Id != lines[0].Id), e => Assert.True(e.ApprovedLate));
        var late = after.First(e => e.Id != lines[0].Id);
        Assert.True((await Run(db, clerk, (GetAidEntry q) => q.HandleAsync(late.Id, default))).ApprovedLate);
        Assert.False((await Run(db, clerk, (GetAidEntry q) => q.HandleAsync(lines[0].Id, default))).ApprovedLate);
        var record = Assert.Single(await Run(db, clerk, (StudentAidRecords q) => q.HandleAsync(late.StudentId, default)));
        Assert.True(record.ApprovedLate);
        Assert.Equal(D(2026, 11, 30), record.ApprovalDeadline);
        Assert.False(Assert.Single(await Run(db, clerk, (StudentAidRecords q) => q.HandleAsync(lines[0].StudentId, default))).ApprovedLate);

        var (bytes, _) = await Run(db, city, (ExportAidEntries f) => f.HandleAsync(round.Id, default));
        using var stream = new MemoryStream(bytes);
        var sheet = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(after.Count(e => e.ApprovedLate), sheet.Count(r => (r["逾期审批"] as string ?? "").StartsWith('是')));
        Assert.Single(sheet, r => r["逾期审批"] as string == "否");
        Assert.All(sheet, r => Assert.Contains("2026", Convert.ToString(r["审批截止日期"], System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    [Theory]
    [BothDatabases]
    public async Task DemoData_ShowsOneLateApprovalThroughAReopening(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 12);
        Assert.True(await db.As(Actor.System("test"), sp => TechSchoolAid.Seeding.AidDemoData.EnsureAsync(sp, db.Clock, default)));
        var clerk = await db.ActorOf("school-44010004-aid");
        var rounds = await Run(db, clerk, (ListAidRounds q) => q.HandleAsync(new() { SchoolYear = 2025, Semester = Semester.Autumn }, default));
        var round = Assert.Single(rounds.Items);
        Assert.Equal(AidRoundState.Reviewed, round.State);
        var lines = (await Run(db, clerk, (ListAidEntries q) => q.HandleAsync(round.Id, new(), default))).Items;
        Assert.Single(lines, e => e.ApprovedLate);
        Assert.True(lines.Count(e => e.State == AidEntryState.Approved) >= 2);
        var reopened = await Run(db, clerk, (GetAidRound q) => q.HandleAsync(round.Id, default));
        Assert.Equal(D(2025, 12, 15), reopened.ReopenedUntil);
    }

    [Theory]
    [BothDatabases]
    public async Task PlanCities_CarryTheirOwnShare_DalianAndShenzhenDifferFromProvinceWhereDataSays_OtherCitiesRefused(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 12);
        var ministry = await db.ActorOf("ministry");
        var date = D(2026, 9, 1);
        Task<int?> Share(string p, string? c) => Run(db, ministry, (AidPolicyQueries q) => q.CentralSharePercentFor(p, c, date));

        // Seeded from 国办发〔2018〕6号: 大连 30 % in 辽宁 (50 %), 青岛 30 % in 山东 (50 %), 厦门 30 % in 福建 (50 %);
        // 深圳 and 宁波 are in the same 30 % group as 广东 and 浙江; a city without a row follows its province.
        Assert.Equal((30, 50), (await Share("21", "2102"), await Share("21", null)));
        Assert.Equal((30, 50), (await Share("37", "3702"), await Share("37", null)));
        Assert.Equal((30, 50), (await Share("35", "3502"), await Share("35", "3501")));
        Assert.Equal((30, 30), (await Share("44", "4403"), await Share("44", "4401")));

        // Only a 计划单列市 may have a row of its own; refused in Chinese, nothing written.
        var guangzhou = await Refused(db, () => Run(db, ministry, (CreateCentralShare f) => f.HandleAsync(new AidCentralShareInput
        {
            ProvinceCode = "44", CityCode = "4401", SharePercent = 50, ValidFrom = D(2030, 1, 1), Source = "测试",
        }, default)));
        Assert.Contains("不是计划单列市", guangzhou.Errors["cityCode"][0]);
        var wrongProvince = await Refused(db, () => Run(db, ministry, (CreateCentralShare f) => f.HandleAsync(new AidCentralShareInput
        {
            ProvinceCode = "45", CityCode = "4403", SharePercent = 50, ValidFrom = D(2030, 1, 1), Source = "测试",
        }, default)));
        Assert.True(wrongProvince.Errors.ContainsKey("cityCode"));

        // Where the data says 深圳 differs (the ministry records a new group from 2026), a 深圳 school's share differs from
        // 广东's: in the policy queries and in Funds' factor calculation.
        var shenzhen = (await Run(db, ministry, (AidPolicyQueries q) => q.SharesAsync(null, default))).Single(s => s.CityCode == "4403");
        Assert.Equal("深圳市", shenzhen.CityName);
        await Run(db, ministry, (UpdateCentralShare f) => f.HandleAsync(shenzhen.Id, new AidCentralShareInput
        {
            ProvinceCode = "44", CityCode = "4403", SharePercent = 30, ValidFrom = shenzhen.ValidFrom, ValidTo = D(2025, 12, 31), Source = shenzhen.Source,
        }, default));
        await Run(db, ministry, (CreateCentralShare f) => f.HandleAsync(new AidCentralShareInput
        {
            ProvinceCode = "44", CityCode = "4403", SharePercent = 50, ValidFrom = D(2026, 1, 1), Source = "测试文件〔2026〕1号",
        }, default));
        Assert.Equal((50, 30), (await Share("44", "4403"), await Share("44", null)));
        Assert.Equal(30, await Run(db, ministry, (AidPolicyQueries q) => q.CentralSharePercentFor("44", "4403", D(2025, 6, 1))));

        await db.As(Actor.System("test"), sp => TechSchoolAid.Seeding.AidDemoData.ApproveListAsync(sp, "44030005", AidItem.Waiver, "city-4403", db.Clock, default));
        await db.As(Actor.System("test"), sp => TechSchoolAid.Seeding.AidDemoData.ApproveListAsync(sp, "44010004", AidItem.Waiver, "city-4401", db.Clock, default));
        var factors = await db.As(ministry, sp => sp.GetRequiredService<IAidFundingFacts>().FactorLinesAsync(2026, AidItem.Waiver, default));
        var guangdong = factors.Where(l => l.ProvinceCode == "44").ToList();
        Assert.Contains(guangdong, l => l.CentralSharePercent == 50);
        Assert.Contains(guangdong, l => l.CentralSharePercent == 30);
    }

    [Theory]
    [BothDatabases]
    public async Task SeededPolicyRows_CiteTheirDocument_NeverARequirementId(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 1);
        var sources = await db.As(Actor.System("test"), async sp =>
        {
            var ctx = sp.GetRequiredService<TsaDbContext>();
            return (await ctx.Set<AidPolicyRecord>().Select(p => p.Source).ToListAsync())
                .Concat(await ctx.Set<AidNationalRange>().Select(r => r.Source).ToListAsync())
                .Concat(await ctx.Set<AidCentralShare>().Select(s => s.Source).ToListAsync())
                .ToList();
        });
        Assert.True(sources.Count >= 2 + 2 + 37, string.Join("\n", sources));
        var document = new Regex(@"〔\d{4}〕\d+号", RegexOptions.CultureInvariant);
        Assert.All(sources, s => Assert.Matches(document, s));
        Assert.All(sources, s => Assert.DoesNotMatch(new Regex(@"\b[A-Z]{2,4}-\d+\b|需求", RegexOptions.CultureInvariant), s));
    }
}
