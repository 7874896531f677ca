using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Eligibility;
using TechSchoolAid.Modules.Aid.Policies.Domain;
using TechSchoolAid.Modules.Aid.Policies.Features;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Aid.Rounds.Features;
using TechSchoolAid.Modules.Aid.Rounds.Features.Oversight;
using TechSchoolAid.Modules.Audit.Domain;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.Aid;

/// <summary>
/// Issue 11, items 3, 6, 7 and the 戏曲表演 half of 12, on both databases: 县镇 households (waiver yes, designated-area
/// grant no), the seeded designated areas and a province's own, 戏曲表演 as a waiver group of its own, and the funding
/// gap by its causes. The clock starts on Thu 2026-10-15 (autumn 2026, approval deadline 30 November).
/// </summary>
public sealed class RulesAreasTests
{
    private const string School = "44010004"; // 市管, city 4401, province 44 (central share 30 %)
    private const string Clerk = "school-44010004-aid";
    private const string City = "city-4401";
    private const string Luding = "513322"; // 泸定县, 甘孜藏族自治州: one of the 四省涉藏州县
    private const long Tuition44010004 = 330_000;

    private static readonly AidTerm Autumn2026 = new(2026, Semester.Autumn);

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static Task<T> Run<TFeature, T>(TestDatabase db, Actor actor, Func<TFeature, Task<T>> f)
        where TFeature : notnull =>
        db.As(actor, sp => f(sp.GetRequiredService<TFeature>()));

    private static Task<AidEligibilityExplanation> Explain(TestDatabase db, Actor actor, Guid id) =>
        db.As(actor, sp => sp.GetRequiredService<AidEligibilityRules>().ExplainAsync(id, Autumn2026, null, default));

    private static Task<List<StudentAidFacts>> StudentsAsync(TestDatabase db, string school = School) =>
        db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().StudentAidFactsInScope()
            .Where(s => s.SchoolCode == school && s.RegistrationApproved && s.Status == EnrolmentStatus.Active).OrderBy(s => s.Id).ToListAsync());

    /// <summary>Full-time, grade 1–2, no hardship decision: students whose grant and waiver hang on the household and the major alone.</summary>
    private static async Task<List<StudentAidFacts>> PlainStudentsAsync(TestDatabase db, Actor clerk)
    {
        var plain = new List<StudentAidFacts>();
        foreach (var s in await StudentsAsync(db))
        {
            if ((await Explain(db, clerk, s.Id)).HardshipLevel is null or "不认定")
            {
                plain.Add(s);
            }
        }

        return plain;
    }

    private static Task Shape(TestDatabase db, Guid id, Household household, string? county = null, bool agri = false, MajorArts arts = MajorArts.None) =>
        db.AsSystemAsync(async (ctx, _) =>
        {
            var q = ctx.Set<StudentRecord>().Where(s => s.Id == id);
            await q.ExecuteUpdateAsync(u => u.SetProperty(s => s.Household, household).SetProperty(s => s.MajorIsAgricultural, agri)
                .SetProperty(s => s.MajorArts, arts).SetProperty(s => s.IsFullTime, true).SetProperty(s => s.HoldsPlace, true));
            if (county is not null)
            {
                await q.ExecuteUpdateAsync(u => u.SetProperty(s => s.HouseholdCountyCode, county));
            }
        });

    private static Task<(int Areas, int Audit)> Counts(TestDatabase db) => db.As(Actor.System("test"), async sp =>
    {
        var ctx = sp.GetRequiredService<TsaDbContext>();
        return (await ctx.Set<DesignatedArea>().CountAsync(), await ctx.Set<AuditEvent>().IgnoreQueryFilters().CountAsync());
    });

    private static async Task<AppException> Refused(TestDatabase db, Func<Task> action)
    {
        var before = await Counts(db);
        var ex = await Assert.ThrowsAsync<AppException>(action);
        Assert.Equal(before, await Counts(db));
        return ex;
    }

    [Theory]
    [BothDatabases]
    public async Task CountyTown_GetsTheWaiver_ButNotTheDesignatedAreaGrant(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 12);
        var clerk = await db.ActorOf(Clerk);
        var s = (await PlainStudentsAsync(db, clerk))[0];

        // 县镇 in 泸定县: the waiver's 「农村（含县镇）」 includes it, the grant's 「农村学生（不含县城）」 does not.
        await Shape(db, s.Id, Household.CountyTown, Luding);
        var town = await Explain(db, clerk, s.Id);
        Assert.True(town.Waiver.Eligible);
        Assert.Contains(town.Waiver.Reasons, r => r.StartsWith("县镇户籍，属于免学费的“农村（含县镇）”学生", StringComparison.Ordinal) && r.Contains("财教〔2012〕376号", StringComparison.Ordinal));
        Assert.False(town.Grant.Eligible);
        Assert.Contains(town.Grant.Reasons, r => r.Contains("四省涉藏州县", StringComparison.Ordinal) && r.Contains("不含县城", StringComparison.Ordinal)
                                                 && r.Contains("县镇户籍不在其内", StringComparison.Ordinal) && r.Contains("财教〔2019〕25号", StringComparison.Ordinal));

        // The same student as 农村: grant-eligible by the seeded area alone, no province typed a code.
        await Shape(db, s.Id, Household.Rural, Luding);
        var rural = await Explain(db, clerk, s.Id);
        Assert.True(rural.Grant.Eligible);
        Assert.Contains(rural.Grant.Reasons, r => r.StartsWith("农村户籍（不含县城），户籍所在县区 513322 属于四省涉藏州县", StringComparison.Ordinal));
        Assert.True(rural.Waiver.Eligible);

        // 城市 of the same county: neither.
        await Shape(db, s.Id, Household.Urban, Luding);
        var urban = await Explain(db, clerk, s.Id);
        Assert.False(urban.Grant.Eligible);
        Assert.False(urban.Waiver.Eligible);
    }

    [Theory]
    [BothDatabases]
    public async Task DesignatedAreas_AreSeededDated_AndAProvinceAddsItsOwn(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 12);
        var system = Actor.System("test");
        var autumn2026 = await db.As(system, sp => sp.GetRequiredService<IDesignatedAreas>().CountiesInForceAsync("44", Autumn2026.StartsOn, default));
        Assert.Equal("西藏自治区", autumn2026["540102"].Name);
        Assert.Equal("四省涉藏州县", autumn2026["513422"].Name); // 木里藏族自治县
        Assert.Equal("四省涉藏州县", autumn2026["620623"].Name); // 天祝藏族自治县
        Assert.Equal("新疆南疆四地州", autumn2026["652901"].Name); // 阿克苏市: 四地州 since 2019
        Assert.False(autumn2026.ContainsKey("510104")); // 成都锦江区
        Assert.False(autumn2026.ContainsKey("513401")); // 西昌市: 凉山 is not 涉藏 except 木里
        var autumn2015 = await db.As(system, sp => sp.GetRequiredService<IDesignatedAreas>().CountiesInForceAsync("44", D(2015, 9, 1), default));
        Assert.False(autumn2015.ContainsKey("652901")); // 南疆三地州 then: 阿克苏 not yet
        Assert.Equal("新疆南疆三地州", autumn2015["653101"].Name);

        var areas = await Run(db, system, (DesignatedAreaQueries q) => q.ListAsync(null, default));
        Assert.All(areas, a => Assert.Contains("财教", a.Source, StringComparison.Ordinal));
        Assert.All(areas, a => Assert.Null(a.ProvinceCode));

        // A province adds an area of its own (南山区 here): its rural students then qualify, the audit records it.
        var clerk = await db.ActorOf(Clerk);
        var prov = await db.ActorOf("prov-44");
        var s = (await PlainStudentsAsync(db, clerk))[0];
        await Shape(db, s.Id, Household.Rural, "440305");
        Assert.False((await Explain(db, clerk, s.Id)).Grant.Eligible);
        var input = new DesignatedAreaInput
        {
            ProvinceCode = "44", Name = "省定帮扶县", Kind = DesignatedAreaKind.Province, CountyCodes = ["440305"],
            ValidFrom = D(2026, 9, 1), Source = "粤财教〔2026〕1号（测试）",
        };
        var created = await Run(db, prov, (CreateDesignatedArea w) => w.HandleAsync(input, default));
        Assert.Equal(["edit"], created.Actions);
        var now = await Explain(db, clerk, s.Id);
        Assert.True(now.Grant.Eligible);
        Assert.Contains(now.Grant.Reasons, r => r.Contains("属于本省确定的省定帮扶县", StringComparison.Ordinal));
        var audit = await db.As(system, sp => sp.GetRequiredService<TsaDbContext>().Set<AuditEvent>().IgnoreQueryFilters()
            .Where(e => e.SubjectId == created.Id.ToString()).Select(e => e.Action).ToListAsync());
        Assert.Equal(["aid_designated_area.created"], audit);

        // Bad inputs, each refused in Chinese naming the field, nothing written.
        var national = await Refused(db, () => Run(db, prov, (CreateDesignatedArea w) => w.HandleAsync(input with { ProvinceCode = null, Kind = DesignatedAreaKind.Tibet }, default)));
        Assert.Equal(ErrorKind.Forbidden, national.Kind);
        var other = await Refused(db, () => Run(db, prov, (CreateDesignatedArea w) => w.HandleAsync(input with { ProvinceCode = "51", CountyCodes = ["510104"] }, default)));
        Assert.Equal(ErrorKind.Forbidden, other.Kind);
        var badCounty = await Refused(db, () => Run(db, prov, (CreateDesignatedArea w) => w.HandleAsync(input with { CountyCodes = ["449999"] }, default)));
        Assert.Contains("县级行政区划代码不存在：449999", badCounty.Errors["countyCodes"][0], StringComparison.Ordinal);
        var noSource = await Refused(db, () => Run(db, prov, (CreateDesignatedArea w) => w.HandleAsync(input with { Source = " " }, default)));
        Assert.Contains("依据文件", noSource.Errors["source"][0], StringComparison.Ordinal);
        var kind = await Refused(db, () => Run(db, prov, (CreateDesignatedArea w) => w.HandleAsync(input with { Kind = DesignatedAreaKind.Tibet }, default)));
        Assert.Contains("省定地区", kind.Errors["kind"][0], StringComparison.Ordinal);
        var city = await db.ActorOf(City);
        await Refused(db, () => Run(db, city, (CreateDesignatedArea w) => w.HandleAsync(input, default)));
        var stale = await Refused(db, () => Run(db, prov, (UpdateDesignatedArea w) => w.HandleAsync(created.Id, input with { Version = created.Version + 5 }, default)));
        Assert.Equal(ErrorKind.Conflict, stale.Kind);

        // The ministry edits a national area; the province may not.
        var tibet = areas.Single(a => a.Kind == DesignatedAreaKind.Tibet);
        var tibetInput = new DesignatedAreaInput
        {
            Name = tibet.Name, Kind = tibet.Kind, CountyCodes = tibet.CountyCodes, ValidFrom = tibet.ValidFrom, Source = tibet.Source, Version = tibet.Version,
        };
        Assert.Equal(ErrorKind.Forbidden, (await Refused(db, () => Run(db, prov, (UpdateDesignatedArea w) => w.HandleAsync(tibet.Id, tibetInput, default)))).Kind);
        var ministry = await db.ActorOf("ministry");
        var edited = await Run(db, ministry, (UpdateDesignatedArea w) => w.HandleAsync(tibet.Id, tibetInput with { ValidTo = D(2030, 12, 31) }, default));
        Assert.Equal(D(2030, 12, 31), edited.ValidTo);
        Assert.Equal(tibet.Version + 1, edited.Version);
    }

    [Theory]
    [BothDatabases]
    public async Task TraditionalOpera_IsAWaiverGroupOfItsOwn(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 12);
        var clerk = await db.ActorOf(Clerk);
        var s = (await PlainStudentsAsync(db, clerk))[0];

        // 城市, not 涉农, no hardship: only the 戏曲表演 rule can give the waiver.
        await Shape(db, s.Id, Household.Urban, arts: MajorArts.TraditionalOpera);
        var opera = await Explain(db, clerk, s.Id);
        Assert.True(opera.Waiver.Eligible);
        Assert.Contains(opera.Waiver.Reasons, r => r.StartsWith("戏曲表演专业", StringComparison.Ordinal) && r.Contains("不论户籍和家庭经济状况", StringComparison.Ordinal)
                                                  && r.Contains(AidEligibilityRules.OperaSource, StringComparison.Ordinal));
        Assert.False(opera.Grant.Eligible);

        // Other 艺术类表演 students stay excluded even when 农村.
        await Shape(db, s.Id, Household.Rural, arts: MajorArts.PerformingArts);
        var dancer = await Explain(db, clerk, s.Id);
        Assert.False(dancer.Waiver.Eligible);
        Assert.Contains(dancer.Waiver.Reasons, r => r.StartsWith("艺术类表演专业", StringComparison.Ordinal) && r.Contains("戏曲表演专业除外", StringComparison.Ordinal));
    }

    [Theory]
    [BothDatabases]
    public async Task FundingGap_NamesItsCauses_UndeclaredLateAndDeclaredVersusApproved(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 12);
        var clerk = await db.ActorOf(Clerk);
        var city = await db.ActorOf(City);
        var plain = await PlainStudentsAsync(db, clerk);
        await Shape(db, plain[0].Id, Household.Rural, Luding);      // grant by the designated area
        await Shape(db, plain[1].Id, Household.CountyTown, Luding); // no grant: 县镇
        var schoolId = plain[0].SchoolId;

        Task<FundingGapReport> Gap(AidItem item) => Run(db, city, (AidReports r) => r.FundingGapAsync(2026, Semester.Autumn, item, true, default));
        async Task<int> EligibleAsync(Actor actor, int school, AidItem item) =>
            (await db.As(actor, sp => sp.GetRequiredService<AidEligibilityRules>().ForSchoolAsync(school, Autumn2026, Autumn2026.StartsOn, default))).Rows
            .Count(r => (item == AidItem.Grant ? r.Answer.Grant : r.Answer.Waiver).Eligible);

        // (a) No list yet: every eligible student of the 学籍 data is undeclared — the school answers — including the
        // schools of the city that opened no list at all; the count is the eligibility rule's own.
        var grantBefore = await Gap(AidItem.Grant);
        var own = Assert.Single(grantBefore.Rows, r => r.Code == School);
        var grantEligible = await EligibleAsync(clerk, schoolId, AidItem.Grant);
        Assert.True(grantEligible >= 1);
        Assert.Equal(grantEligible, own.Undeclared);
        Assert.Equal(0, own.DeclaredEligible);
        Assert.Equal(115_000, own.PerStudentFen); // half the national average of 2,300 yuan
        Assert.Equal(grantEligible * 115_000L * 30 / 100, own.UndeclaredCentralFen);
        var others = grantBefore.Rows.Where(r => r.Code != School).ToList();
        Assert.NotEmpty(others);
        Assert.All(others, r => Assert.Equal(0, r.DeclaredEligible));
        Assert.Contains(others, r => r.Undeclared > 0);

        var waiverBefore = Assert.Single((await Gap(AidItem.Waiver)).Rows, r => r.Code == School);
        var waiverEligible = await EligibleAsync(clerk, schoolId, AidItem.Waiver);
        Assert.Equal(waiverEligible, waiverBefore.Undeclared);

        // The school builds its waiver list (everyone eligible), publishes, submits declaring 3 more than listed, and the city approves.
        var round = await Run(db, clerk, (CreateAidRound w) => w.HandleAsync(new() { SchoolYear = 2026, Semester = Semester.Autumn, Item = AidItem.Waiver }, default));
        await Run(db, clerk, (PublishAidRound w) => w.HandleAsync(round.Id, new() { From = D(2026, 10, 15), To = D(2026, 10, 21) }, default));
        db.Clock.Advance(TimeSpan.FromDays(7));
        await Run(db, clerk, (SubmitAidRound w) => w.HandleAsync(round.Id, new() { DeclaredEligibleCount = round.DeclaredEligibleCount + 3 }, default));
        await Run(db, city, (ReviewAidRound w) => w.HandleAsync(round.Id, new() { Decision = AidReviewDecision.Approve, Note = "同意" }, default));

        // (b) Two lines approved after 30 November in China time (00:30 and 10:00 on 1 December), one at 23:00 on 30 November (on time).
        var ids = (await Run(db, clerk, (ListAidEntries q) => q.HandleAsync(round.Id, new(), default))).Items.Select(e => e.Id).Take(3).ToList();
        Assert.Equal(3, ids.Count);
        await db.AsSystemAsync(async (ctx, _) =>
        {
            await ctx.Set<AidEntry>().Where(e => e.Id == ids[0]).ExecuteUpdateAsync(u => u.SetProperty(e => e.ReviewedAtUtc, new DateTime(2026, 11, 30, 16, 30, 0, DateTimeKind.Utc)));
            await ctx.Set<AidEntry>().Where(e => e.Id == ids[1]).ExecuteUpdateAsync(u => u.SetProperty(e => e.ReviewedAtUtc, new DateTime(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc)));
            await ctx.Set<AidEntry>().Where(e => e.Id == ids[2]).ExecuteUpdateAsync(u => u.SetProperty(e => e.ReviewedAtUtc, new DateTime(2026, 11, 30, 15, 0, 0, DateTimeKind.Utc)));
        });

        var after = Assert.Single((await Gap(AidItem.Waiver)).Rows, r => r.Code == School);
        const long PerStudent = Tuition44010004 / 2;
        Assert.Equal(0, after.Undeclared); // everyone eligible is on the list now
        Assert.Equal(2, after.LateApproved);
        Assert.Equal("市级（4401）", after.LateAnswerable);
        Assert.Equal(2 * PerStudent * 30 / 100, after.LateCentralFen);

        // The same two late lines are the school's "late approvals" risk when the province plans its inspections (INS-1).
        var planner = await db.ActorOf("prov-44");
        var risks = await db.As(planner, sp => sp.GetServices<IInspectionRiskSource>().OfType<AidLateApprovalInspectionRisk>().Single()
            .RisksAsync(planner.ScopePath, D(2026, 12, 8), default));
        var risk = Assert.Single(risks, r => r.SchoolCode == School);
        Assert.Equal("late-approvals", risk.Factor);
        Assert.Equal(2, risk.Weight);
        Assert.Contains("逾期审批的资助名单2人次", risk.Description, StringComparison.Ordinal);
        // (c) Declared against approved.
        Assert.Equal(round.DeclaredEligibleCount + 3, after.DeclaredEligible);
        Assert.Equal(round.DeclaredEligibleCount, after.Approved);
        Assert.Equal(3, after.Gap);
        Assert.Equal(3 * PerStudent * 30 / 100, after.CentralGapFen);
        Assert.Equal(after.LateCentralFen + after.CentralGapFen, after.TotalCentralGapFen);

        // The province sees its cities with the three causes summed, and the approving level named.
        var prov = await db.ActorOf("prov-44");
        var byCity = await Run(db, prov, (AidReports r) => r.FundingGapAsync(2026, Semester.Autumn, AidItem.Waiver, false, default));
        var guangzhou = Assert.Single(byCity.Rows, r => r.Code == "4401");
        Assert.Equal(2, guangzhou.LateApproved);
        Assert.Equal(3, guangzhou.Gap);
        Assert.True(guangzhou.Undeclared > 0); // the city's other schools opened no list
        Assert.Equal(byCity.Rows.Sum(r => r.TotalCentralGapFen), byCity.Total.TotalCentralGapFen);

        // The Excel export carries the causes.
        var sheet = AidReports.FundingGapExcel(byCity);
        Assert.NotEmpty(sheet);
    }
}
