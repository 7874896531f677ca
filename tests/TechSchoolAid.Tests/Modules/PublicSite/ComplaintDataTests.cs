using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Audit.Domain;
using TechSchoolAid.Modules.Calendar;
using TechSchoolAid.Modules.PublicSite.Contracts;
using TechSchoolAid.Modules.PublicSite.Domain;
using TechSchoolAid.Modules.PublicSite.Features.Complaints;
using TechSchoolAid.Modules.PublicSite.Seeding;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.PublicSite;

/// <summary>
/// PUB-1's complaints on a real database, once per provider: routing, the working-day deadline, the follow-up, the
/// idempotent escalation up the tree, and the demo data. The clock starts on Thursday 15 October 2026.
/// </summary>
public sealed class ComplaintDataTests
{
    private const string School = "44010004"; // 市管, city 4401, province 44

    private static Task<ComplaintReceipt> File(TestDatabase db, ComplaintKind kind, string? school, string? province, string text, string phone = "13912345678") =>
        db.As(Actor.Anonymous, sp => sp.GetRequiredService<FileComplaint>().HandleAsync(
            new ComplaintFileInput { Kind = kind, SchoolCode = school, ProvinceCode = province, Text = text, Name = "李四", Phone = phone }, default));

    private static Task<Complaint> Load(TestDatabase db, string trackingNumber) =>
        db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<Complaint>().AsNoTracking().SingleAsync(c => c.TrackingNumber == trackingNumber));

    private static Task<ComplaintProgress?> Track(TestDatabase db, string number, string digits) =>
        db.As(Actor.Anonymous, sp => sp.GetRequiredService<TrackComplaint>().HandleAsync(new ComplaintTrackInput { TrackingNumber = number, PhoneLastFour = digits }, default));

    private static Task<int> Escalate(TestDatabase db) =>
        db.Services.GetRequiredService<ScheduledComplaintEscalation>().RunAsync(default);

    [Theory]
    [BothDatabases]
    public async Task Filing_RoutesToTheSchoolOrProvince_WithAWorkingDayDeadline_AndEncryptsThePhone(string provider)
    {
        await using var db = await CreateAsync(provider);
        var complaint = await File(db, ComplaintKind.Complaint, School, null, "助学金没有发放<script>alert(1)</script>");
        var consultation = await File(db, ComplaintKind.Consultation, null, "44", "请问中职免学费的范围？");

        Assert.Matches("^TS-2026-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$", complaint.TrackingNumber);
        var c = await Load(db, complaint.TrackingNumber);
        Assert.Equal("/44/4401/44010004/", c.ScopePath);
        Assert.Equal(School, c.RoutedToCode);
        Assert.Equal("助学金没有发放<script>alert(1)</script>", c.Text); // stored as text, escaped where shown
        // 15 working days from Thursday 15 October 2026 (no holiday in between): Thursday 5 November.
        Assert.Equal(new DateOnly(2026, 11, 5), c.DueOn);
        Assert.Equal(db.Services.GetRequiredService<WorkingDays>().AddWorkingDays(new DateOnly(2026, 10, 15), 15), c.DueOn);
        Assert.Equal("139****5678", c.PhoneMasked);
        Assert.Equal("李*", c.NameMasked);
        Assert.DoesNotContain("13912345678", System.Text.Encoding.Latin1.GetString(c.PhoneCipher), StringComparison.Ordinal);
        Assert.Equal("13912345678", db.Services.GetRequiredService<TechSchoolAid.Kernel.Security.PersonalDataProtector>().Decrypt(c.PhoneCipher));

        var p = await Load(db, consultation.TrackingNumber);
        Assert.Equal("/44/", p.ScopePath);
        Assert.Null(p.SchoolCode);
        Assert.Equal(new DateOnly(2026, 10, 22), p.DueOn); // 5 working days
    }

    [Theory]
    [BothDatabases]
    public async Task Deadline_IsThePolicyRowInForce_AndAMinistryChangeAppliesOnlyFromItsDate(string provider)
    {
        await using var db = await CreateAsync(provider);
        var ministry = await db.ActorOf("ministry");
        await db.As(ministry, sp => sp.GetRequiredService<SetComplaintDeadline>().HandleAsync(new ComplaintDeadlineInput
        {
            Kind = ComplaintKind.Complaint, AnswerWorkingDays = 10, ValidFrom = new DateOnly(2026, 10, 16), Source = "测试：部里调整投诉答复时限",
        }, default));
        var before = await File(db, ComplaintKind.Complaint, School, null, "当天提交的投诉");
        db.Clock.Advance(TimeSpan.FromDays(1));
        var after = await File(db, ComplaintKind.Complaint, School, null, "次日提交的投诉");
        Assert.Equal(15, (await Load(db, before.TrackingNumber)).AnswerWorkingDays);
        Assert.Equal(10, (await Load(db, after.TrackingNumber)).AnswerWorkingDays);

        var province = await db.ActorOf("prov-44");
        var refused = await Assert.ThrowsAsync<AppException>(() => db.As(province, sp => sp.GetRequiredService<SetComplaintDeadline>().HandleAsync(new ComplaintDeadlineInput
        {
            Kind = ComplaintKind.Complaint, AnswerWorkingDays = 3, ValidFrom = new DateOnly(2026, 12, 1), Source = "省里不能改",
        }, default)));
        Assert.Equal(ErrorKind.Forbidden, refused.Kind);
    }

    [Theory]
    [BothDatabases]
    public async Task Escalation_GoesUpOneLevelPerMissedDeadline_AndIsIdempotent(string provider)
    {
        await using var db = await CreateAsync(provider);
        var receipt = await File(db, ComplaintKind.Complaint, School, null, "逾期未答复的投诉");
        Assert.Equal(0, await Escalate(db)); // nothing overdue yet (the demo's escalated one has a new deadline)

        db.Clock.Advance(TimeSpan.FromDays(22)); // 6 November: one day past 5 November
        await Escalate(db);
        var once = await Load(db, receipt.TrackingNumber);
        Assert.Equal("/44/4401/", once.EscalatedToPath);
        Assert.Equal(1, once.EscalationLevel);
        Assert.True(once.DueOn > new DateOnly(2026, 11, 6));
        Assert.Equal(0, await Escalate(db)); // the same day again: nothing changes
        Assert.Equal(once.Version, (await Load(db, receipt.TrackingNumber)).Version);

        db.Clock.Advance(TimeSpan.FromDays(30));
        await Escalate(db);
        Assert.Equal("/44/", (await Load(db, receipt.TrackingNumber)).EscalatedToPath);
        db.Clock.Advance(TimeSpan.FromDays(30));
        await Escalate(db);
        Assert.Equal("/", (await Load(db, receipt.TrackingNumber)).EscalatedToPath);
        db.Clock.Advance(TimeSpan.FromDays(30));
        await Escalate(db);
        var top = await Load(db, receipt.TrackingNumber);
        Assert.Equal("/", top.EscalatedToPath); // the ministry is the top
        Assert.Equal(3, top.EscalationLevel);

        var escalations = await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<AuditEvent>().AsNoTracking()
            .CountAsync(e => e.Action == PublicSiteAuditActions.ComplaintEscalated.Code && e.SubjectId == top.Id.ToString()));
        Assert.Equal(3, escalations);

        // The city sees it (escalated to it), the school can still answer it.
        var school = await db.ActorOf("school-44010004-aid");
        await db.As(school, sp => sp.GetRequiredService<AnswerComplaint>().HandleAsync(top.Id, new ComplaintAnswerInput { Answer = "已补发", Upheld = true }, default));
        db.Clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(0, await Escalate(db));
    }

    [Theory]
    [BothDatabases]
    public async Task FollowUp_RightDigitsShowTheAnswer_WrongDigitsAndUnknownNumbersLookTheSame(string provider)
    {
        await using var db = await CreateAsync(provider);
        var receipt = await File(db, ComplaintKind.Consultation, School, null, "请问助学金什么时候发？", "020-87654321");
        var open = await Track(db, receipt.TrackingNumber, "4321");
        Assert.NotNull(open);
        Assert.Equal("办理中", open.Status);
        Assert.Null(open.Answer);
        Assert.Null(await Track(db, receipt.TrackingNumber, "4322"));
        Assert.Null(await Track(db, "TS-2026-2222-2222", "4321"));
        Assert.Null(await Track(db, receipt.TrackingNumber.ToLowerInvariant(), "43")); // lower case is fine, but 2 digits are not
        Assert.NotNull(await Track(db, " " + receipt.TrackingNumber.ToLowerInvariant() + " ", "4321"));

        var id = (await Load(db, receipt.TrackingNumber)).Id;
        var school = await db.ActorOf("school-44010004-aid");
        await db.As(school, sp => sp.GetRequiredService<AnswerComplaint>().HandleAsync(id, new ComplaintAnswerInput { Answer = "秋季学期助学金于11月发放" }, default));
        var answered = await Track(db, receipt.TrackingNumber, "4321");
        Assert.Equal("已答复", answered!.Status);
        Assert.Equal("秋季学期助学金于11月发放", answered.Answer);
        Assert.Equal(new DateOnly(2026, 10, 15), answered.AnsweredOn);
        var again = await Assert.ThrowsAsync<AppException>(() =>
            db.As(school, sp => sp.GetRequiredService<AnswerComplaint>().HandleAsync(id, new ComplaintAnswerInput { Answer = "再次答复" }, default)));
        Assert.Equal(ErrorKind.Conflict, again.Kind);
    }

    [Theory]
    [BothDatabases]
    public async Task Transfer_StaysInTheCallersScope_AndMovesTheComplaint(string provider)
    {
        await using var db = await CreateAsync(provider);
        var receipt = await File(db, ComplaintKind.Complaint, null, "44", "某校未公示助学金名单");
        var id = (await Load(db, receipt.TrackingNumber)).Id;
        var province = await db.ActorOf("prov-44");
        var outside = await Assert.ThrowsAsync<AppException>(() => db.As(province, sp => sp.GetRequiredService<TransferComplaint>().HandleAsync(id,
            new ComplaintTransferInput { ToOrganizationCode = "51010004", Reason = "转给学校" }, default)));
        Assert.Equal(ErrorKind.Validation, outside.Kind);
        Assert.Contains("toOrganizationCode", outside.Errors!.Keys);
        await db.As(province, sp => sp.GetRequiredService<TransferComplaint>().HandleAsync(id,
            new ComplaintTransferInput { ToOrganizationCode = School, Reason = "涉及具体学校，转学校答复" }, default));
        var moved = await Load(db, receipt.TrackingNumber);
        Assert.Equal("/44/4401/44010004/", moved.ScopePath);
        Assert.Equal(School, moved.SchoolCode);
        Assert.Equal(new DateOnly(2026, 11, 5), moved.DueOn); // the deadline stays

        // Another school cannot see it: 404.
        var other = await db.ActorOf("school-44010007");
        var hidden = await Assert.ThrowsAsync<AppException>(() => db.As(other, sp => sp.GetRequiredService<GetComplaint>().HandleAsync(id, default)));
        Assert.Equal(ErrorKind.NotFound, hidden.Kind);
    }

    [Theory]
    [BothDatabases]
    public async Task DemoData_HotlinesAndThreeComplaintsAboutTheFirstCitySchool(string provider)
    {
        await using var db = await CreateAsync(provider);
        var rows = await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<Complaint>().AsNoTracking().Where(c => c.SchoolCode == School).ToListAsync());
        Assert.Equal(3, rows.Count);
        var today = new DateOnly(2026, 10, 15);
        Assert.Single(rows, r => r.Status == ComplaintStatus.Answered);
        Assert.Single(rows, r => r.Status == ComplaintStatus.Open && !r.IsOverdue(today) && r.DueOn <= today.AddDays(4));
        Assert.Single(rows, r => r.IsOverdue(today) && r.EscalatedToPath == "/44/4401/");
        var hotlines = await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<Hotline>().AsNoTracking().Select(h => h.OrganizationCode).ToListAsync());
        Assert.Equal(["000000", "44", "51"], hotlines.Order(StringComparer.Ordinal).ToArray());
        var demo = rows.Single(r => r.Status == ComplaintStatus.Answered);
        Assert.NotNull(await Track(db, demo.TrackingNumber, PublicSiteDemoData.DemoPhone[^4..]));
    }

    private static Task<TestDatabase> CreateAsync(string provider) => TestDatabase.CreateAsync(provider);
}
