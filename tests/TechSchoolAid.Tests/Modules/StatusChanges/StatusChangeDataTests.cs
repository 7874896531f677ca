using TechSchoolAid.Kernel.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Audit.Domain;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.StatusChanges.Domain;
using TechSchoolAid.Modules.StatusChanges.Features;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Modules.Students.Features;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.StatusChanges;

/// <summary>Status changes (STA-1, STA-2, STA-5) on a real database, once per provider. Today is 2026-10-15 (Thursday).</summary>
public sealed class StatusChangeDataTests
{
    private const string School = "44010004";      // 市管, city 4401
    private const string OtherCity = "44030005";   // 市管, city 4403
    private const string OtherProvince = "51010004"; // 市管, city 5101 of 四川

    private static readonly DateOnly Enrolled = new(2026, 9, 1);
    private static int _person;

    /// <summary>A person no other test of this class uses: one birth day each (TestIds.Make varies only the order code).</summary>
    private static string NewId()
    {
        var n = Interlocked.Increment(ref _person);
        return TestIds.Make(birth: new DateOnly(2010, 1, 1).AddDays(n).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<Guid> NewActiveStudentAsync(TestDatabase db, string schoolCode, string? idNumber = null, string reviewer = "")
    {
        var school = await db.ActorOf($"school-{schoolCode}");
        var record = await db.As(school, sp => sp.GetRequiredService<RegisterStudent>().HandleAsync(schoolCode, TestIds.Student(idNumber ?? NewId()), default));
        await db.As(school, async sp =>
        {
            await sp.GetRequiredService<VerifyRegistration>().HandleAsync(schoolCode, [record.Id], null, default);
            return await sp.GetRequiredService<SubmitRegistrations>().HandleAsync(schoolCode, [record.Id], default);
        });
        var city = await db.ActorOf(reviewer.Length > 0 ? reviewer : $"city-{schoolCode[..4]}");
        await db.As(city, sp => sp.GetRequiredService<ApproveRegistrations>().HandleAsync([record.Id], null, default));
        return record.Id;
    }

    private static StatusChangeInput Input(StatusChangeKind kind, DateOnly occurredOn, string? toSchool = null) =>
        new()
        {
            Kind = kind, OccurredOn = occurredOn, Reason = "家庭原因，本人及监护人申请", ToSchoolCode = toSchool, NewMajor = kind == StatusChangeKind.MajorChange ? "汽车维修" : null,
            ExpectedReturnOn = kind == StatusChangeKind.Suspension ? occurredOn.AddMonths(6) : null,
        };

    private static Task<StatusChange> Enter(TestDatabase db, Actor clerk, Guid student, StatusChangeInput input) =>
        db.As(clerk, sp => sp.GetRequiredService<EnterStatusChange>().HandleAsync(student, input, StatusChangeTestEvidence.Application, default));

    private static Task<StatusChange> Step(TestDatabase db, Actor actor, Func<IServiceProvider, Task<StatusChange>> step) =>
        db.As(actor, step);

    private static Task<StudentStatusInfo> Student(TestDatabase db, Guid id) =>
        db.As(Actor.System("test"), sp => sp.GetRequiredService<StudentLifecycle>().GetAsync(id, default));

    private static Task<EligibilityAnswer> Eligible(TestDatabase db, Guid id, DateOnly date) =>
        db.As(Actor.System("test"), sp => sp.GetRequiredService<IAidEligibility>().IsEligibleForAidAsync(id, date));

    private static Task<int> CountChanges(TestDatabase db) =>
        db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<StatusChange>().CountAsync());

    [Theory]
    [BothDatabases]
    public async Task Enter_AcrossNationalDay_DueDateIsTenWorkingDaysOnTheCalendar(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clerk = await db.ActorOf($"school-{School}-records");
        var student = await NewActiveStudentAsync(db, School);

        // 2026-09-28 (Mon): 09-29, 09-30, [10-01..10-07 National Day], 10-08, 10-09, 10-10 (Saturday made a working day),
        // 10-12, 10-13, 10-14, 10-15, 10-16 → the tenth working day is 2026-10-16.
        var change = await Enter(db, clerk, student, Input(StatusChangeKind.Suspension, new DateOnly(2026, 9, 28)));
        Assert.Equal(new DateOnly(2026, 10, 16), change.DueDate);
        Assert.Equal(StatusChangeState.Draft, change.State);
        Assert.Equal($"school-{School}-records", change.EnteredBy);

        // 2024-09-27 (Fri): 09-29 (Sunday made a working day), 09-30, [10-01..10-07], 10-08..10-11, 10-12 (Saturday worked),
        // 10-14, 10-15, 10-16 → 2024-10-16.
        var due2024 = await db.As(clerk, sp => sp.GetRequiredService<StatusChangeDeadlines>().DueDateAsync(new DateOnly(2024, 9, 27), default));
        Assert.Equal(new DateOnly(2024, 10, 16), due2024);
    }

    [Theory]
    [BothDatabases]
    public async Task Suspension_ApprovedBySchool_EndsEligibilityNextDay_ResumptionRestoresIt(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clerk = await db.ActorOf($"school-{School}-records");
        var admin = await db.ActorOf($"school-{School}");
        var city = await db.ActorOf("city-4401");
        var student = await NewActiveStudentAsync(db, School);
        Assert.True((await Eligible(db, student, new DateOnly(2026, 10, 1))).Eligible);

        var suspension = await Enter(db, clerk, student, Input(StatusChangeKind.Suspension, new DateOnly(2026, 10, 8)));
        await Step(db, clerk, sp => sp.GetRequiredService<SubmitStatusChange>().HandleAsync(suspension.Id, default));
        var forbidden = await Assert.ThrowsAsync<AppException>(() => Step(db, city, sp => sp.GetRequiredService<ApproveStatusChange>().HandleAsync(suspension.Id, default)));
        Assert.Equal(ErrorKind.Forbidden, forbidden.Kind);
        var approved = await Step(db, admin, sp => sp.GetRequiredService<ApproveStatusChange>().HandleAsync(suspension.Id, default));
        Assert.Equal(StatusChangeState.Approved, approved.State);
        Assert.Equal(EnrolmentStatus.Suspended, (await Student(db, student)).Status);

        Assert.True((await Eligible(db, student, new DateOnly(2026, 10, 8))).Eligible);
        var after = await Eligible(db, student, new DateOnly(2026, 10, 9));
        Assert.False(after.Eligible);
        Assert.Contains("休学", after.Reason);

        var resumption = await Enter(db, clerk, student, Input(StatusChangeKind.Resumption, new DateOnly(2026, 10, 13)));
        await Step(db, clerk, sp => sp.GetRequiredService<SubmitStatusChange>().HandleAsync(resumption.Id, default));
        await Step(db, admin, sp => sp.GetRequiredService<ApproveStatusChange>().HandleAsync(resumption.Id, default));
        Assert.Equal(EnrolmentStatus.Active, (await Student(db, student)).Status);
        Assert.False((await Eligible(db, student, new DateOnly(2026, 10, 12))).Eligible);
        var back = await Eligible(db, student, new DateOnly(2026, 10, 13));
        Assert.True(back.Eligible);
        Assert.Contains("复学", back.Reason);

        var actions = await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<AuditEvent>()
            .Where(e => e.SubjectId == suspension.Id.ToString()).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync());
        Assert.Equal(["status_change.entered", "status_change.evidence_added", "status_change.submitted", "status_change.approved"], actions);
    }

    [Theory]
    [BothDatabases]
    public async Task Withdrawal_NeedsDirectAuthority_FreesThePlace_UndoRestoresIt(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clerk = await db.ActorOf($"school-{School}-records");
        var idNumber = NewId();
        var student = await NewActiveStudentAsync(db, School, idNumber);
        var change = await Enter(db, clerk, student, Input(StatusChangeKind.Withdrawal, new DateOnly(2026, 10, 12)));
        await Step(db, clerk, sp => sp.GetRequiredService<SubmitStatusChange>().HandleAsync(change.Id, default));

        foreach (var who in new[] { $"school-{School}", "prov-44", "city-4403" })
        {
            var ex = await Assert.ThrowsAsync<AppException>(() => db.As(db.ActorOf(who).Result, sp => sp.GetRequiredService<ApproveStatusChange>().HandleAsync(change.Id, default)));
            Assert.True(ex.Kind is ErrorKind.Forbidden or ErrorKind.NotFound, who);
        }

        var city = await db.ActorOf("city-4401");
        await Step(db, city, sp => sp.GetRequiredService<ApproveStatusChange>().HandleAsync(change.Id, default));
        Assert.Equal(EnrolmentStatus.Withdrawn, (await Student(db, student)).Status);
        Assert.False((await Eligible(db, student, new DateOnly(2026, 10, 13))).Eligible);
        Assert.False(await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<StudentRecord>().Where(s => s.Id == student).Select(s => s.HoldsPlace).SingleAsync()));

        // Undo by the authority: the record is active again, the change stays with its history.
        var schoolUndo = await Assert.ThrowsAsync<AppException>(() => Step(db, db.ActorOf($"school-{School}").Result, sp => sp.GetRequiredService<UndoStatusChange>().HandleAsync(change.Id, "误操作", default)));
        Assert.Equal(ErrorKind.Forbidden, schoolUndo.Kind);
        var noReason = await Assert.ThrowsAsync<AppException>(() => Step(db, city, sp => sp.GetRequiredService<UndoStatusChange>().HandleAsync(change.Id, " ", default)));
        Assert.Equal(ErrorKind.Validation, noReason.Kind);
        var undone = await Step(db, city, sp => sp.GetRequiredService<UndoStatusChange>().HandleAsync(change.Id, "学生撤回退学申请，经核实系误报", default));
        Assert.Equal(StatusChangeState.Undone, undone.State);
        Assert.Equal(EnrolmentStatus.Active, (await Student(db, student)).Status);
        Assert.True((await Eligible(db, student, new DateOnly(2026, 10, 14))).Eligible);
        var detail = await db.As(city, sp => sp.GetRequiredService<GetStatusChangeDetail>().HandleAsync(change.Id, default));
        Assert.Equal(["entered", "evidence", "submitted", "approved", "undone"], detail.History.Select(h => h.Action));

        // Withdrawn for good: the person may register at another school (ENR-4's place is free).
        var again = await Enter(db, clerk, student, Input(StatusChangeKind.Withdrawal, new DateOnly(2026, 10, 14)));
        await Step(db, clerk, sp => sp.GetRequiredService<SubmitStatusChange>().HandleAsync(again.Id, default));
        await Step(db, city, sp => sp.GetRequiredService<ApproveStatusChange>().HandleAsync(again.Id, default));
        var elsewhere = await db.As(await db.ActorOf($"school-{OtherCity}"), sp => sp.GetRequiredService<RegisterStudent>().HandleAsync(OtherCity, TestIds.Student(idNumber ?? NewId()), default));
        Assert.True(elsewhere.HoldsPlace);
    }

    [Theory]
    [BothDatabases]
    public async Task Transfer_AcrossProvinces_BothSidesAcceptAndApprove_OnePersonHistory(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var sender = await db.ActorOf($"school-{School}-records");
        var receiver = await db.ActorOf($"school-{OtherProvince}");
        var student = await NewActiveStudentAsync(db, School);

        var sameSchool = await Assert.ThrowsAsync<AppException>(() => Enter(db, sender, student, Input(StatusChangeKind.Transfer, new DateOnly(2026, 10, 9), School)));
        Assert.Contains("本校", sameSchool.Message);

        var change = await Enter(db, sender, student, Input(StatusChangeKind.Transfer, new DateOnly(2026, 10, 9), OtherProvince));
        Assert.Equal(TransferSide.Out, change.Side);
        await Step(db, sender, sp => sp.GetRequiredService<SubmitStatusChange>().HandleAsync(change.Id, default));

        // The receiving school sees its own row (and not the sender's); approving before acceptance is refused.
        var inbox = await db.As(receiver, sp => sp.GetRequiredService<ListStatusChanges>().HandleAsync(new StatusChangeFilter(), default));
        var inbound = Assert.Single(inbox.Items);
        Assert.Equal(TransferSide.In, inbound.Side);
        Assert.Equal(School, inbound.OtherSchoolCode);
        var city5101 = await db.ActorOf("city-5101");
        var early = await Assert.ThrowsAsync<AppException>(() => Step(db, city5101, sp => sp.GetRequiredService<ApproveStatusChange>().HandleAsync(inbound.Id, default)));
        Assert.Equal(ErrorKind.Conflict, early.Kind);

        await Step(db, receiver, sp => sp.GetRequiredService<AcceptTransfer>().HandleAsync(inbound.Id, default));
        await Step(db, await db.ActorOf("city-4401"), sp => sp.GetRequiredService<ApproveStatusChange>().HandleAsync(change.Id, default));
        Assert.Equal(EnrolmentStatus.Active, (await Student(db, student)).Status);
        await Step(db, city5101, sp => sp.GetRequiredService<ApproveStatusChange>().HandleAsync(inbound.Id, default));

        var old = await Student(db, student);
        Assert.Equal(EnrolmentStatus.TransferredOut, old.Status);
        var completed = await db.As(receiver, sp => sp.GetRequiredService<GetStatusChangeDetail>().GetAsync(inbound.Id, default));
        Assert.Equal(StatusChangeState.Approved, completed.State);
        var newId = completed.NewStudentId!.Value;
        var moved = await Student(db, newId);
        Assert.Equal(OtherProvince, moved.SchoolCode);
        Assert.Equal(EnrolmentStatus.Active, moved.Status);
        Assert.Equal(student, moved.ContinuedFromId);
        Assert.StartsWith("2026" + OtherProvince, moved.StatusNumber);

        // Every step on either school's rows is audited in the name of the human who took it: no system actor.
        string[] subjects = [change.Id.ToString(), inbound.Id.ToString(), student.ToString(), newId.ToString()];
        var audited = await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<AuditEvent>()
            .Where(e => subjects.Contains(e.SubjectId)).Select(e => new { e.Action, e.ActorUserName, e.ScopePath }).ToListAsync());
        Assert.Contains(audited, e => e.Action == "status_change.transfer_proposed" && e.ActorUserName == sender.UserName);
        Assert.Equal(2, audited.Count(e => e.Action == "status_change.accepted" && e.ActorUserName == receiver.UserName));
        Assert.Contains(audited, e => e.Action == "student.transferred_out" && e.ActorUserName == city5101.UserName);
        Assert.Contains(audited, e => e.Action == "student.transferred_in" && e.ActorUserName == city5101.UserName);
        Assert.DoesNotContain(audited, e => e.ActorUserName.StartsWith("transfer:", StringComparison.Ordinal));

        var history = await db.As(receiver, sp => sp.GetRequiredService<StudentLifecycle>().PersonHistoryAsync(newId, default));
        Assert.Equal([School, OtherProvince], history.Select(h => h.SchoolCode));

        Assert.True((await Eligible(db, student, new DateOnly(2026, 10, 9))).Eligible);
        Assert.False((await Eligible(db, student, new DateOnly(2026, 10, 10))).Eligible);
        Assert.False((await Eligible(db, newId, new DateOnly(2026, 10, 9))).Eligible);
        Assert.True((await Eligible(db, newId, new DateOnly(2026, 10, 10))).Eligible);
    }

    [Theory]
    [BothDatabases]
    public async Task Enter_BadInput_RefusedWithChineseMessage_NothingWritten(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clerk = await db.ActorOf($"school-{School}-records");
        var student = await NewActiveStudentAsync(db, School);
        var before = await CountChanges(db);

        async Task<AppException> Refused(Guid id, StatusChangeInput input, ErrorKind kind, string text)
        {
            var ex = await Assert.ThrowsAsync<AppException>(() => Enter(db, clerk, id, input));
            Assert.Equal(kind, ex.Kind);
            Assert.Contains(text, ex.Message);
            Assert.Equal(before, await CountChanges(db));
            return ex;
        }

        var future = await Refused(student, Input(StatusChangeKind.Suspension, new DateOnly(2026, 10, 16)), ErrorKind.Validation, "晚于今天");
        Assert.True(future.Errors.ContainsKey("occurredOn"));
        await Refused(student, Input(StatusChangeKind.Suspension, Enrolled.AddDays(-1)), ErrorKind.Validation, "早于入学日期 2026-09-01");
        await Refused(student, Input(StatusChangeKind.Resumption, new DateOnly(2026, 10, 12)), ErrorKind.Conflict, "没有休学");
        await Refused(student, Input(StatusChangeKind.Transfer, new DateOnly(2026, 10, 12), School), ErrorKind.Validation, "转入学校不能是本校");
        await Refused(student, Input(StatusChangeKind.Transfer, new DateOnly(2026, 10, 12), "99999999"), ErrorKind.Validation, "不存在");
        await Refused(student, new StatusChangeInput { Kind = StatusChangeKind.Suspension, OccurredOn = new DateOnly(2026, 10, 12), ExpectedReturnOn = new DateOnly(2027, 3, 1) }, ErrorKind.Validation, "原因");

        // Not active: a student whose registration is not approved yet.
        var school = await db.ActorOf($"school-{School}");
        var unapproved = await db.As(school, sp => sp.GetRequiredService<RegisterStudent>().HandleAsync(School, TestIds.Student(NewId()), default));
        await Refused(unapproved.Id, Input(StatusChangeKind.Suspension, new DateOnly(2026, 10, 12)), ErrorKind.Conflict, "尚未审核通过");

        // A second pending change of the same kind.
        await Enter(db, clerk, student, Input(StatusChangeKind.Suspension, new DateOnly(2026, 10, 12)));
        before = await CountChanges(db);
        await Refused(student, Input(StatusChangeKind.Suspension, new DateOnly(2026, 10, 13)), ErrorKind.Conflict, "未办结的「休学」");

        // Not active: a withdrawn student.
        var gone = await NewActiveStudentAsync(db, School);
        var w = await Enter(db, clerk, gone, Input(StatusChangeKind.Withdrawal, new DateOnly(2026, 10, 12)));
        await Step(db, clerk, sp => sp.GetRequiredService<SubmitStatusChange>().HandleAsync(w.Id, default));
        await Step(db, await db.ActorOf("city-4401"), sp => sp.GetRequiredService<ApproveStatusChange>().HandleAsync(w.Id, default));
        before = await CountChanges(db);
        await Refused(gone, Input(StatusChangeKind.Suspension, new DateOnly(2026, 10, 13)), ErrorKind.Conflict, "不是在籍学生");

        // Outside the clerk's school: not found.
        var foreign = await NewActiveStudentAsync(db, OtherCity);
        await Refused(foreign, Input(StatusChangeKind.Suspension, new DateOnly(2026, 10, 13)), ErrorKind.NotFound, "不存在");
    }

    [Theory]
    [BothDatabases]
    public async Task Lists_DueSoonLateAndProcessedLate_AndOnTimeRate(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clerk = await db.ActorOf($"school-{School}-records");
        var city = await db.ActorOf("city-4401");
        var a = await NewActiveStudentAsync(db, School);
        var b = await NewActiveStudentAsync(db, School);
        var c = await NewActiveStudentAsync(db, School);

        var late = await Enter(db, clerk, a, Input(StatusChangeKind.Suspension, new DateOnly(2026, 9, 14)));   // due 2026-09-28: late
        var soon = await Enter(db, clerk, b, Input(StatusChangeKind.Suspension, new DateOnly(2026, 9, 28)));   // due 2026-10-16: due soon
        var fresh = await Enter(db, clerk, c, Input(StatusChangeKind.Suspension, new DateOnly(2026, 10, 15))); // due 2026-10-29
        Assert.Equal(new DateOnly(2026, 9, 28), late.DueDate);

        async Task<HashSet<Guid>> Ids(Actor who, StatusChangeFilter f) =>
            (await db.As(who, sp => sp.GetRequiredService<ListStatusChanges>().HandleAsync(f, default))).Items.Select(i => i.Id).ToHashSet();

        Assert.Equal([late.Id], await Ids(city, new StatusChangeFilter { Overdue = true }));
        Assert.Equal([soon.Id], await Ids(clerk, new StatusChangeFilter { DueSoon = true }));
        Assert.Empty(await Ids(await db.ActorOf("city-4403"), new StatusChangeFilter { Overdue = true }));

        // Submitted but not yet approved, the late one is still overdue: the due date runs to the completion (issue 11).
        await Step(db, clerk, sp => sp.GetRequiredService<SubmitStatusChange>().HandleAsync(late.Id, default));
        await Step(db, clerk, sp => sp.GetRequiredService<SubmitStatusChange>().HandleAsync(fresh.Id, default));
        Assert.Equal([late.Id], await Ids(city, new StatusChangeFilter { Overdue = true }));
        var admin = await db.ActorOf($"school-{School}");
        await Step(db, admin, sp => sp.GetRequiredService<ApproveStatusChange>().HandleAsync(late.Id, default));
        await Step(db, admin, sp => sp.GetRequiredService<ApproveStatusChange>().HandleAsync(fresh.Id, default));
        var processedLate = await Ids(await db.ActorOf("prov-44"), new StatusChangeFilter { ProcessedLate = true });
        Assert.Equal([late.Id], processedLate);
        Assert.Empty(await Ids(city, new StatusChangeFilter { Overdue = true }));

        // A week later the open one is late too: 1 completed on time, 1 completed late, 1 overdue → 1/3.
        db.Clock.Advance(TimeSpan.FromDays(7));
        var rates = await db.As(city, sp => sp.GetRequiredService<StatusChangeOnTimeRates>().HandleAsync(null, default));
        var rate = Assert.Single(rates, r => r.SchoolCode == School);
        Assert.Equal((3, 1, 1, 1), (rate.Total, rate.OnTime, rate.ProcessedLate, rate.OverdueOpen));
        Assert.Equal(0.3333, rate.Rate);
        Assert.DoesNotContain(await db.As(await db.ActorOf("city-4403"), sp => sp.GetRequiredService<StatusChangeOnTimeRates>().HandleAsync(null, default)), r => r.SchoolCode == School);
    }

    [Theory]
    [BothDatabases]
    public async Task Eligibility_NotFullTimeOrNotApproved_NotEligibleWithReason(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var school = await db.ActorOf($"school-{School}");
        var unapproved = await db.As(school, sp => sp.GetRequiredService<RegisterStudent>().HandleAsync(School, TestIds.Student(NewId()), default));
        var answer = await Eligible(db, unapproved.Id, new DateOnly(2026, 10, 1));
        Assert.False(answer.Eligible);
        Assert.Contains("正式学籍", answer.Reason);

        var active = await NewActiveStudentAsync(db, School);
        Assert.False((await Eligible(db, active, new DateOnly(2026, 8, 31))).Eligible);
        Assert.Equal("在籍全日制正式学籍", (await Eligible(db, active, new DateOnly(2026, 9, 1))).Reason);

        var partTime = TestIds.Student(NewId());
        partTime.IsFullTime = false;
        var pt = await db.As(school, sp => sp.GetRequiredService<RegisterStudent>().HandleAsync(School, partTime, default));
        await db.As(school, async sp =>
        {
            await sp.GetRequiredService<VerifyRegistration>().HandleAsync(School, [pt.Id], null, default);
            return await sp.GetRequiredService<SubmitRegistrations>().HandleAsync(School, [pt.Id], default);
        });
        await db.As(await db.ActorOf("city-4401"), sp => sp.GetRequiredService<ApproveRegistrations>().HandleAsync([pt.Id], null, default));
        var ptAnswer = await Eligible(db, pt.Id, new DateOnly(2026, 10, 1));
        Assert.False(ptAnswer.Eligible);
        Assert.Contains("非全日制", ptAnswer.Reason);
    }

    [Fact]
    public void Evidence_TypeDecidedByContent()
    {
        Assert.Equal("application/pdf", EvidenceUpload.Sniff("%PDF-1.7\n"u8));
        Assert.Equal("image/png", EvidenceUpload.Sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]));
        Assert.Equal("image/jpeg", EvidenceUpload.Sniff([0xFF, 0xD8, 0xFF, 0xE0]));
        Assert.Null(EvidenceUpload.Sniff("MZ\u0090\0"u8));
    }

    [Fact]
    public void Lifecycle_GuardedTransitions()
    {
        Assert.True(EnrolmentStatuses.CanMove(EnrolmentStatus.Active, EnrolmentStatus.Suspended));
        Assert.True(EnrolmentStatuses.CanMove(EnrolmentStatus.Suspended, EnrolmentStatus.Active));
        Assert.False(EnrolmentStatuses.CanMove(EnrolmentStatus.Withdrawn, EnrolmentStatus.Active));
        Assert.False(EnrolmentStatuses.CanMove(EnrolmentStatus.Pending, EnrolmentStatus.Suspended));
        Assert.False(EnrolmentStatuses.CanMove(EnrolmentStatus.Suspended, EnrolmentStatus.TransferredOut));
        Assert.True(EnrolmentStatus.Deceased.IsEnded());
        Assert.False(EnrolmentStatus.Reserved.IsEnded());
    }
}
