using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Audit.Domain;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.StatusChanges.Domain;
using TechSchoolAid.Modules.StatusChanges.Features;
using TechSchoolAid.Modules.StatusChanges.Features.KindRules;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Features;
using TechSchoolAid.Modules.Todo;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.StatusChanges;

/// <summary>
/// Issue 13, items 7 and 2 on a real database, once per provider: evidence saved with the change (all or nothing), the
/// approval guard on missing required evidence, a suspension's period and its to-do, and the kind rules as dated policy
/// data (a province's own row before the nation's). Today is 2026-10-15.
/// </summary>
public sealed class StatusChangeEvidenceDataTests
{
    private const string School = "44010004"; // 市管, city 4401
    private static int _person;

    private static string NewId()
    {
        var n = Interlocked.Increment(ref _person);
        return TestIds.Make(birth: new DateOnly(2008, 5, 1).AddDays(n).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<Guid> NewActiveStudentAsync(TestDatabase db)
    {
        var school = await db.ActorOf($"school-{School}");
        var record = await db.As(school, sp => sp.GetRequiredService<RegisterStudent>().HandleAsync(School, TestIds.Student(NewId()), default));
        await db.As(school, async sp =>
        {
            await sp.GetRequiredService<VerifyRegistration>().HandleAsync(School, [record.Id], null, default);
            return await sp.GetRequiredService<SubmitRegistrations>().HandleAsync(School, [record.Id], default);
        });
        await db.As(await db.ActorOf("city-4401"), sp => sp.GetRequiredService<ApproveRegistrations>().HandleAsync([record.Id], null, default));
        return record.Id;
    }

    private static StatusChangeInput Input(StatusChangeKind kind, DateOnly occurredOn, DateOnly? back = null) =>
        new() { Kind = kind, OccurredOn = occurredOn, ExpectedReturnOn = back, Reason = "本人及监护人书面申请" };

    private static Task<StatusChange> Enter(TestDatabase db, Actor clerk, Guid student, StatusChangeInput input, IReadOnlyList<NewEvidence> files) =>
        db.As(clerk, sp => sp.GetRequiredService<EnterStatusChange>().HandleAsync(student, input, files, default));

    private static Task<T> Run<T>(TestDatabase db, Actor actor, Func<IServiceProvider, Task<T>> step) => db.As(actor, step);

    private static Task<(int Changes, int Evidence, int Audit)> CountAsync(TestDatabase db) =>
        db.As(Actor.System("test"), async sp =>
        {
            var ctx = sp.GetRequiredService<TsaDbContext>();
            return (await ctx.Set<StatusChange>().IgnoreQueryFilters().CountAsync(), await ctx.Set<StatusChangeEvidence>().IgnoreQueryFilters().CountAsync(),
                await ctx.Set<AuditEvent>().IgnoreQueryFilters().CountAsync());
        });

    [Theory]
    [BothDatabases]
    public async Task Approve_WithdrawalWithoutItsRequiredEvidence_RefusedNamingIt_NothingChanged_ThenApprovedWithIt(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clerk = await db.ActorOf($"school-{School}-records");
        var city = await db.ActorOf("city-4401");
        var student = await NewActiveStudentAsync(db);
        var change = await Enter(db, clerk, student, Input(StatusChangeKind.Withdrawal, new DateOnly(2026, 10, 12)), []);
        await Run(db, clerk, sp => sp.GetRequiredService<SubmitStatusChange>().HandleAsync(change.Id, default));

        var detail = await Run(db, city, sp => sp.GetRequiredService<GetStatusChangeDetail>().HandleAsync(change.Id, default));
        Assert.Equal("本人及监护人的退学申请", detail.EvidenceMissing);
        var before = await CountAsync(db);
        var refused = await Assert.ThrowsAsync<AppException>(() => Run(db, city, sp => sp.GetRequiredService<ApproveStatusChange>().HandleAsync(change.Id, default)));
        Assert.Equal(ErrorKind.Conflict, refused.Kind);
        Assert.Contains("缺少证明材料：本人及监护人的退学申请", refused.Message);
        Assert.Equal(before, await CountAsync(db));
        Assert.Equal(EnrolmentStatus.Active, (await Run(db, Actor.System("test"), sp => sp.GetRequiredService<StudentLifecycle>().GetAsync(student, default))).Status);

        await Run(db, clerk, sp => sp.GetRequiredService<AddStatusChangeEvidence>().HandleAsync(change.Id, "退学申请.png", StatusChangeTestEvidence.Png, default));
        Assert.Null((await Run(db, city, sp => sp.GetRequiredService<GetStatusChangeDetail>().HandleAsync(change.Id, default))).EvidenceMissing);
        var approved = await Run(db, city, sp => sp.GetRequiredService<ApproveStatusChange>().HandleAsync(change.Id, default));
        Assert.Equal(StatusChangeState.Approved, approved.State);
    }

    [Theory]
    [BothDatabases]
    public async Task Enter_WithABadFile_RefusedNamingIt_NothingWritten_WithGoodFiles_ChangeFilesAndAuditTogether(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clerk = await db.ActorOf($"school-{School}-records");
        var student = await NewActiveStudentAsync(db);
        var input = Input(StatusChangeKind.Suspension, new DateOnly(2026, 10, 12), new DateOnly(2027, 3, 1));
        var before = await CountAsync(db);

        var bad = await Assert.ThrowsAsync<AppException>(() => Enter(db, clerk, student, input,
            [new NewEvidence("申请.png", StatusChangeTestEvidence.Png), new NewEvidence("病历<script>.exe", "MZ\u0090"u8.ToArray())]));
        Assert.Equal(ErrorKind.Validation, bad.Kind);
        Assert.Contains("第 2 个文件「病历script」不是 PDF、JPG 或 PNG", bad.Errors["files"][0]);
        Assert.Equal(before, await CountAsync(db));

        var change = await Enter(db, clerk, student, input, [new NewEvidence("申请.png", StatusChangeTestEvidence.Png), new NewEvidence("证明.pdf", "%PDF-1.7"u8.ToArray())]);
        var after = await CountAsync(db);
        Assert.Equal((before.Changes + 1, before.Evidence + 2), (after.Changes, after.Evidence));
        Assert.Equal(before.Audit + 3, after.Audit); // entered + two evidence_added
        Assert.Equal(new DateOnly(2027, 3, 1), change.ExpectedReturnOn);
        var detail = await Run(db, clerk, sp => sp.GetRequiredService<GetStatusChangeDetail>().HandleAsync(change.Id, default));
        Assert.Equal(["申请.png", "证明.pdf"], detail.Evidence.Select(e => e.FileName).Order());
        Assert.Equal(["entered", "evidence", "evidence"], detail.History.Select(h => h.Action));
    }

    [Theory]
    [BothDatabases]
    public async Task Suspension_PastItsExpectedReturn_IsOnTheSchoolsTodo_UntilAResumptionIsEntered(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clerk = await db.ActorOf($"school-{School}-records");
        var admin = await db.ActorOf($"school-{School}");
        var student = await NewActiveStudentAsync(db);
        var suspension = await Enter(db, clerk, student, Input(StatusChangeKind.Suspension, new DateOnly(2026, 9, 7), new DateOnly(2026, 10, 8)), StatusChangeTestEvidence.Application);
        await Run(db, clerk, sp => sp.GetRequiredService<SubmitStatusChange>().HandleAsync(suspension.Id, default));
        await Run(db, admin, sp => sp.GetRequiredService<ApproveStatusChange>().HandleAsync(suspension.Id, default));

        Task<IReadOnlyList<TodoItem>> Todo(Actor who) =>
            Run(db, who, sp => sp.GetRequiredService<IEnumerable<ITodoSource>>().OfType<SuspensionReturnTodo>().Single().ItemsAsync(default));
        var item = Assert.Single(await Todo(clerk), i => i.Link == $"/students/{student}");
        Assert.Equal(TodoKind.Late, item.Kind);
        Assert.Contains("预计 2026-10-08 复学", item.Detail);
        Assert.Empty(await Todo(await db.ActorOf("school-44030005-records")));
        Assert.Empty(await Todo(await db.ActorOf("city-4401")));

        // Entering the resumption (still a draft) takes it off the panel.
        await Enter(db, clerk, student, Input(StatusChangeKind.Resumption, new DateOnly(2026, 10, 14)), []);
        Assert.DoesNotContain(await Todo(clerk), i => i.Link == $"/students/{student}");
    }

    [Theory]
    [BothDatabases]
    public async Task KindRule_AProvincesOwnRow_AppliesToItsSchoolsBeforeTheNations_Audited(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var province = await db.ActorOf("prov-44");
        var set = await Run(db, province, sp => sp.GetRequiredService<SetStatusChangeKindRule>().HandleAsync(new KindRuleInput
        {
            Kind = StatusChangeKind.Repeat, ValidFrom = new DateOnly(2026, 10, 15), EvidenceRequired = true, Evidence = "任课教师及班主任意见", Source = "广东省实施细则（测试）",
        }, default));
        Assert.Equal("/44/", set.ScopePath);

        var inGuangdong = await Run(db, province, sp => sp.GetRequiredService<StatusChangeKindRules>().ApplyingAsync(StatusChangeKind.Repeat, "/44/4401/44010004/", new DateOnly(2026, 10, 15), default));
        var inSichuan = await Run(db, province, sp => sp.GetRequiredService<StatusChangeKindRules>().ApplyingAsync(StatusChangeKind.Repeat, "/51/5101/51010004/", new DateOnly(2026, 10, 15), default));
        var earlier = await Run(db, province, sp => sp.GetRequiredService<StatusChangeKindRules>().ApplyingAsync(StatusChangeKind.Repeat, "/44/4401/44010004/", new DateOnly(2026, 10, 14), default));
        Assert.True(inGuangdong!.EvidenceRequired);
        Assert.False(inSichuan!.EvidenceRequired);
        Assert.False(earlier!.EvidenceRequired);

        var audit = await Run(db, Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<AuditEvent>().IgnoreQueryFilters()
            .Where(e => e.Action == StatusChangeAuditActions.KindRuleSet.Code).ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal("prov-44", entry.ActorUserName);

        // The same day twice at the same level: a Chinese 409, not a second row.
        var again = await Assert.ThrowsAsync<AppException>(() => Run(db, province, sp => sp.GetRequiredService<SetStatusChangeKindRule>().HandleAsync(new KindRuleInput
        {
            Kind = StatusChangeKind.Repeat, ValidFrom = new DateOnly(2026, 10, 15), EvidenceRequired = false, Source = "重复",
        }, default)));
        Assert.Equal(ErrorKind.Conflict, again.Kind);
    }

    private static StatusChange NewChange(StatusChangeKind kind, TransferSide side = TransferSide.None)
    {
        var student = new StudentStatusInfo(Guid.NewGuid(), 1, School, "/44/4401/44010004/", "测试", "4401**********0011", null, "数控加工", false, MajorArts.None, "1班",
            true, true, new DateOnly(2026, 9, 1), EnrolmentStatus.Active, null, null, null);
        var change = new StatusChange(Guid.NewGuid(), kind, side, student, "测试学校", new DateOnly(2026, 10, 12), new DateOnly(2026, 10, 26), "申请", "clerk", DateTime.UtcNow);
        change.Submit("clerk", DateTime.UtcNow, new DateOnly(2026, 10, 12));
        return change;
    }

    [Fact]
    public void Approve_TheEntityRefusesWhileRequiredEvidenceIsMissing_NotWhenNothingIsRequired()
    {
        var withdrawal = NewChange(StatusChangeKind.Withdrawal);
        var ex = Assert.Throws<AppException>(() => withdrawal.Approve("city", DateTime.UtcNow, new EvidenceOnFile("本人及监护人的退学申请", 0)));
        Assert.Equal("缺少证明材料：本人及监护人的退学申请。请学校上传后再审批，或退回学校补充", ex.Message);
        Assert.Equal(StatusChangeState.Submitted, withdrawal.State);
        Assert.Null(withdrawal.ApprovedBy);

        withdrawal.Approve("city", DateTime.UtcNow, new EvidenceOnFile("本人及监护人的退学申请", 1));
        Assert.Equal(StatusChangeState.Approved, withdrawal.State);

        var repeat = NewChange(StatusChangeKind.Repeat);
        repeat.Approve("school", DateTime.UtcNow, new EvidenceOnFile(null, 0));
        Assert.Equal(StatusChangeState.Approved, repeat.State);
    }

    [Fact]
    public void EvidenceOnFile_TheReceivingSideOfATransfer_IsApprovedOnItsAcceptance()
    {
        var rule = new StatusChangeKindRule(1, StatusChangeKind.Transfer, "/", new DateOnly(2024, 1, 1), true, "转入学校同意接收的证明", null, "依据", "system", DateTime.UtcNow);
        Assert.Equal("转入学校同意接收的证明", EvidenceOnFile.Of(rule, TransferSide.Out, 0).Missing);
        Assert.Null(EvidenceOnFile.Of(rule, TransferSide.Out, 1).Missing);
        Assert.Null(EvidenceOnFile.Of(rule, TransferSide.In, 0).Missing);
    }

    [Fact]
    public void SetSuspensionPeriod_ReturnAfterStart_WithinTheLongestPeriod_OnlyForASuspension()
    {
        var suspension = NewChange(StatusChangeKind.Suspension);
        Assert.Contains("应晚于休学生效日期 2026-10-12", Assert.Throws<AppException>(() => suspension.SetSuspensionPeriod(new DateOnly(2026, 10, 12), 24)).Message);
        Assert.Contains("不能超过 24 个月", Assert.Throws<AppException>(() => suspension.SetSuspensionPeriod(new DateOnly(2028, 10, 13), 24)).Message);
        suspension.SetSuspensionPeriod(new DateOnly(2028, 10, 12), 24);
        Assert.Equal(new DateOnly(2028, 10, 12), suspension.ExpectedReturnOn);
        Assert.Contains("只有休学", Assert.Throws<AppException>(() => NewChange(StatusChangeKind.Withdrawal).SetSuspensionPeriod(new DateOnly(2027, 1, 1), null)).Message);
    }
}
