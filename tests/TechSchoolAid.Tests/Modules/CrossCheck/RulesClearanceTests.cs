using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Identity;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Audit.Domain;
using TechSchoolAid.Modules.CrossCheck.Contracts;
using TechSchoolAid.Modules.CrossCheck.Domain;
using TechSchoolAid.Modules.CrossCheck.Features;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Modules.Todo;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.CrossCheck;

/// <summary>
/// Issue 11 item 11 on both databases: the clearance deadline is dated policy data (人社厅函〔2024〕53号 三（三）: 10 个工作日),
/// a "keep" waits for the school's direct supervisor, overdue cases show on both panels. The clock is Thu 2026-10-15.
/// </summary>
public sealed class RulesClearanceTests
{
    private const string School = "44010004"; // 市管: its supervisor is city-4401
    private static readonly AidTerm Autumn = new(2026, Semester.Autumn);
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% evidence\n");

    static RulesClearanceTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static Task<List<(Guid Id, string IdNumber, string Name)>> StudentsAsync(TestDatabase db) => db.As(Actor.System("test"), async sp =>
    {
        var ctx = sp.GetRequiredService<TsaDbContext>();
        var protector = sp.GetRequiredService<PersonalDataProtector>();
        var rows = await ctx.Set<StudentRecord>().Where(s => s.SchoolCode == School && s.DocumentType == IdDocumentType.ResidentIdCard)
            .OrderBy(s => s.Id).Take(6).Select(s => new { s.Id, s.IdNumberCipher, s.Name }).ToListAsync();
        return rows.Select(r => (r.Id, protector.Decrypt(r.IdNumberCipher), r.Name)).ToList();
    });

    /// <summary>Approved grant lines for the students, written directly (the rounds workflow is tested elsewhere).</summary>
    private static Task ApproveAsync(TestDatabase db, IEnumerable<(Guid Id, string IdNumber, string Name)> students) => db.AsSystemAsync(async (ctx, _) =>
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var org = await ctx.Set<TechSchoolAid.Modules.Organizations.Domain.Organization>().SingleAsync(o => o.Code == School);
        var round = new AidRound(Guid.CreateVersion7(), org.Id, org.Code, org.Name, org.ScopePath, Autumn, AidItem.Grant, Guid.NewGuid(), new DateOnly(2026, 11, 30), 0, "test", now);
        ctx.Add(round);
        foreach (var s in students)
        {
            var record = await ctx.Set<StudentRecord>().SingleAsync(r => r.Id == s.Id);
            var e = new AidEntry(Guid.CreateVersion7(), round, s.Id, record.IdNumberHash, s.Name, record.ClassName, record.IdNumberMasked, 1, 200_000, "测试", "test", now);
            e.Review(true, null, "test", now);
            ctx.Add(e);
        }

        await ctx.SaveChangesAsync();
    });

    /// <summary>The ministry's file naming the students (grant, autumn 2026), loaded for October.</summary>
    private static Task<CrossCheckRunResult> LoadAsync(TestDatabase db, IEnumerable<(Guid Id, string IdNumber, string Name)> students) => db.As(Actor.System("test"), async sp =>
    {
        var csv = string.Join("\r\n", ["证件号码,姓名,资助项目,学年,学期,学校名称", .. students.Select(s => $"{s.IdNumber},{s.Name},助学金,2026-2027,秋季学期,某某职业中学")]) + "\r\n";
        using var ms = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return await sp.GetRequiredService<MonthlyCrossCheck>().RunAsync(ms, $"moe-{Guid.NewGuid():N}.csv", "2026-10", default);
    });

    private static Task<List<CrossCheckCase>> CasesAsync(TestDatabase db) =>
        db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<CrossCheckCase>().AsNoTracking().OrderBy(c => c.FoundOn).ThenBy(c => c.StudentName).ToListAsync());

    private static Task<CrossCheckCase> ClearAsync(TestDatabase db, Actor a, Guid id, ClearanceAction action) =>
        db.As(a, sp => sp.GetRequiredService<CrossCheckClearance>().ClearAsync(id, new ClearanceInput(action, "经核实教育部名单有误，该生在本校就读", "证明.pdf", Pdf), default));

    private static Task<CrossCheckCase> ReviewAsync(TestDatabase db, Actor a, Guid id, bool? confirm, string? reason) =>
        db.As(a, sp => sp.GetRequiredService<ReviewKeptClearance>().HandleAsync(id, new KeepReviewInput { Confirm = confirm, Reason = reason }, default));

    private static Task<IReadOnlyList<TodoItem>> TodoAsync(TestDatabase db, Actor a) =>
        db.As(a, sp => sp.GetRequiredService<IEnumerable<ITodoSource>>().OfType<CrossCheckTodo>().Single().ItemsAsync(default));

    private static Task<(int Version, CrossCheckCaseState State, int Audit)> SnapshotAsync(TestDatabase db, Guid id) => db.As(Actor.System("test"), async sp =>
    {
        var ctx = sp.GetRequiredService<TsaDbContext>();
        var c = await ctx.Set<CrossCheckCase>().AsNoTracking().SingleAsync(x => x.Id == id);
        return (c.Version, c.State, await ctx.Set<AuditEvent>().IgnoreQueryFilters().CountAsync(e => e.SubjectType == CrossCheckAuditActions.Subject));
    });

    [Theory]
    [BothDatabases]
    public async Task DueDate_UsesTheDeadlineRowInForceOnTheDayTheCaseWasOpened_AndOnlyTheMinistryEditsIt(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 12);
        var s = await StudentsAsync(db);
        await ApproveAsync(db, s);
        var ministry = await db.ActorOf("ministry");

        // The seeded row cites its document: 10 working days.
        var rows = await db.As(await db.ActorOf("school-44010004-aid"), sp => sp.GetRequiredService<ClearanceDeadlines>().ListAsync(default));
        var seeded = Assert.Single(rows);
        Assert.Equal((10, true), (seeded.WorkingDays, seeded.InForce));
        Assert.Contains("人社厅函〔2024〕53号", seeded.Source, StringComparison.Ordinal);

        // Thu 15 Oct + 10 working days (National Day week is over) = Thu 29 Oct.
        var first = await LoadAsync(db, s.Take(2));
        Assert.Equal(D(2026, 10, 29), first.DueDate);

        // Bad inputs: each field named; a province may not; nothing written.
        Task<ClearanceDeadlineView> Set(Actor a, ClearanceDeadlineInput input) => db.As(a, sp => sp.GetRequiredService<SetClearanceDeadline>().HandleAsync(input, default));
        var before = await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<ClearanceDeadline>().CountAsync());
        var bad = await Assert.ThrowsAsync<AppException>(() => Set(ministry, new() { ValidFrom = D(2026, 10, 1), WorkingDays = 0, Source = " " }));
        Assert.Equal(["source", "validFrom", "workingDays"], bad.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("不能追溯修改", bad.Errors["validFrom"][0], StringComparison.Ordinal);
        var provinceActor = await db.ActorOf("prov-44");
        var province = await Assert.ThrowsAsync<AppException>(() => Set(provinceActor, new() { ValidFrom = D(2026, 10, 19), WorkingDays = 5, Source = "某省文件" }));
        Assert.Equal(ErrorKind.Forbidden, province.Kind);
        Assert.Equal(before, await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<ClearanceDeadline>().CountAsync()));

        // From Mon 19 Oct: 5 working days. The earlier row ends on Sun 18; cases found before keep their due date.
        var set = await Set(ministry, new() { ValidFrom = D(2026, 10, 19), WorkingDays = 5, Source = "测试：部资助办通知（假设的新期限）" });
        Assert.False(set.InForce);
        var all = await db.As(ministry, sp => sp.GetRequiredService<ClearanceDeadlines>().ListAsync(default));
        Assert.Equal([(D(2026, 10, 19), (DateOnly?)null, 5), (D(2024, 1, 1), D(2026, 10, 18), 10)], all.Select(r => (r.ValidFrom, r.ValidTo, r.WorkingDays)));
        Assert.Equal(1, await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<AuditEvent>().IgnoreQueryFilters()
            .CountAsync(e => e.Action == "crosscheck.clearance_deadline_set" && e.ActorUserName == "ministry")));

        db.Clock.Advance(TimeSpan.FromDays(4)); // Mon 19 Oct
        var second = await LoadAsync(db, s.Skip(2).Take(2));
        Assert.Equal(D(2026, 10, 26), second.DueDate); // Mon 19 + 5 working days
        var cases = await CasesAsync(db);
        Assert.Equal([D(2026, 10, 29), D(2026, 10, 29)], cases.Where(c => c.FoundOn == D(2026, 10, 15)).Select(c => c.DueDate));
        Assert.All(cases.Where(c => c.FoundOn == D(2026, 10, 19)), c => Assert.Equal(second.DueDate, c.DueDate));
    }

    [Theory]
    [BothDatabases]
    public async Task Keep_WaitsForTheSupervisor_WhoConfirmsOrReopensWithAReason_TheSchoolItselfIsRefused(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 12);
        var s = await StudentsAsync(db);
        await ApproveAsync(db, s.Take(3));
        await LoadAsync(db, s.Take(3));
        var cases = await CasesAsync(db);
        var aid = await db.ActorOf("school-44010004-aid");
        var admin = await db.ActorOf("school-44010004");
        var city = await db.ActorOf("city-4401");

        var kept = await ClearAsync(db, aid, cases[0].Id, ClearanceAction.Keep);
        Assert.True(kept.AwaitingSupervisor);
        await ClearAsync(db, aid, cases[1].Id, ClearanceAction.Keep);

        // The school confirming its own keep: refused naming the rule, nothing written.
        var before = await SnapshotAsync(db, cases[0].Id);
        var own = await Assert.ThrowsAsync<AppException>(() => ReviewAsync(db, admin, cases[0].Id, true, null));
        Assert.Equal(ErrorKind.Forbidden, own.Kind);
        Assert.Contains("须由学校的直接主管部门确认", own.Message, StringComparison.Ordinal);
        Assert.Contains("学校不能确认本校的“保留”", own.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<AppException>(() => ReviewAsync(db, aid, cases[0].Id, true, null))).Kind);

        // Above the supervisor (the province for a 市管 school) or another city: refused too.
        var provinceActor = await db.ActorOf("prov-44");
        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<AppException>(() => ReviewAsync(db, provinceActor, cases[0].Id, true, null))).Kind);
        var otherCity = await db.ActorOf("city-4403");
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<AppException>(() => ReviewAsync(db, otherCity, cases[0].Id, true, null))).Kind);
        Assert.Equal(before, await SnapshotAsync(db, cases[0].Id));

        // Reopening needs a reason; an open case is not a keep to review.
        Assert.True((await Assert.ThrowsAsync<AppException>(() => ReviewAsync(db, city, cases[1].Id, false, " "))).Errors.ContainsKey("reason"));
        Assert.True((await Assert.ThrowsAsync<AppException>(() => ReviewAsync(db, city, cases[1].Id, null, null))).Errors.ContainsKey("confirm"));
        Assert.Equal(ErrorKind.Conflict, (await Assert.ThrowsAsync<AppException>(() => ReviewAsync(db, city, cases[2].Id, true, null))).Kind);

        var confirmed = await ReviewAsync(db, city, cases[0].Id, true, null);
        Assert.Equal(("city-4401", false), (confirmed.KeepConfirmedBy, confirmed.AwaitingSupervisor));
        Assert.Equal(ErrorKind.Conflict, (await Assert.ThrowsAsync<AppException>(() => ReviewAsync(db, city, cases[0].Id, true, null))).Kind);

        db.Clock.Advance(TimeSpan.FromDays(1)); // Fri 16: reopened, due 10 working days later (Fri 30)
        var reopened = await ReviewAsync(db, city, cases[1].Id, false, "对方学校提供了该生的在籍证明，请重新核实");
        Assert.Equal((CrossCheckCaseState.Open, "对方学校提供了该生的在籍证明，请重新核实", D(2026, 10, 30)), (reopened.State, reopened.ReopenReason, reopened.DueDate));
        Assert.Null(reopened.ClearedBy);
        var again = await ClearAsync(db, aid, cases[1].Id, ClearanceAction.WithdrawHere);
        Assert.Equal(CrossCheckCaseState.Withdrawn, again.State);

        var audit = await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<AuditEvent>().IgnoreQueryFilters()
            .Where(e => e.Action == "crosscheck.keep_confirmed" || e.Action == "crosscheck.keep_reopened").Select(e => e.Action + "|" + e.ActorUserName).ToListAsync());
        Assert.Equal(["crosscheck.keep_confirmed|city-4401", "crosscheck.keep_reopened|city-4401"], audit.Order(StringComparer.Ordinal));
    }

    [Theory]
    [BothDatabases]
    public async Task Overdue_OpenCasesAndUnconfirmedKeeps_ShowOnTheSchoolsAndTheSupervisorsPanels(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 12);
        var s = await StudentsAsync(db);
        await ApproveAsync(db, s.Take(2));
        await LoadAsync(db, s.Take(2));
        var cases = await CasesAsync(db);
        var aid = await db.ActorOf("school-44010004-aid");
        var city = await db.ActorOf("city-4401");
        await ClearAsync(db, aid, cases[0].Id, ClearanceAction.Keep);

        // Before the due date: the city has a keep to confirm, nothing is late.
        var waiting = await TodoAsync(db, city);
        var toConfirm = Assert.Single(waiting);
        Assert.Equal((TodoKind.WaitingForMe, "所辖学校“保留”清理待确认"), (toConfirm.Kind, toConfirm.Title));

        // Thu 29 Oct passed: the open case and the unconfirmed keep are both overdue, on both panels.
        db.Clock.Advance(TimeSpan.FromDays(15));
        var school = await TodoAsync(db, aid);
        Assert.Contains(school, t => t.Kind == TodoKind.Late && t.Title == "比对结果逾期未清理");
        Assert.Contains(school, t => t.Kind == TodoKind.Late && t.Title == "“保留”清理逾期未获主管部门确认");
        var supervisor = await TodoAsync(db, city);
        Assert.Contains(supervisor, t => t.Kind == TodoKind.Late && t.Title == "所辖学校“保留”清理待确认");
        Assert.Contains(supervisor, t => t.Kind == TodoKind.Late && t.Title == "所辖学校比对结果逾期未清理");
        Assert.Empty(await TodoAsync(db, await db.ActorOf("city-4403")));
        var overdue = await db.As(city, sp => sp.GetRequiredService<CrossCheckQueries>().ListAsync(new CrossCheckCaseFilter { Overdue = true }, default));
        Assert.Equal(2, overdue.Total);
        var awaiting = await db.As(city, sp => sp.GetRequiredService<CrossCheckQueries>().ListAsync(new CrossCheckCaseFilter { AwaitingSupervisor = true }, default));
        var row = Assert.Single(awaiting.Items);
        Assert.True(row.CanReviewKeep && row.IsOverdue);

        // Confirmed: no longer overdue anywhere.
        await ReviewAsync(db, city, cases[0].Id, true, null);
        Assert.DoesNotContain(await TodoAsync(db, aid), t => t.Title == "“保留”清理逾期未获主管部门确认");
        Assert.DoesNotContain(await TodoAsync(db, city), t => t.Title == "所辖学校“保留”清理待确认");
        Assert.Equal(1, (await db.As(city, sp => sp.GetRequiredService<CrossCheckQueries>().ListAsync(new CrossCheckCaseFilter { Overdue = true }, default))).Total);
    }
}
