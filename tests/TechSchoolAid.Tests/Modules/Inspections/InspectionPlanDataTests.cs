using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Calendar;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.Inspections.Domain;
using TechSchoolAid.Modules.Inspections.Features;
using TechSchoolAid.Modules.Inspections.Features.Plans;
using TechSchoolAid.Modules.Inspections.Features.Rectification;
using TechSchoolAid.Modules.Inspections.Features.Visits;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.Inspections;

/// <summary>
/// INS-1 on both databases: the planner's coverage rules, the checker's breaches, confirmation, visits only for planned
/// schools, rectification closure and its working-day deadline. Province 44's demo history (DemoData): every 省管 school
/// visited each year; 市管 schools 44010010, 44010004, 44030005 the year before last, 44010007, 44030008, 44050009 last
/// year; this year (2026, the tests' clock) 44010004 visited and 44030005 spot-checked so far — so for 2027 44010010 and
/// 44050006 have gone two years unvisited and one place of the three is left for risk.
/// </summary>
public sealed class InspectionPlanDataTests
{
    private static readonly string[] ProvinceManaged = ["44010001", "44030002", "44050003"];

    private static Task<PlanView> ProposeAsync(TestDatabase db, Actor province, int year) =>
        db.As(province, sp => sp.GetRequiredService<ProposePlan>().HandleAsync(new ProposePlanInput { Year = year }, default));

    [Theory]
    [BothDatabases]
    public async Task Propose_EveryProvinceManaged_ThreeYearRule_AtLeastAThirdOfCityManaged(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 1);
        var plan = await ProposeAsync(db, await db.ActorOf("prov-44"), 2027);

        foreach (var code in ProvinceManaged)
        {
            Assert.Contains(plan.Entries, e => e.SchoolCode == code && e.Reason == EntryReason.ProvinceManaged);
        }

        Assert.Contains(plan.Entries, e => e.SchoolCode == "44010010" && e.Reason == EntryReason.ThreeYearRule);
        Assert.Contains(plan.Entries, e => e.SchoolCode == "44050006" && e.Reason == EntryReason.ThreeYearRule);
        Assert.Equal(7, plan.CityManagedTotal);
        Assert.Equal(3, plan.CityManagedRequired); // ceil(7 / 3)
        Assert.Equal(3, plan.CityManagedPlanned);
        Assert.Empty(plan.Breaches);
        Assert.Equal(PlanState.Draft, plan.State);
    }

    [Theory]
    [BothDatabases]
    public async Task Propose_FillsTheShareRiskFirst(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 1);
        var province = await db.ActorOf("prov-44");
        var risks = new FixedRisks(new SchoolRisk("44050009", "test-risk", "测试风险：比对疑似重复5条", 100), new SchoolRisk("44030008", "test-risk", "测试风险：异动逾期2条", 50),
            new SchoolRisk("44010007", "test-risk", "测试风险：1条", 1));
        var chosen = await db.As(province, async sp =>
        {
            var rules = new PlanRules(sp.GetRequiredService<TsaDbContext>(), [risks], sp.GetRequiredService<InspectionSupport>());
            var situation = await rules.SituationAsync("/44/", 2027, default);
            return PlanRules.Propose(situation);
        });

        var byRisk = chosen.Where(c => c.Reason == EntryReason.Risk).Select(c => c.School.School.Code).ToList();
        Assert.Equal(["44050009"], byRisk); // one place left after 44010010 and 44050006 (three-year rule): the highest risk, not the lowest code (44010004)
        Assert.Contains("比对疑似重复5条", chosen.First(c => c.School.School.Code == "44050009").School.RiskDetail, StringComparison.Ordinal);
        Assert.DoesNotContain(chosen, c => c.School.School.Code is "44030008" or "44010007" or "44010004");
    }

    [Theory]
    [BothDatabases]
    public async Task Checker_ListsEveryBreach_ConfirmRefusedUntilEachIsAcknowledged_ThenReadOnly(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 1);
        var province = await db.ActorOf("prov-44");
        var plan = await ProposeAsync(db, province, 2027);
        await db.As(province, sp => sp.GetRequiredService<AdjustPlan>().RemoveAsync(plan.Id, new PlanEntryInput { SchoolCode = "44010001", Reason = "该校正在整体搬迁" }, default));
        var adjusted = await db.As(province, sp => sp.GetRequiredService<AdjustPlan>().RemoveAsync(plan.Id, new PlanEntryInput { SchoolCode = "44010010", Reason = "检查力量不足" }, default));

        Assert.Equal(["province-managed:44010001", "city-share", "three-years:44010010"], adjusted.Breaches.Select(b => b.Key).ToArray());
        Assert.Contains("44010001", adjusted.Breaches[0].Text, StringComparison.Ordinal);

        var refused = await Assert.ThrowsAsync<AppException>(() => db.As(province, sp => sp.GetRequiredService<ConfirmPlan>()
            .HandleAsync(plan.Id, new ConfirmPlanInput { Acknowledgements = [new() { Key = "city-share", Reason = "三分之一在下半年补足" }] }, default)));
        Assert.Equal(ErrorKind.Validation, refused.Kind);
        Assert.Contains("44010001", refused.Message, StringComparison.Ordinal);
        Assert.Contains("44010010", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("少于", refused.Message, StringComparison.Ordinal); // the acknowledged breach is not named again
        var state = await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<InspectionPlan>().AsNoTracking().Where(p => p.Id == plan.Id).Select(p => p.State).FirstAsync());
        Assert.Equal(PlanState.Draft, state);

        var confirmed = await db.As(province, sp => sp.GetRequiredService<ConfirmPlan>().HandleAsync(plan.Id, new ConfirmPlanInput
        {
            Acknowledgements = adjusted.Breaches.Select(b => new BreachAcknowledgementInput { Key = b.Key, Reason = "经厅务会研究同意" }).ToList(),
        }, default));
        Assert.Equal(PlanState.Confirmed, confirmed.State);
        Assert.All(confirmed.Breaches, b => Assert.Equal("经厅务会研究同意", b.AcknowledgedReason));

        var readOnly = await Assert.ThrowsAsync<AppException>(() => db.As(province, sp => sp.GetRequiredService<AdjustPlan>()
            .AddAsync(plan.Id, new PlanEntryInput { SchoolCode = "44010010", Reason = "补充" }, default)));
        Assert.Equal(ErrorKind.Conflict, readOnly.Kind);
    }

    [Theory]
    [BothDatabases]
    public async Task Visit_SchoolNotInTheConfirmedPlan_Refused_NothingWritten(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 1);
        var province = await db.ActorOf("prov-44");
        var plan = (await db.As(province, sp => sp.GetRequiredService<GetPlan>().ListAsync(2026, default))).Single();
        var count = () => db.As(Actor.System("test"), async sp => (await sp.GetRequiredService<TsaDbContext>().Set<InspectionVisit>().CountAsync(),
            await sp.GetRequiredService<TsaDbContext>().Set<Finding>().CountAsync()));
        var before = await count();

        var refused = await Assert.ThrowsAsync<AppException>(() => db.As(province, sp => sp.GetRequiredService<RecordVisit>().HandleAsync(new VisitInput
        {
            PlanId = plan.Id, SchoolCode = "44010007", VisitedOn = new DateOnly(2026, 10, 12), Inspectors = "王敏",
            Findings = [new() { ItemKey = "publication", Conclusion = Conclusion.NonCompliant, Text = "公示期不足", NeedsRectification = true }],
        }, default)));

        Assert.Equal(ErrorKind.Validation, refused.Kind);
        Assert.Contains("44010007", refused.Message, StringComparison.Ordinal);
        Assert.Contains("不在2026年检查计划中", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await count());
    }

    [Theory]
    [BothDatabases]
    public async Task Rectification_DueInWorkingDays_OverdueAfter_ClosedOnlyOnceAnswered(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 1);
        var province = await db.ActorOf("prov-44");
        var plan = (await db.As(province, sp => sp.GetRequiredService<GetPlan>().ListAsync(2026, default))).Single();
        var visit = await db.As(province, sp => sp.GetRequiredService<RecordVisit>().HandleAsync(new VisitInput
        {
            PlanId = plan.Id, SchoolCode = "44030002", VisitedOn = new DateOnly(2026, 10, 14), Inspectors = "王敏、李强",
            Findings = [new() { ItemKey = "aid-rules", Conclusion = Conclusion.NonCompliant, Text = "学校资助管理办法未按新文件修订", NeedsRectification = true }],
        }, default));
        var task = visit.Findings.Single().Rectification!;
        var expectedDue = db.Services.GetRequiredService<WorkingDays>().AddWorkingDays(new DateOnly(2026, 10, 15), 20); // policy: 20 working days from the finding
        Assert.Equal(expectedDue, task.DueOn);
        Assert.False(task.Overdue);

        var refused = await Assert.ThrowsAsync<AppException>(() => db.As(province, sp => sp.GetRequiredService<CloseRectification>().CloseAsync(task.Id, new RectificationReviewInput(), default)));
        Assert.Equal(ErrorKind.Validation, refused.Kind);
        Assert.Contains("尚未报送整改情况", refused.Message, StringComparison.Ordinal);
        var state = () => db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<RectificationTask>().AsNoTracking().Where(t => t.Id == task.Id).Select(t => t.State).FirstAsync());
        Assert.Equal(RectificationState.Open, await state());

        db.Clock.Advance(TimeSpan.FromDays(expectedDue.DayNumber - new DateOnly(2026, 10, 15).DayNumber + 1));
        var overdue = await db.As(province, sp => sp.GetRequiredService<RectificationViews>().ListAsync(null, true, default));
        Assert.Contains(overdue, t => t.Id == task.Id && t.Overdue);

        var school = await db.ActorOf("school-44030002");
        await db.As(school, sp => sp.GetRequiredService<AnswerRectification>().HandleAsync(task.Id, new RectificationAnswerInput { Answer = "已按新文件修订并经校长办公会通过" }, default));
        var closed = await db.As(province, sp => sp.GetRequiredService<CloseRectification>().CloseAsync(task.Id, new RectificationReviewInput(), default));
        Assert.Equal(RectificationState.Closed, closed.State);
        Assert.Equal(RectificationState.Closed, await state());
    }

    private sealed class FixedRisks(params SchoolRisk[] risks) : IInspectionRiskSource
    {
        public Task<IReadOnlyList<SchoolRisk>> RisksAsync(string provinceScopePath, DateOnly asOf, CancellationToken ct) => Task.FromResult<IReadOnlyList<SchoolRisk>>(risks);
    }
}
