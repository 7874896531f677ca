using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Audit.Domain;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Modules.Supervision.Contracts;
using TechSchoolAid.Modules.Supervision.Domain;
using TechSchoolAid.Modules.Supervision.Features;
using TechSchoolAid.Modules.Todo;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.Supervision;

/// <summary>Person–record checks (STA-3) and supervision measures (STA-4) on a real database, once per provider. Today is 2026-10-15.</summary>
public sealed class SupervisionDataTests
{
    private const string School = "44010004";        // 市管, city 4401
    private const string SameCity = "44010007";      // 市管, city 4401: in the city's scope, not in the campaign
    private const string OtherCity = "44030005";     // 市管, city 4403
    private const string ProvinceManaged = "44010001"; // 省管, province 44

    /// <summary>Enough demo students that the demo's own changes and campaign leave untouched ones of both intakes.</summary>
    private const int StudentsPerSchool = 24;

    /// <summary>Demo students of a school that are active and untouched by the demo's own changes and campaign (first of the list).</summary>
    private static Task<List<Guid>> ActiveStudents(TestDatabase db, string schoolCode, int intakeYear = 2025, bool untouched = true) => db.As(Actor.System("test"), sp =>
    {
        var ctx = sp.GetRequiredService<TsaDbContext>();
        var touched = ctx.Set<PresenceCheckResult>().Select(r => r.StudentId);
        return ctx.Set<StudentRecord>().Where(s => s.SchoolCode == schoolCode && s.Status == EnrolmentStatus.Active && s.IntakeYear == intakeYear && (!untouched || !touched.Contains(s.Id)))
            .OrderBy(s => s.StatusNumber).Select(s => s.Id).Take(3).ToListAsync();
    });

    private static Task<PresenceCampaign> Open(TestDatabase db, Actor authority, params string[] schools) => OpenFrom(db, authority, new DateOnly(2026, 10, 1), schools);

    private static Task<PresenceCampaign> OpenFrom(TestDatabase db, Actor authority, DateOnly starts, params string[] schools) =>
        db.As(authority, sp => sp.GetRequiredService<OpenPresenceCampaign>().HandleAsync(new CampaignInput
        {
            Name = "秋季学期人籍一致核验",
            DefaultMethod = PresenceMethod.OnSite,
            StartsOn = starts,
            EndsOn = starts.AddMonths(6),
            SchoolCodes = schools,
        }, default));

    private static Task<RosterRow> Record(TestDatabase db, Actor actor, Guid campaign, Guid student, PresenceResult result, PresenceMethod? method = null) =>
        db.As(actor, sp => sp.GetRequiredService<RecordPresenceResult>().HandleAsync(campaign, new PresenceResultInput { StudentId = student, Result = result, Method = method }, default));

    private static Task<List<HangingFlag>> FlagsOf(TestDatabase db, Guid student) =>
        db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<HangingFlag>().AsNoTracking().Where(f => f.StudentId == student).OrderBy(f => f.DetectedAtUtc).ToListAsync());

    private static Task<(int Results, int Flags)> Counts(TestDatabase db) => db.As(Actor.System("test"), async sp =>
    {
        var ctx = sp.GetRequiredService<TsaDbContext>();
        return (await ctx.Set<PresenceCheckResult>().CountAsync(), await ctx.Set<HangingFlag>().CountAsync());
    });

    private static Task<List<string>> AuditActions(TestDatabase db, Guid subject) =>
        db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<AuditEvent>().Where(e => e.SubjectId == subject.ToString())
            .OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync());

    [Theory]
    [BothDatabases]
    public async Task Campaign_ResultsFlagAbsentAndUnreachable_StudentOutsideCampaignRefused_ClosedCampaignRefuses(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, StudentsPerSchool);
        var city = await db.ActorOf("city-4401");
        var students = await ActiveStudents(db, School);
        var campaign = await Open(db, city, School);

        var present = await Record(db, city, campaign.Id, students[0], PresenceResult.Present, PresenceMethod.RemoteRollCall);
        Assert.Equal(PresenceMethod.RemoteRollCall, present.Method);
        Assert.Equal("city-4401", present.RecordedBy);
        Assert.Empty(await FlagsOf(db, students[0]));

        var absent = await Record(db, city, campaign.Id, students[1], PresenceResult.Absent);
        Assert.Equal(PresenceMethod.OnSite, absent.Method); // the campaign's default
        var flag = Assert.Single(await FlagsOf(db, students[1]));
        Assert.Equal(HangingReason.AbsentInCampaign, flag.Reason);
        Assert.Contains("不在校", flag.Detail);
        Assert.Equal(HangingFlagState.Open, flag.State);

        // Corrected to unreachable: the same flag, restated; corrected to present before an answer: cleared.
        await Record(db, city, campaign.Id, students[1], PresenceResult.Unreachable);
        flag = Assert.Single(await FlagsOf(db, students[1]));
        Assert.Equal(HangingReason.UnreachableInCampaign, flag.Reason);
        await Record(db, city, campaign.Id, students[1], PresenceResult.Present);
        Assert.Equal(HangingFlagState.Cleared, Assert.Single(await FlagsOf(db, students[1])).State);

        // A student of a school of the same city that is not in the campaign: a clear refusal, nothing written.
        var before = await Counts(db);
        var outsider = (await ActiveStudents(db, SameCity))[0];
        var refused = await Assert.ThrowsAsync<AppException>(() => Record(db, city, campaign.Id, outsider, PresenceResult.Absent));
        Assert.Equal(ErrorKind.Validation, refused.Kind);
        Assert.Contains("不在核验批次", refused.Message);
        Assert.True(refused.Errors.ContainsKey("studentId"));
        Assert.Equal(before, await Counts(db));

        // A student outside the authority's scope is not found; a school cannot record; another city cannot see the campaign.
        var foreign = (await ActiveStudents(db, OtherCity))[0];
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<AppException>(() => Record(db, city, campaign.Id, foreign, PresenceResult.Absent))).Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<AppException>(() => Record(db, db.ActorOf($"school-{School}").Result, campaign.Id, students[2], PresenceResult.Present))).Kind);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<AppException>(() => Record(db, db.ActorOf("city-4403").Result, campaign.Id, students[2], PresenceResult.Present))).Kind);

        // The school sees the campaign it is checked in, and its own results.
        var schoolActor = await db.ActorOf($"school-{School}");
        var seen = await db.As(schoolActor, sp => sp.GetRequiredService<PresenceCampaignQueries>().ListAsync(default));
        Assert.Contains(seen, c => c.Id == campaign.Id);
        var roster = await db.As(schoolActor, sp => sp.GetRequiredService<PresenceCampaignQueries>().RosterAsync(campaign.Id, new RosterFilter { Result = PresenceResult.Present }, default));
        Assert.Equal(2, roster.Total);

        // Only the opening authority closes; a closed campaign takes no results.
        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<AppException>(() => db.As(db.ActorOf("prov-44").Result, sp => sp.GetRequiredService<ClosePresenceCampaign>().HandleAsync(campaign.Id, default)))).Kind);
        await db.As(city, sp => sp.GetRequiredService<ClosePresenceCampaign>().HandleAsync(campaign.Id, default));
        var closed = await Assert.ThrowsAsync<AppException>(() => Record(db, city, campaign.Id, students[2], PresenceResult.Present));
        Assert.Equal(ErrorKind.Conflict, closed.Kind);
        Assert.Equal(["presence.campaign_opened", "presence.campaign_closed"], await AuditActions(db, campaign.Id));
    }

    [Theory]
    [BothDatabases]
    public async Task Campaign_SchoolsOutsideScopeOrMissingFields_Refused(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, StudentsPerSchool);
        var city = await db.ActorOf("city-4401");
        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<AppException>(() => Open(db, city, School, OtherCity))).Kind);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<AppException>(() => Open(db, city, "99999999"))).Kind);
        var missing = await Assert.ThrowsAsync<AppException>(() => db.As(city, sp => sp.GetRequiredService<OpenPresenceCampaign>().HandleAsync(
            new CampaignInput { StartsOn = new DateOnly(2026, 10, 1), EndsOn = new DateOnly(2026, 9, 1) }, default)));
        Assert.Equal(ErrorKind.Validation, missing.Kind);
        Assert.True(missing.Errors.ContainsKey("name") && missing.Errors.ContainsKey("endsOn") && missing.Errors.ContainsKey("schoolCodes"));
        var schoolActor = await db.ActorOf($"school-{School}");
        var ministry = await db.ActorOf("ministry");
        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<AppException>(() => Open(db, schoolActor, School))).Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<AppException>(() => Open(db, ministry, School))).Kind);
    }

    [Theory]
    [BothDatabases]
    public async Task Scan_NoActivityAndPastExpectedGraduation_ReasonsPerStudent_NotFlaggedTwice(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, StudentsPerSchool);
        var city = await db.ActorOf("city-4401");
        var lastYear = await ActiveStudents(db, School, 2025);
        var thisYear = await ActiveStudents(db, School, 2026, untouched: false);

        // Nothing is idle yet: every demo record was registered today.
        var first = await db.As(city, sp => sp.GetRequiredService<ScanHangingFlags>().HandleAsync(School, default));
        Assert.Equal(0, first.NoActivity);
        Assert.Equal(0, first.PastExpectedGraduation);

        // 2029-01-05: the 2025 intake (3 years) was expected to graduate on 2028-09-01; the 90-day grace ended 2028-11-30.
        db.Clock.SetUtcNow(new DateTimeOffset(2029, 1, 5, 2, 0, 0, TimeSpan.Zero));
        var campaign = await OpenFrom(db, city, new DateOnly(2029, 1, 2), School);
        await db.As(city, sp => sp.GetRequiredService<RecordPresenceResult>().HandleAsync(campaign.Id,
            new PresenceResultInput { StudentId = thisYear[0], Result = PresenceResult.Present, CheckedOn = new DateOnly(2029, 1, 4) }, default));

        var scan = await db.As(city, sp => sp.GetRequiredService<ScanHangingFlags>().HandleAsync(School, default));
        Assert.Equal(180, scan.NoActivityDays);
        Assert.True(scan.NoActivity > 0);
        Assert.True(scan.PastExpectedGraduation > 0);

        var old = await FlagsOf(db, lastYear[0]);
        Assert.Equal([HangingReason.NoActivity, HangingReason.PastExpectedGraduation], old.Select(f => f.Reason).Order());
        Assert.Contains("预计 2028-09-01 毕业", old.Single(f => f.Reason == HangingReason.PastExpectedGraduation).Detail);
        Assert.Contains("180 天", old.Single(f => f.Reason == HangingReason.NoActivity).Detail);
        HangingReason[] scanned = [HangingReason.NoActivity, HangingReason.PastExpectedGraduation];
        Assert.Equal([HangingReason.NoActivity], (await FlagsOf(db, thisYear[1])).Select(f => f.Reason).Where(scanned.Contains));
        Assert.DoesNotContain(await FlagsOf(db, thisYear[0]), f => scanned.Contains(f.Reason)); // checked present three days ago: activity

        var again = await db.As(city, sp => sp.GetRequiredService<ScanHangingFlags>().HandleAsync(School, default));
        Assert.Equal(0, again.NoActivity + again.PastExpectedGraduation);

        // A school cannot scan; the list of the school shows the reasons.
        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<AppException>(() => db.As(db.ActorOf($"school-{School}").Result, sp => sp.GetRequiredService<ScanHangingFlags>().HandleAsync(null, default)))).Kind);
        var list = await db.As(await db.ActorOf($"school-{School}-records"), sp => sp.GetRequiredService<HangingFlagQueries>().ListAsync(new HangingFlagFilter { StudentId = lastYear[0] }, default));
        Assert.Equal(2, list.Total);
        Assert.All(list.Items, f => Assert.False(string.IsNullOrEmpty(f.ReasonText)));
    }

    [Theory]
    [BothDatabases]
    public async Task Flag_SchoolAnswers_SupervisorAsksAgainThenAccepts_OnlyDirectSupervisor_Audited(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, StudentsPerSchool);
        var city = await db.ActorOf("city-4401");
        var clerk = await db.ActorOf($"school-{School}-records");
        var student = (await ActiveStudents(db, School))[0];
        var campaign = await Open(db, city, School);
        await Record(db, city, campaign.Id, student, PresenceResult.Unreachable);
        var flag = Assert.Single(await FlagsOf(db, student));

        var todo = await db.As(clerk, sp => sp.GetRequiredService<TodoPanel>().ItemsAsync(default));
        Assert.Contains(todo, i => i.Title == "疑似空挂学籍待说明");

        Assert.Equal(ErrorKind.Conflict, (await Assert.ThrowsAsync<AppException>(() => db.As(city, sp => sp.GetRequiredService<AcceptHangingFlag>().HandleAsync(flag.Id, null, default)))).Kind);
        Assert.Equal(ErrorKind.Validation, (await Assert.ThrowsAsync<AppException>(() => db.As(clerk, sp => sp.GetRequiredService<AnswerHangingFlag>().HandleAsync(flag.Id, "  ", default)))).Kind);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<AppException>(() => db.As(db.ActorOf($"school-{SameCity}").Result, sp => sp.GetRequiredService<AnswerHangingFlag>().HandleAsync(flag.Id, "不是本校学生", default)))).Kind);
        await db.As(clerk, sp => sp.GetRequiredService<AnswerHangingFlag>().HandleAsync(flag.Id, "该生手机号已更换，已联系到监护人，学生在校实习", default));
        Assert.Equal(ErrorKind.Conflict, (await Assert.ThrowsAsync<AppException>(() => db.As(clerk, sp => sp.GetRequiredService<AnswerHangingFlag>().HandleAsync(flag.Id, "再说一次", default)))).Kind);

        var cityTodo = await db.As(city, sp => sp.GetRequiredService<TodoPanel>().ItemsAsync(default));
        Assert.Contains(cityTodo, i => i.Title == "空挂说明待审核");

        // The province is above the city, not the 市管 school's direct supervisor; the school cannot review itself.
        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<AppException>(() => db.As(db.ActorOf("prov-44").Result, sp => sp.GetRequiredService<AcceptHangingFlag>().HandleAsync(flag.Id, null, default)))).Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<AppException>(() => db.As(db.ActorOf($"school-{School}").Result, sp => sp.GetRequiredService<AcceptHangingFlag>().HandleAsync(flag.Id, null, default)))).Kind);
        Assert.Equal(ErrorKind.Validation, (await Assert.ThrowsAsync<AppException>(() => db.As(city, sp => sp.GetRequiredService<AskHangingFlagAgain>().HandleAsync(flag.Id, "", default)))).Kind);

        var asked = await db.As(city, sp => sp.GetRequiredService<AskHangingFlagAgain>().HandleAsync(flag.Id, "请附实习单位证明", default));
        Assert.Equal(HangingFlagState.Open, asked.State);
        await db.As(clerk, sp => sp.GetRequiredService<AnswerHangingFlag>().HandleAsync(flag.Id, "已上传实习协议与单位证明，学生在广州某厂实习", default));
        var accepted = await db.As(city, sp => sp.GetRequiredService<AcceptHangingFlag>().HandleAsync(flag.Id, "情况属实", default));
        Assert.Equal(HangingFlagState.Accepted, accepted.State);
        Assert.Equal(2, accepted.AnswerCount);

        Assert.Equal(["hanging.flagged", "hanging.answered", "hanging.asked_again", "hanging.answered", "hanging.accepted"], await AuditActions(db, flag.Id));
        var detail = await db.As(clerk, sp => sp.GetRequiredService<HangingFlagQueries>().DetailAsync(flag.Id, default));
        Assert.False(detail.Actions.Answer);
        Assert.Equal("情况属实", detail.Flag.ReviewNote);
    }

    [Theory]
    [BothDatabases]
    public async Task Measure_IssuedOnlyByDirectSupervisor_RectifiedBySchool_ClosedByAuthority_InComplianceSummary(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, StudentsPerSchool);
        var city = await db.ActorOf("city-4401");
        var province = await db.ActorOf("prov-44");
        var school = await db.ActorOf($"school-{School}");
        MeasureInput Input(DateOnly? due) => new() { Kind = MeasureKind.Interview, Reason = "学籍异动多次逾期办理", EvidenceText = "2026 年 9—10 月 3 条异动逾期", RectificationDueOn = due };
        Task<SupervisionMeasure> Issue(Actor a, string schoolCode, MeasureInput input) => db.As(a, sp => sp.GetRequiredService<IssueSupervisionMeasure>().HandleAsync(schoolCode, input, default));
        Task<IReadOnlyList<SchoolCompliance>> Compliance(Actor a) => db.As(a, sp => sp.GetRequiredService<ComplianceSummary>().ListAsync(School, default));
        var due = new DateOnly(2026, 11, 15);

        // Not the direct supervisor: the province over a 市管 school, another city, the school itself.
        var byProvince = await Assert.ThrowsAsync<AppException>(() => Issue(province, School, Input(due)));
        Assert.Equal(ErrorKind.Forbidden, byProvince.Kind);
        Assert.Contains("市级", byProvince.Message);
        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<AppException>(() => Issue(db.ActorOf("city-4403").Result, School, Input(due)))).Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<AppException>(() => Issue(school, School, Input(due)))).Kind);
        var bad = await Assert.ThrowsAsync<AppException>(() => Issue(city, School, new MeasureInput { RectificationDueOn = new DateOnly(2026, 10, 1) }));
        Assert.True(bad.Errors.ContainsKey("kind") && bad.Errors.ContainsKey("reason") && bad.Errors.ContainsKey("evidenceText") && bad.Errors.ContainsKey("rectificationDueOn"));

        // The province is the direct supervisor of a 省管 school.
        Assert.Equal(MeasureState.Open, (await Issue(province, ProvinceManaged, Input(null))).State);

        var before = Assert.Single(await Compliance(city));
        var measure = await Issue(city, School, Input(due));
        Assert.Equal(before.OpenMeasures + 1, Assert.Single(await Compliance(city)).OpenMeasures);
        var schoolList = await db.As(school, sp => sp.GetRequiredService<SupervisionMeasureQueries>().ListAsync(new MeasureFilter { Open = true }, default));
        Assert.Contains(schoolList.Items, m => m.Id == measure.Id);

        var early = await Assert.ThrowsAsync<AppException>(() => db.As(city, sp => sp.GetRequiredService<CloseSupervisionMeasure>().HandleAsync(measure.Id, null, default)));
        Assert.Equal(ErrorKind.Conflict, early.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<AppException>(() => db.As(city, sp => sp.GetRequiredService<RectifySupervisionMeasure>().HandleAsync(measure.Id, "已整改", default)))).Kind);

        // Late rectification shows up (2026-11-20 > 2026-11-15), then the school reports, the authority closes.
        db.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero));
        Assert.Contains(await db.As(school, sp => sp.GetRequiredService<TodoPanel>().ItemsAsync(default)), i => i.Kind == TodoKind.Late && i.Title == "整改已逾期");
        Assert.True(Assert.Single(await Compliance(city)).LateRectifications >= 1);
        var rectified = await db.As(school, sp => sp.GetRequiredService<RectifySupervisionMeasure>().HandleAsync(measure.Id, "已建立异动周报制度，逾期异动已全部报送", default));
        Assert.Equal(MeasureState.Rectified, rectified.State);
        Assert.True(rectified.RectifiedLate);
        Assert.Contains(await db.As(city, sp => sp.GetRequiredService<TodoPanel>().ItemsAsync(default)), i => i.Title == "监管措施待关闭");
        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<AppException>(() => db.As(province, sp => sp.GetRequiredService<CloseSupervisionMeasure>().HandleAsync(measure.Id, null, default)))).Kind);
        var closed = await db.As(city, sp => sp.GetRequiredService<CloseSupervisionMeasure>().HandleAsync(measure.Id, "整改到位", default));
        Assert.Equal(MeasureState.Closed, closed.State);
        Assert.Equal(before.OpenMeasures, Assert.Single(await Compliance(city)).OpenMeasures);
        Assert.Equal(["supervision.measure_issued", "supervision.measure_rectified", "supervision.measure_closed"], await AuditActions(db, measure.Id));

        // Evidence files: content decides the type; the school may attach proof while the measure is open.
        var other = await Issue(city, School, Input(null));
        var file = await db.As(school, sp => sp.GetRequiredService<AddSupervisionMeasureFile>().HandleAsync(other.Id, "整改报告.pdf", "%PDF-1.4 test"u8.ToArray(), default));
        Assert.True(file.FromSchool);
        Assert.Equal(ErrorKind.Validation, (await Assert.ThrowsAsync<AppException>(() => db.As(city, sp => sp.GetRequiredService<AddSupervisionMeasureFile>().HandleAsync(other.Id, "a.pdf", "not a pdf"u8.ToArray(), default)))).Kind);
    }
}
