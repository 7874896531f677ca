using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Domain;
using TechSchoolAid.Modules.Aid.Hardship.Features;
using TechSchoolAid.Modules.Audit.Domain;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.Aid;

/// <summary>AID-1 hardship identification on a real database, once per provider. The clock starts on Thu 2026-10-15.</summary>
public sealed class HardshipDataTests
{
    private const string School = "44010004";
    private const string Clerk = "school-44010004-aid";

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static HardshipApplicationInput Application(bool commitment = true) => new()
    {
        SchoolYear = 2026,
        Semester = Semester.Autumn,
        FamilySituation = "父亲因病丧失劳动能力，家庭年收入不足一万元",
        PriorityGroups = [PriorityGroups.MinimumLivingAllowance, PriorityGroups.Disabled],
        WatchGroups = [WatchGroups.SevereIllnessDisaster],
        CommitmentSigned = commitment,
        CommitmentSignedOn = D(2026, 10, 12),
    };

    private static Task<T> Flow<TStep, T>(TestDatabase db, Actor actor, Func<TStep, Task<T>> f)
        where TStep : notnull =>
        db.As(actor, sp => f(sp.GetRequiredService<TStep>()));

    /// <summary>The school's advance notice for 2026-2027 (提前告知), receiving applications from today: applications need it (issue 11 item 9).</summary>
    internal static Task<HardshipNoticeView> NoticeAsync(TestDatabase db, Actor clerk, DateOnly? from = null) =>
        Flow(db, clerk, (PublishHardshipNotice w) => w.HandleAsync(new()
        {
            SchoolYear = 2026,
            Content = "本学年家庭经济困难学生认定：个人申请、班级评议、学校认定、公示、建档",
            WhoMayApply = "家庭经济困难的在籍学生",
            Documents = "认定申请表、个人承诺书",
            ApplyFrom = from ?? D(2026, 10, 15),
            ApplyTo = D(2026, 11, 15),
        }, default));

    private static Task<T> Query<T>(TestDatabase db, Actor actor, Func<HardshipQueries, Task<T>> f) =>
        db.As(actor, sp => f(sp.GetRequiredService<HardshipQueries>()));

    private static Task<(int Rows, int Audit)> Counts(TestDatabase db) => db.As(Actor.System("test"), async sp =>
    {
        var ctx = sp.GetRequiredService<TsaDbContext>();
        return (await ctx.Set<HardshipAssessment>().CountAsync(),
            await ctx.Set<AuditEvent>().IgnoreQueryFilters().CountAsync(e => e.SubjectType == HardshipAuditActions.Subject));
    });

    private static Task<Guid> StudentAsync(TestDatabase db, EnrolmentStatus status = EnrolmentStatus.Active, int skip = 0) =>
        db.As(Actor.System("test"), async sp => await sp.GetRequiredService<TsaDbContext>().StudentRowsInScope()
            .Where(s => s.SchoolCode == School && s.RegistrationApproved && s.Status == status).OrderBy(s => s.Id).Skip(skip).Select(s => s.Id).FirstAsync());

    private static async Task<AppException> Refused(TestDatabase db, Func<Task> action)
    {
        var before = await Counts(db);
        var ex = await Assert.ThrowsAsync<AppException>(action);
        Assert.Equal(before, await Counts(db));
        return ex;
    }

    [Theory]
    [BothDatabases]
    public async Task FullCycle_AppliesReviewsDecidesPublishesAnswersArchives_AndReassessesKeepingHistory(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 6);
        var clerk = await db.ActorOf(Clerk);
        await NoticeAsync(db, clerk);
        var studentId = await StudentAsync(db);

        var a = await Flow(db, clerk, (ApplyForHardship w) => w.HandleAsync(studentId, Application(), default));
        Assert.Equal(HardshipState.Applied, a.State);
        Assert.Equal(PriorityGroups.MinimumLivingAllowance | PriorityGroups.Disabled, a.PriorityGroups);

        // A decision before the panel is refused, nothing written.
        var early = await Refused(db, () => Flow(db, clerk, (DecideHardship w) => w.HandleAsync(a.Id, new() { Level = HardshipLevel.Hardship }, default)));
        Assert.Contains("尚未经班级认定评议小组评议", early.Message);

        await Flow(db, clerk, (RecordHardshipPanel w) => w.HandleAsync(a.Id, new() { Members = ["班主任王老师", "学生代表李明", "家长代表张华"], ReviewedOn = D(2026, 10, 15) }, default));
        await Flow(db, clerk, (DecideHardship w) => w.HandleAsync(a.Id, new() { Level = HardshipLevel.Extreme }, default));

        // 5 working days (national default): Thu 15 .. Tue 20 is only 4.
        var shortPub = await Refused(db, () => Flow(db, clerk, (PublishHardship w) => w.HandleAsync(a.Id, new() { From = D(2026, 10, 15), To = D(2026, 10, 20) }, default)));
        Assert.Contains("少于资助政策规定的 5 个工作日", shortPub.Message);
        await Flow(db, clerk, (PublishHardship w) => w.HandleAsync(a.Id, new() { From = D(2026, 10, 15), To = D(2026, 10, 21) }, default));

        // The public list: name, class, level only.
        var list = await Query(db, clerk, q => q.PublicationAsync(School, default));
        var entry = Assert.Single(list);
        Assert.Equal("特别困难", entry.Level);
        Assert.Equal(4, typeof(HardshipPublicEntry).GetProperties().Length - 1); // Name, ClassName, Level, dates (From/To)

        db.Clock.Advance(TimeSpan.FromDays(1)); // Fri 16 Oct
        var objected = await Flow(db, clerk, (RaiseHardshipObjection w) => w.HandleAsync(a.Id, new() { Text = "对认定等级有异议" }, default));
        Assert.Equal(D(2026, 10, 23), objected.ObjectionDueDate); // 5 working days after Fri 16

        db.Clock.Advance(TimeSpan.FromDays(6)); // Thu 22 Oct: publication over
        var archiveOpen = await Refused(db, () => Flow(db, clerk, (ArchiveHardship w) => w.HandleAsync(a.Id, default)));
        Assert.Contains("异议尚未答复", archiveOpen.Message);
        var late = await Refused(db, () => Flow(db, clerk, (RaiseHardshipObjection w) => w.HandleAsync(a.Id, new() { Text = "再次异议" }, default)));
        Assert.Contains("公示期已于 2026-10-21 结束", late.Message);
        var answered = await Flow(db, clerk, (AnswerHardshipObjection w) => w.HandleAsync(a.Id, new() { Answer = "经复核，维持原认定" }, default));
        Assert.False(answered.ObjectionAnsweredLate);
        Assert.Empty(await Query(db, clerk, q => q.PublicationAsync(School, default))); // withdrawn after the period
        var archived = await Flow(db, clerk, (ArchiveHardship w) => w.HandleAsync(a.Id, default));
        Assert.Equal(HardshipState.Archived, archived.State);

        // Spring: a re-assessment makes version 2 and keeps version 1.
        db.Clock.Advance(TimeSpan.FromDays(120));
        var input = Application();
        input.Semester = Semester.Spring;
        input.PriorityGroups = [];
        input.CommitmentSignedOn = D(2027, 2, 1);
        var v2 = await Flow(db, clerk, (ReassessHardship w) => w.HandleAsync(a.Id, input, default));
        Assert.Equal(2, v2.Version);
        Assert.Equal(a.Id, v2.PreviousId);
        var history = await Query(db, clerk, q => q.HistoryAsync(studentId, default));
        Assert.Equal([2, 1], history.Select(h => h.Version));
        Assert.Equal([true, false], history.Select(h => h.IsCurrent));
        var current = await Query(db, clerk, q => q.ListAsync(new() { SchoolCode = School }, default));
        Assert.Equal(v2.Id, Assert.Single(current, r => r.StudentId == studentId).Id);

        var detail = await Query(db, clerk, q => q.DetailAsync(a.Id, default));
        Assert.Equal(Clerk, detail.DecidedBy);
        Assert.Equal(Clerk, detail.ArchivedBy);
        Assert.NotNull(detail.FamilySituation);
        var city = await db.ActorOf("city-4401");
        Assert.Null((await Query(db, city, q => q.DetailAsync(a.Id, default))).FamilySituation);

        var audit = await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<AuditEvent>().IgnoreQueryFilters()
            .Where(e => e.SubjectType == HardshipAuditActions.Subject).Select(e => e.Action).ToListAsync());
        Assert.Equal(
            ["hardship.applied", "hardship.archived", "hardship.decided", "hardship.objection_answered", "hardship.objection_raised", "hardship.panel_reviewed", "hardship.published", "hardship.reassessed", "hardship.sensitive_viewed", "hardship.superseded"],
            audit.Order(StringComparer.Ordinal));
    }

    [Theory]
    [BothDatabases]
    public async Task Application_WithoutCommitment_OrForInactiveStudent_OrTwiceInAYear_IsRefused(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 6);
        var clerk = await db.ActorOf(Clerk);
        await NoticeAsync(db, clerk);
        var studentId = await StudentAsync(db);

        var noCommitment = await Refused(db, () => Flow(db, clerk, (ApplyForHardship w) => w.HandleAsync(studentId, Application(commitment: false), default)));
        Assert.Contains("个人承诺", noCommitment.Message);
        Assert.True(noCommitment.Errors.ContainsKey("commitmentSigned"));

        await Flow(db, clerk, (ApplyForHardship w) => w.HandleAsync(studentId, Application(), default));
        var twice = await Refused(db, () => Flow(db, clerk, (ApplyForHardship w) => w.HandleAsync(studentId, Application(), default)));
        Assert.Equal(ErrorKind.Conflict, twice.Kind);

        // A student who is not active: suspend one directly in the database.
        var other = await StudentAsync(db, skip: 1);
        await db.AsSystemAsync(async (ctx, sp) =>
        {
            await sp.GetRequiredService<StudentLifecycle>().ChangeStatusAsync(other, EnrolmentStatus.Suspended, D(2026, 10, 1), default);
            await ctx.SaveChangesAsync();
        });
        var inactive = await Refused(db, () => Flow(db, clerk, (ApplyForHardship w) => w.HandleAsync(other, Application(), default)));
        Assert.Contains("不是在籍学生", inactive.Message);

        // Only the school's own aid staff.
        var city = await db.ActorOf("city-4401");
        var forbidden = await Refused(db, () => Flow(db, city, (ApplyForHardship w) => w.HandleAsync(studentId, Application(), default)));
        Assert.Equal(ErrorKind.Forbidden, forbidden.Kind);
        var finance = await db.ActorOf("school-44010004-finance");
        Assert.Equal(ErrorKind.Forbidden, (await Refused(db, () => Flow(db, finance, (ApplyForHardship w) => w.HandleAsync(studentId, Application(), default)))).Kind);
    }

    [Theory]
    [BothDatabases]
    public async Task List_FiltersByLevelAndPriority_AndStaysInScope(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 6);
        var clerk = await db.ActorOf(Clerk);
        await NoticeAsync(db, clerk);
        var first = await StudentAsync(db);
        var second = await StudentAsync(db, skip: 1);
        var a = await Flow(db, clerk, (ApplyForHardship w) => w.HandleAsync(first, Application(), default));
        var plain = Application();
        plain.PriorityGroups = [];
        await Flow(db, clerk, (ApplyForHardship w) => w.HandleAsync(second, plain, default));
        await Flow(db, clerk, (RecordHardshipPanel w) => w.HandleAsync(a.Id, new() { Members = ["王老师"], ReviewedOn = D(2026, 10, 15) }, default));
        await Flow(db, clerk, (DecideHardship w) => w.HandleAsync(a.Id, new() { Level = HardshipLevel.Moderate }, default));

        Assert.Equal(2, (await Query(db, clerk, q => q.ListAsync(new() { SchoolYear = 2026 }, default))).Count);
        Assert.Equal(a.Id, Assert.Single(await Query(db, clerk, q => q.ListAsync(new() { PriorityOnly = true }, default))).Id);
        Assert.Equal(a.Id, Assert.Single(await Query(db, clerk, q => q.ListAsync(new() { Level = HardshipLevel.Moderate }, default))).Id);
        var other = await db.ActorOf("prov-44");
        Assert.Equal(2, (await Query(db, other, q => q.ListAsync(new(), default))).Count);
        var otherSchool = await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<TechSchoolAid.Modules.Organizations.Domain.Organization>()
            .Where(o => o.Level == TechSchoolAid.Kernel.Security.OrgLevel.School && o.Code != School && o.Code.StartsWith("44")).Select(o => o.Code).FirstAsync());
        var elsewhere = await db.ActorOf($"school-{otherSchool}");
        Assert.Empty(await Query(db, elsewhere, q => q.ListAsync(new(), default)));
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<AppException>(() => Query(db, elsewhere, q => q.DetailAsync(a.Id, default)))).Kind);
    }
}
