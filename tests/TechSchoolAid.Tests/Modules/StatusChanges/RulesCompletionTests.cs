using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.StatusChanges.Domain;
using TechSchoolAid.Modules.StatusChanges.Features;
using TechSchoolAid.Modules.Students.Features;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.StatusChanges;

/// <summary>
/// Issue 11, item 4: 「10个工作日内在信息系统中完成异动处理」 (人社厅函〔2024〕53号) — a status change is due when it is
/// completed (its last required approval), not when the school submits it; lists name the stage that made it late and
/// on-time rates count completion. Today is 2026-10-15 (Thursday); a change of 2026-09-28 is due 2026-10-16.
/// </summary>
public sealed class RulesCompletionTests
{
    private const string School = "44010004";        // 市管, city 4401
    private const string OtherProvince = "51010004";  // 市管, city 5101 of 四川

    private static readonly DateOnly DueTomorrow = new(2026, 9, 28);
    private static int _person;

    private static string NewId()
    {
        var n = Interlocked.Increment(ref _person);
        return TestIds.Make(birth: new DateOnly(2009, 3, 1).AddDays(n).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture));
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

    private static StatusChangeInput Input(StatusChangeKind kind, DateOnly occurredOn, string? toSchool = null) =>
        new() { Kind = kind, OccurredOn = occurredOn, Reason = "家庭原因，本人及监护人申请", ToSchoolCode = toSchool, ExpectedReturnOn = kind == StatusChangeKind.Suspension ? occurredOn.AddMonths(6) : null };

    private static Task<StatusChange> Do(TestDatabase db, Actor actor, Func<IServiceProvider, Task<StatusChange>> step) => db.As(actor, step);

    private static async Task<StatusChange> EnterAndSubmitAsync(TestDatabase db, Guid student, StatusChangeInput input)
    {
        var clerk = await db.ActorOf($"school-{School}-records");
        var change = await Do(db, clerk, sp => sp.GetRequiredService<EnterStatusChange>().HandleAsync(student, input, StatusChangeTestEvidence.Application, default));
        return await Do(db, clerk, sp => sp.GetRequiredService<SubmitStatusChange>().HandleAsync(change.Id, default));
    }

    private static async Task<StatusChangeDto> DtoAsync(TestDatabase db, Actor who, Guid id) =>
        await db.As(who, sp => sp.GetRequiredService<GetStatusChangeDetail>().GetAsync(id, default));

    private static async Task<HashSet<Guid>> IdsAsync(TestDatabase db, Actor who, StatusChangeFilter f) =>
        (await db.As(who, sp => sp.GetRequiredService<ListStatusChanges>().HandleAsync(f, default))).Items.Select(i => i.Id).ToHashSet();

    [Theory]
    [BothDatabases]
    public async Task SubmittedOnTime_ApprovedAfterDueDate_IsLate_BlamesTheAuthority(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var city = await db.ActorOf("city-4401");
        var student = await NewActiveStudentAsync(db);
        var change = await EnterAndSubmitAsync(db, student, Input(StatusChangeKind.Withdrawal, DueTomorrow));
        Assert.Equal(new DateOnly(2026, 10, 16), change.DueDate);
        Assert.False(change.ProcessedLate);

        // The school submitted on time; on 2026-10-18 the authority has still not approved: overdue, at the authority.
        db.Clock.Advance(TimeSpan.FromDays(3));
        var open = await DtoAsync(db, city, change.Id);
        Assert.Equal(DeadlineStatus.Overdue, open.DeadlineStatus);
        Assert.Equal(LateStage.Authority, open.LateStage);
        Assert.Equal("主管部门（审核）", open.LateStageText);
        Assert.Equal([change.Id], await IdsAsync(db, city, new StatusChangeFilter { Overdue = true }));

        await Do(db, city, sp => sp.GetRequiredService<ApproveStatusChange>().HandleAsync(change.Id, default));
        var done = await DtoAsync(db, city, change.Id);
        Assert.Equal(new DateOnly(2026, 10, 18), done.CompletedOn);
        Assert.False(done.ProcessedLate);                      // the submission was on time…
        Assert.Equal(DeadlineStatus.ProcessedLate, done.DeadlineStatus); // …the change is still late
        Assert.Equal(LateStage.Authority, done.LateStage);
        Assert.Equal("主管部门（审核）", done.LateStageText);
        Assert.Equal([change.Id], await IdsAsync(db, await db.ActorOf("prov-44"), new StatusChangeFilter { ProcessedLate = true }));
        Assert.Equal([change.Id], await IdsAsync(db, city, new StatusChangeFilter { LateStage = LateStage.Authority }));
        Assert.Empty(await IdsAsync(db, city, new StatusChangeFilter { LateStage = LateStage.School }));
        Assert.Empty(await IdsAsync(db, city, new StatusChangeFilter { Overdue = true }));
    }

    [Theory]
    [BothDatabases]
    public async Task SubmittedAndApprovedOnTime_IsOnTime_NoStage(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var city = await db.ActorOf("city-4401");
        var student = await NewActiveStudentAsync(db);
        var change = await EnterAndSubmitAsync(db, student, Input(StatusChangeKind.Withdrawal, DueTomorrow));
        await Do(db, city, sp => sp.GetRequiredService<ApproveStatusChange>().HandleAsync(change.Id, default));
        db.Clock.Advance(TimeSpan.FromDays(10));
        var done = await DtoAsync(db, city, change.Id);
        Assert.Equal(new DateOnly(2026, 10, 15), done.CompletedOn);
        Assert.Equal(DeadlineStatus.OnTime, done.DeadlineStatus);
        Assert.Null(done.LateStage);
    }

    [Theory]
    [BothDatabases]
    public async Task Transfer_AcceptedAfterDueDate_BlamesTheReceivingSchool(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var receiver = await db.ActorOf($"school-{OtherProvince}");
        var sendingCity = await db.ActorOf("city-4401");
        var receivingCity = await db.ActorOf("city-5101");
        var student = await NewActiveStudentAsync(db);
        var outbound = await EnterAndSubmitAsync(db, student, Input(StatusChangeKind.Transfer, DueTomorrow, OtherProvince));
        var inboundId = outbound.CounterpartId!.Value;

        // Past the due date, waiting for the receiving school: both rows say so.
        db.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(LateStage.ReceivingSchool, (await DtoAsync(db, sendingCity, outbound.Id)).LateStage);
        Assert.Equal(LateStage.ReceivingSchool, (await DtoAsync(db, receiver, inboundId)).LateStage);
        Assert.Equal([inboundId], await IdsAsync(db, receiver, new StatusChangeFilter { Overdue = true }));

        await Do(db, receiver, sp => sp.GetRequiredService<AcceptTransfer>().HandleAsync(inboundId, default));
        await Do(db, sendingCity, sp => sp.GetRequiredService<ApproveStatusChange>().HandleAsync(outbound.Id, default));
        await Do(db, receivingCity, sp => sp.GetRequiredService<ApproveStatusChange>().HandleAsync(inboundId, default));

        foreach (var (who, id) in new[] { (sendingCity, outbound.Id), (receiver, inboundId) })
        {
            var done = await DtoAsync(db, who, id);
            Assert.Equal(StatusChangeState.Approved, done.State);
            Assert.Equal(new DateOnly(2026, 10, 17), done.CompletedOn);
            Assert.Equal(DeadlineStatus.ProcessedLate, done.DeadlineStatus);
            Assert.Equal(LateStage.ReceivingSchool, done.LateStage);
            Assert.Equal("转入学校（接收）", done.LateStageText);
        }

        Assert.Equal([outbound.Id], await IdsAsync(db, sendingCity, new StatusChangeFilter { LateStage = LateStage.ReceivingSchool }));
    }

    [Theory]
    [BothDatabases]
    public async Task OnTimeRates_MixedSet_CountCompletionNotSubmission(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var city = await db.ActorOf("city-4401");
        var admin = await db.ActorOf($"school-{School}");

        // A: submitted and approved (by the school) on time.
        var a = await EnterAndSubmitAsync(db, await NewActiveStudentAsync(db), Input(StatusChangeKind.Suspension, new DateOnly(2026, 10, 12)));
        await Do(db, admin, sp => sp.GetRequiredService<ApproveStatusChange>().HandleAsync(a.Id, default));
        // B: submitted on time, approved by the authority after the due date.
        var b = await EnterAndSubmitAsync(db, await NewActiveStudentAsync(db), Input(StatusChangeKind.Withdrawal, DueTomorrow));
        // C: submitted late (due 2026-09-28), approved at once: late because of the school.
        var c = await EnterAndSubmitAsync(db, await NewActiveStudentAsync(db), Input(StatusChangeKind.Suspension, new DateOnly(2026, 9, 14)));
        Assert.True(c.ProcessedLate);
        await Do(db, admin, sp => sp.GetRequiredService<ApproveStatusChange>().HandleAsync(c.Id, default));
        // D: submitted on time and never approved.
        var d = await EnterAndSubmitAsync(db, await NewActiveStudentAsync(db), Input(StatusChangeKind.Withdrawal, DueTomorrow));
        // E: a draft not yet due (due 2026-10-28): not counted.
        var eStudent = await NewActiveStudentAsync(db);
        var e = await Do(db, await db.ActorOf($"school-{School}-records"), sp => sp.GetRequiredService<EnterStatusChange>()
            .HandleAsync(eStudent, Input(StatusChangeKind.Suspension, new DateOnly(2026, 10, 14)), default));

        db.Clock.Advance(TimeSpan.FromDays(3));
        await Do(db, city, sp => sp.GetRequiredService<ApproveStatusChange>().HandleAsync(b.Id, default));

        // Under the submission rule this would have been 3 on time of 4 (A, B and D were submitted on time).
        var rate = Assert.Single(await db.As(city, sp => sp.GetRequiredService<StatusChangeOnTimeRates>().HandleAsync(School, default)));
        Assert.Equal((4, 1, 2, 1), (rate.Total, rate.OnTime, rate.ProcessedLate, rate.OverdueOpen));
        Assert.Equal(0.25, rate.Rate);

        // The figures other modules (supervision's compliance summary) read are the same.
        var figure = Assert.Single(await db.As(city, sp => sp.GetRequiredService<StatusChangeFigures>().OnTimeRatesAsync(School, default)));
        Assert.Equal((4, 1, 2, 1, 0.25), (figure.Due, figure.OnTime, figure.ProcessedLate, figure.OverdueOpen, figure.Rate));

        Assert.True((await IdsAsync(db, city, new StatusChangeFilter { LateStage = LateStage.Authority })).SetEquals([b.Id, d.Id]));
        Assert.Equal([c.Id], await IdsAsync(db, city, new StatusChangeFilter { LateStage = LateStage.School }));
        Assert.DoesNotContain(e.Id, await IdsAsync(db, city, new StatusChangeFilter { Overdue = true }));
    }

    [Theory]
    [BothDatabases]
    public async Task ExpectedEnd_MovesWithApprovedSuspensionAndRepeatedYear(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var admin = await db.ActorOf($"school-{School}");
        var student = await NewActiveStudentAsync(db);
        async Task<StudentDto> Record() => await db.As(admin, sp => sp.GetRequiredService<StudentQueries>().GetAsync(student, default));
        var today = new DateOnly(2026, 10, 15);
        var nominal = (await Record()).EnrolmentDate.AddYears((await Record()).SchoolingYears);
        Assert.Equal(nominal, (await Record()).ExpectedEndOn(today));

        // An approved suspension from 2026-10-01, resumed on 2026-10-11: the end moves by its 10 days.
        var suspension = await EnterAndSubmitAsync(db, student, Input(StatusChangeKind.Suspension, new DateOnly(2026, 10, 1)));
        await Do(db, admin, sp => sp.GetRequiredService<ApproveStatusChange>().HandleAsync(suspension.Id, default));
        Assert.Equal(nominal.AddDays(14), (await Record()).ExpectedEndOn(today)); // still suspended: counts up to today
        var resumption = await EnterAndSubmitAsync(db, student, Input(StatusChangeKind.Resumption, new DateOnly(2026, 10, 11)));
        await Do(db, admin, sp => sp.GetRequiredService<ApproveStatusChange>().HandleAsync(resumption.Id, default));
        var resumed = await Record();
        Assert.Equal(nominal.AddDays(10), resumed.ExpectedEndOn(today));
        Assert.Equal("休学 10 天", resumed.ExpectedEndMoves(today));

        // An approved repeated year moves it by a year; its undo takes the year back.
        var repeat = await EnterAndSubmitAsync(db, student, Input(StatusChangeKind.Repeat, new DateOnly(2026, 10, 14)));
        await Do(db, admin, sp => sp.GetRequiredService<ApproveStatusChange>().HandleAsync(repeat.Id, default));
        Assert.Equal(nominal.AddYears(1).AddDays(10), (await Record()).ExpectedEndOn(today));
        Assert.Equal("留级 1 年、休学 10 天", (await Record()).ExpectedEndMoves(today));
        await Do(db, await db.ActorOf("city-4401"), sp => sp.GetRequiredService<UndoStatusChange>().HandleAsync(repeat.Id, "留级决定撤回", default));
        Assert.Equal(nominal.AddDays(10), (await Record()).ExpectedEndOn(today));
    }
}
