using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Aid.Rounds.Features;
using TechSchoolAid.Modules.Audit.Domain;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Modules.Todo;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.Aid;

/// <summary>
/// Issue 13 item 6 on a real database, once per provider: an approved aid line whose student's status changed within the
/// line's term is flagged (through the Students module's status facts), put on the aid officer's to-do, and cleared when
/// the officer stops or keeps it; a change after the term, and a kept line, are not flagged.
/// </summary>
public sealed class AidStatusFlagDataTests
{
    private const string School = "44010004";
    private const string Clerk = "school-44010004-aid";

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static Task<T> Run<TFeature, T>(TestDatabase db, Actor actor, Func<TFeature, Task<T>> f)
        where TFeature : notnull =>
        db.As(actor, sp => f(sp.GetRequiredService<TFeature>()));

    private static Task SetStatus(TestDatabase db, Guid id, EnrolmentStatus status, DateOnly since) =>
        db.AsSystemAsync((ctx, _) => ctx.Set<StudentRecord>().Where(s => s.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, status).SetProperty(s => s.StatusSince, since).SetProperty(s => s.HoldsPlace, false)));

    private static Task<int> AuditCount(TestDatabase db, string action) => db.As(Actor.System("test"), sp =>
        sp.GetRequiredService<TsaDbContext>().Set<AuditEvent>().IgnoreQueryFilters().CountAsync(e => e.Action == action));

    /// <summary>The school's autumn 2026 waiver list, published, submitted and approved by the city: its approved lines.</summary>
    private static async Task<IReadOnlyList<AidEntryRow>> ApprovedWaiverAsync(TestDatabase db, Actor clerk)
    {
        var city = await db.ActorOf("city-4401");
        var round = await Run(db, clerk, (CreateAidRound w) => w.HandleAsync(new() { SchoolYear = 2026, Semester = Semester.Autumn, Item = AidItem.Waiver }, default));
        await Run(db, clerk, (PublishAidRound w) => w.HandleAsync(round.Id, new() { From = D(2026, 10, 15), To = D(2026, 10, 21) }, default));
        db.Clock.Advance(TimeSpan.FromDays(7));
        await Run(db, clerk, (SubmitAidRound w) => w.HandleAsync(round.Id, new() { DeclaredEligibleCount = round.DeclaredEligibleCount }, default));
        await Run(db, city, (ReviewAidRound w) => w.HandleAsync(round.Id, new() { Decision = AidReviewDecision.Approve, Note = "同意" }, default));
        return (await Run(db, clerk, (ListAidEntries q) => q.HandleAsync(round.Id, new() { State = AidEntryState.Approved }, default))).Items;
    }

    [Theory]
    [BothDatabases]
    public async Task ApprovedLine_OfAStudentSuspendedInTheTerm_IsFlagged_UntilStoppedOrKept(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 12);
        var clerk = await db.ActorOf(Clerk);
        var lines = await ApprovedWaiverAsync(db, clerk);
        Assert.True(lines.Count >= 4, $"the demo school needs four approved waiver lines; found {lines.Count}");
        var (suspended, withdrawn, later, untouched) = (lines[0], lines[1], lines[2], lines[3]);

        Assert.Empty(await Run(db, clerk, (AidStatusFlags q) => q.ListAsync(null, null, null, default)));

        await SetStatus(db, suspended.StudentId, EnrolmentStatus.Suspended, D(2026, 11, 3));
        await SetStatus(db, withdrawn.StudentId, EnrolmentStatus.Withdrawn, D(2026, 12, 1));
        await SetStatus(db, later.StudentId, EnrolmentStatus.Withdrawn, D(2027, 3, 5)); // after the autumn term (ends 2027-02-28)

        var flags = await Run(db, clerk, (AidStatusFlags q) => q.ListAsync(null, null, null, default));
        Assert.Equal(new[] { suspended.Id, withdrawn.Id }.Order(), flags.Select(f => f.EntryId).Order());
        var flag = flags.Single(f => f.EntryId == suspended.Id);
        Assert.Equal("学籍已变动：休学（2026-11-03），资助待处理", flag.Text);
        Assert.DoesNotContain(flags, f => f.EntryId == later.Id || f.EntryId == untouched.Id);

        // The student page and the round page read the same flags (by student, by list).
        Assert.Single(await Run(db, clerk, (AidStatusFlags q) => q.ListAsync(null, suspended.StudentId, null, default)));
        Assert.Equal(2, (await Run(db, clerk, (AidStatusFlags q) => q.ListAsync(suspended.RoundId, null, null, default))).Count);

        // The aid officer's to-do panel carries one task per flagged line.
        var todo = await db.As(clerk, sp => sp.GetServices<ITodoSource>().OfType<AidStatusTodo>().Single().ItemsAsync(default));
        Assert.Equal(2, todo.Count);
        Assert.Contains(todo, t => t.Detail.Contains("学籍已变动：休学（2026-11-03）", StringComparison.Ordinal));

        // Bad input and a stale version write nothing.
        var keptBefore = await AuditCount(db, AidRoundAuditActions.EntryKeptDespiteStatus.Code);
        var noNote = await Assert.ThrowsAsync<AppException>(() => Run(db, clerk, (ResolveAidStatusFlag h) =>
            h.HandleAsync(suspended.Id, new() { Decision = AidStatusDecision.Keep, Note = " " }, default)));
        Assert.True(noNote.Errors.ContainsKey("note"));
        var noDecision = await Assert.ThrowsAsync<AppException>(() => Run(db, clerk, (ResolveAidStatusFlag h) =>
            h.HandleAsync(suspended.Id, new() { Note = "休学前已发放" }, default)));
        Assert.True(noDecision.Errors.ContainsKey("decision"));
        var stale = await Assert.ThrowsAsync<AppException>(() => Run(db, clerk, (ResolveAidStatusFlag h) =>
            h.HandleAsync(suspended.Id, new() { Decision = AidStatusDecision.Keep, Note = "休学前已发放", Version = flag.Version + 1 }, default)));
        Assert.Equal(ErrorKind.Conflict, stale.Kind);
        Assert.Equal(keptBefore, await AuditCount(db, AidRoundAuditActions.EntryKeptDespiteStatus.Code));

        // The city sees the flag in its scope but only the school's aid staff answer it.
        var city = await db.ActorOf("city-4401");
        Assert.Equal(2, (await Run(db, city, (AidStatusFlags q) => q.ListAsync(null, null, null, default))).Count);
        var forbidden = await Assert.ThrowsAsync<AppException>(() => Run(db, city, (ResolveAidStatusFlag h) =>
            h.HandleAsync(suspended.Id, new() { Decision = AidStatusDecision.Keep, Note = "城市不能处理" }, default)));
        Assert.Equal(ErrorKind.Forbidden, forbidden.Kind);

        // Keep: the line stands, the flag and the task go, the decision is audited.
        await Run(db, clerk, (ResolveAidStatusFlag h) => h.HandleAsync(suspended.Id, new() { Decision = AidStatusDecision.Keep, Note = "休学前的月份已按月发放", Version = flag.Version }, default));
        Assert.Equal(keptBefore + 1, await AuditCount(db, AidRoundAuditActions.EntryKeptDespiteStatus.Code));
        // Stop: the line is revoked.
        await Run(db, clerk, (ResolveAidStatusFlag h) => h.HandleAsync(withdrawn.Id, new() { Decision = AidStatusDecision.Stop, Note = "退学，停发" }, default));
        Assert.Empty(await Run(db, clerk, (AidStatusFlags q) => q.ListAsync(null, null, null, default)));
        Assert.Empty(await db.As(clerk, sp => sp.GetServices<ITodoSource>().OfType<AidStatusTodo>().Single().ItemsAsync(default)));
        var states = await Run(db, clerk, (ListAidEntries q) => q.HandleAsync(suspended.RoundId, new() { PageSize = 100 }, default));
        Assert.Equal(AidEntryState.Approved, states.Items.Single(e => e.Id == suspended.Id).State);
        Assert.Equal(AidEntryState.Withdrawn, states.Items.Single(e => e.Id == withdrawn.Id).State);

        // Answering a line that is no longer flagged is refused.
        var again = await Assert.ThrowsAsync<AppException>(() => Run(db, clerk, (ResolveAidStatusFlag h) =>
            h.HandleAsync(suspended.Id, new() { Decision = AidStatusDecision.Keep, Note = "再次确认" }, default)));
        Assert.Equal(ErrorKind.Conflict, again.Kind);

        // A later change of the kept student (another date) flags the line again.
        await SetStatus(db, suspended.StudentId, EnrolmentStatus.Withdrawn, D(2026, 12, 20));
        Assert.Equal("学籍已变动：退学（2026-12-20），资助待处理",
            Assert.Single(await Run(db, clerk, (AidStatusFlags q) => q.ListAsync(null, null, null, default))).Text);
    }
}
