using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Domain;
using TechSchoolAid.Modules.Aid.Hardship.Features;
using TechSchoolAid.Modules.Audit.Domain;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Todo;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.Aid;

/// <summary>
/// Issue 11 item 9, hardship identification as 教财〔2018〕16号 四 orders it (提前告知 → 个人申请 → 认定评议 → 审核确认 → 公示 → 建档),
/// on both databases. The clock starts on Thu 2026-10-15.
/// </summary>
public sealed class RulesHardshipTests
{
    private const string School = "44010004";
    private const string Clerk = "school-44010004-aid";
    private const string Family = "父亲因病丧失劳动能力，母亲务农，家庭年收入不足一万元，弟弟在读初中";

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static HardshipApplicationInput Application(int year = 2026) => new()
    {
        SchoolYear = year,
        Semester = Semester.Autumn,
        FamilySituation = Family,
        PriorityGroups = [PriorityGroups.MinimumLivingAllowance],
        CommitmentSigned = true,
        CommitmentSignedOn = D(2026, 10, 12),
    };

    private static HardshipNoticeInput Notice(DateOnly from, int year = 2026) => new()
    {
        SchoolYear = year,
        Content = "本学年家庭经济困难学生认定：个人申请、班级评议、学校认定、公示、建档",
        WhoMayApply = "家庭经济困难的在籍学生",
        Documents = "认定申请表、个人承诺书",
        ApplyFrom = from,
        ApplyTo = from.AddDays(30),
    };

    private static Task<T> Flow<TStep, T>(TestDatabase db, Actor actor, Func<TStep, Task<T>> f)
        where TStep : notnull =>
        db.As(actor, sp => f(sp.GetRequiredService<TStep>()));

    private static Task<Dictionary<Guid, HardshipLevel>> Counting(TestDatabase db, Guid studentId) =>
        db.As(Actor.System("test"), sp => sp.GetRequiredService<IHardshipStanding>().CountingLevelsAsync([studentId], null, 2026, default));

    private static Task<(int Rows, int Notices, int Audit)> Counts(TestDatabase db) => db.As(Actor.System("test"), async sp =>
    {
        var ctx = sp.GetRequiredService<TsaDbContext>();
        return (await ctx.Set<HardshipAssessment>().CountAsync(), await ctx.Set<HardshipNotice>().CountAsync(),
            await ctx.Set<AuditEvent>().IgnoreQueryFilters().CountAsync(e => e.SubjectType == HardshipAuditActions.Subject || e.SubjectType == HardshipAuditActions.NoticeSubject));
    });

    private static async Task<AppException> Refused(TestDatabase db, Func<Task> action)
    {
        var before = await Counts(db);
        var ex = await Assert.ThrowsAsync<AppException>(action);
        Assert.Equal(before, await Counts(db));
        return ex;
    }

    private static Task<List<Guid>> StudentsAsync(TestDatabase db, int count) =>
        db.As(Actor.System("test"), async sp => await sp.GetRequiredService<TsaDbContext>().StudentRowsInScope()
            .Where(s => s.SchoolCode == School && s.RegistrationApproved && s.Status == EnrolmentStatus.Active).OrderBy(s => s.Id).Take(count).Select(s => s.Id).ToListAsync());

    /// <summary>Applied, reviewed by the panel and decided 困难.</summary>
    private static async Task<Guid> DecidedAsync(TestDatabase db, Actor clerk, Guid studentId)
    {
        var a = await Flow(db, clerk, (ApplyForHardship w) => w.HandleAsync(studentId, Application(), default));
        await Flow(db, clerk, (RecordHardshipPanel w) => w.HandleAsync(a.Id, new() { Members = ["班主任王老师", "学生代表李明"], ReviewedOn = db.Clock.Today(), Opinion = "家访属实" }, default));
        await Flow(db, clerk, (DecideHardship w) => w.HandleAsync(a.Id, new() { Level = HardshipLevel.Hardship, Note = "低保家庭" }, default));
        return a.Id;
    }

    [Theory]
    [BothDatabases]
    public async Task Application_BeforeTheSchoolsAdvanceNotice_IsRefused_AndNothingWritten(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 6);
        var clerk = await db.ActorOf(Clerk);
        var student = (await StudentsAsync(db, 1))[0];

        // No notice for 2026-2027 yet: 提前告知 comes before 个人申请.
        var none = await Refused(db, () => Flow(db, clerk, (ApplyForHardship w) => w.HandleAsync(student, Application(), default)));
        Assert.Equal(ErrorKind.Conflict, none.Kind);
        Assert.Contains("尚未发布2026-2027学年家庭经济困难学生认定工作告知", none.Message, StringComparison.Ordinal);
        Assert.Contains("提前告知", none.Message, StringComparison.Ordinal);

        // The notice's bad inputs: each field named, nothing written.
        var bad = await Refused(db, () => Flow(db, clerk, (PublishHardshipNotice w) => w.HandleAsync(new() { SchoolYear = 2026, ApplyFrom = D(2026, 10, 14) }, default)));
        Assert.Equal(["applyFrom", "applyTo", "content", "documents", "whoMayApply"], bad.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("告知须在受理申请之前发布", bad.Errors["applyFrom"][0], StringComparison.Ordinal);
        var city = await db.ActorOf("city-4401");
        Assert.Equal(ErrorKind.Forbidden, (await Refused(db, () => Flow(db, city, (PublishHardshipNotice w) => w.HandleAsync(Notice(D(2026, 10, 19)), default)))).Kind);

        // Published today, receiving applications from Mon 19 Oct: still refused before that day.
        var notice = await Flow(db, clerk, (PublishHardshipNotice w) => w.HandleAsync(Notice(D(2026, 10, 19)), default));
        Assert.False(notice.ApplicationsOpen);
        var early = await Refused(db, () => Flow(db, clerk, (ApplyForHardship w) => w.HandleAsync(student, Application(), default)));
        Assert.Contains("自 2026-10-19 起受理申请", early.Message, StringComparison.Ordinal);
        Assert.Contains("已经发布", (await Refused(db, () => Flow(db, clerk, (PublishHardshipNotice w) => w.HandleAsync(Notice(D(2026, 10, 20)), default)))).Message, StringComparison.Ordinal);

        db.Clock.Advance(TimeSpan.FromDays(4)); // Mon 19 Oct
        var a = await Flow(db, clerk, (ApplyForHardship w) => w.HandleAsync(student, Application(), default));
        Assert.Equal(HardshipState.Applied, a.State);
        var seen = await db.As(city, sp => sp.GetRequiredService<HardshipNoticeQueries>().ListAsync(2026, School, default));
        Assert.True(Assert.Single(seen).ApplicationsOpen);
        var audit = await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<AuditEvent>().IgnoreQueryFilters()
            .CountAsync(e => e.Action == "hardship.notice_published" && e.ActorUserName == Clerk));
        Assert.Equal(1, audit);
    }

    [Theory]
    [BothDatabases]
    public async Task Level_CountsForAid_OnlyAfterPublicationEnded_WithoutAnUpheldObjection(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 6);
        var clerk = await db.ActorOf(Clerk);
        await Flow(db, clerk, (PublishHardshipNotice w) => w.HandleAsync(Notice(D(2026, 10, 15)), default));
        var students = await StudentsAsync(db, 2);
        var plain = await DecidedAsync(db, clerk, students[0]);
        var objected = await DecidedAsync(db, clerk, students[1]);

        // Decided, not published: does not count.
        Assert.Empty(await Counting(db, students[0]));
        foreach (var id in new[] { plain, objected })
        {
            await Flow(db, clerk, (PublishHardship w) => w.HandleAsync(id, new() { From = D(2026, 10, 15), To = D(2026, 10, 21) }, default));
        }

        // Under publication: does not count.
        Assert.Empty(await Counting(db, students[0]));
        db.Clock.Advance(TimeSpan.FromDays(1)); // Fri 16
        var raised = await Flow(db, clerk, (RaiseHardshipObjection w) => w.HandleAsync(objected, new() { Text = "同学反映其家庭新购轿车" }, default));
        var todo = await db.As(clerk, sp => sp.GetRequiredService<IEnumerable<ITodoSource>>().OfType<HardshipTodo>().Single().ItemsAsync(default));
        var item = Assert.Single(todo);
        Assert.Equal((TodoKind.DueSoon, raised.ObjectionDueDate), (item.Kind, item.DueDate));
        Assert.Contains("须在 2026-10-23 前答复", item.Detail, StringComparison.Ordinal);
        Assert.Empty(await db.As(await db.ActorOf("school-44030005"), sp => sp.GetRequiredService<IEnumerable<ITodoSource>>().OfType<HardshipTodo>().Single().ItemsAsync(default)));

        // Publication over (Thu 22): the level without objection counts; the one with an open objection does not.
        db.Clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal(HardshipLevel.Hardship, (await Counting(db, students[0]))[students[0]]);
        Assert.Empty(await Counting(db, students[1]));

        // The objection is upheld: the level stays out, archiving is refused until the school decides again and publishes.
        var answered = await Flow(db, clerk, (AnswerHardshipObjection w) => w.HandleAsync(objected, new() { Answer = "经复核，家庭购车属实，异议成立", Upheld = true }, default));
        Assert.True(answered.ObjectionUpheld);
        Assert.Empty(await Counting(db, students[1]));
        var archive = await Refused(db, () => Flow(db, clerk, (ArchiveHardship w) => w.HandleAsync(objected, default)));
        Assert.Contains("异议经复核成立", archive.Message, StringComparison.Ordinal);
        var waiting = await db.As(clerk, sp => sp.GetRequiredService<IEnumerable<ITodoSource>>().OfType<HardshipTodo>().Single().ItemsAsync(default));
        Assert.Contains(waiting, t => t.Title == "异议成立待重新认定");

        var redecided = await Flow(db, clerk, (DecideHardship w) => w.HandleAsync(objected, new() { Level = HardshipLevel.Moderate, Note = "复核后调整" }, default));
        Assert.Equal((HardshipState.Decided, false), (redecided.State, redecided.ObjectionUpheld));
        Assert.Null(redecided.PublishedTo);
        Assert.Empty(await Counting(db, students[1]));
        await Flow(db, clerk, (PublishHardship w) => w.HandleAsync(objected, new() { From = D(2026, 10, 22), To = D(2026, 10, 28) }, default));
        Assert.Empty(await Counting(db, students[1]));
        db.Clock.Advance(TimeSpan.FromDays(7)); // Thu 29
        Assert.Equal(HardshipLevel.Moderate, (await Counting(db, students[1]))[students[1]]);
        var archived = await Flow(db, clerk, (ArchiveHardship w) => w.HandleAsync(objected, default));
        Assert.Equal(HardshipState.Archived, archived.State);
        Assert.Equal(2, (await db.As(Actor.System("test"), sp => sp.GetRequiredService<IHardshipStanding>().CountingLevelsAsync(null, archived.SchoolId, 2026, default))).Count);
        var redecidedAudit = await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<AuditEvent>().IgnoreQueryFilters()
            .CountAsync(e => e.Action == "hardship.redecided" && e.SubjectId == objected.ToString()));
        Assert.Equal(1, redecidedAudit);
    }

    [Theory]
    [BothDatabases]
    public async Task SensitiveDetails_AreEncryptedAtRest_AndEveryViewIsAuditedWithTheActor(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 6);
        var clerk = await db.ActorOf(Clerk);
        await Flow(db, clerk, (PublishHardshipNotice w) => w.HandleAsync(Notice(D(2026, 10, 15)), default));
        var student = (await StudentsAsync(db, 1))[0];
        var id = await DecidedAsync(db, clerk, student);
        await Flow(db, clerk, (PublishHardship w) => w.HandleAsync(id, new() { From = D(2026, 10, 15), To = D(2026, 10, 21) }, default));
        await Flow(db, clerk, (RaiseHardshipObjection w) => w.HandleAsync(id, new() { Text = "有同学反映其父亲另有经营收入" }, default));
        await Flow(db, clerk, (AnswerHardshipObjection w) => w.HandleAsync(id, new() { Answer = "经家访核实无经营收入，维持认定" }, default));

        // Every stored column of the row, read past EF: none holds the family situation, the opinion, the note, the objection or its answer.
        string[] secrets = [Family, "家访属实", "低保家庭", "有同学反映其父亲另有经营收入", "经家访核实无经营收入"];
        var cells = new List<object>();
        await db.AsSystemAsync(async (ctx, _) =>
        {
            var connection = ctx.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT * FROM aid_hardship_assessments";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    cells.Add(reader.GetValue(i));
                }
            }
        });
        Assert.NotEmpty(cells);
        foreach (var secret in secrets)
        {
            var bytes = Encoding.UTF8.GetBytes(secret);
            Assert.DoesNotContain(cells, c => c is string s && s.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(cells, c => c is byte[] b && b.AsSpan().IndexOf(bytes) >= 0);
        }

        var opened = await db.As(Actor.System("test"), async sp =>
        {
            var stored = await sp.GetRequiredService<TsaDbContext>().Set<HardshipAssessment>().AsNoTracking().SingleAsync(a => a.Id == id);
            return sp.GetRequiredService<PersonalDataProtector>().Decrypt(stored.FamilySituationCipher);
        });
        Assert.Equal(Family, opened);

        // The school's aid staff see it, and each view is recorded with who looked; the city sees none of it and writes nothing.
        async Task<int> Views() => await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<AuditEvent>().IgnoreQueryFilters()
            .CountAsync(e => e.Action == "hardship.sensitive_viewed" && e.SubjectId == id.ToString() && e.ActorUserName == Clerk));
        Assert.Equal(0, await Views());
        var detail = await db.As(clerk, sp => sp.GetRequiredService<HardshipQueries>().DetailAsync(id, default));
        Assert.Equal((Family, "家访属实", "低保家庭"), (detail.FamilySituation, detail.PanelOpinion, detail.DecisionNote));
        Assert.Equal("经家访核实无经营收入，维持认定", detail.ObjectionAnswer);
        Assert.Equal(1, await Views());
        await db.As(clerk, sp => sp.GetRequiredService<HardshipQueries>().DetailAsync(id, default));
        Assert.Equal(2, await Views());
        var city = await db.ActorOf("city-4401");
        var seenByCity = await db.As(city, sp => sp.GetRequiredService<HardshipQueries>().DetailAsync(id, default));
        Assert.All(new[] { seenByCity.FamilySituation, seenByCity.PanelOpinion, seenByCity.DecisionNote, seenByCity.ObjectionText, seenByCity.ObjectionAnswer }, Assert.Null);
        Assert.Equal(0, await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<AuditEvent>().IgnoreQueryFilters()
            .CountAsync(e => e.Action == "hardship.sensitive_viewed" && e.ActorUserName == "city-4401")));

        // Key rotation: every value already under the current key, so nothing is rewritten; the run is audited.
        var rotation = await db.As(Actor.System("test"), sp => sp.GetRequiredService<RotateHardshipKeys>().HandleAsync(100, default));
        Assert.Equal((1L, 0L), rotation);
    }
}
