using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Modules.Students.Features;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.Students;

/// <summary>
/// Issue 11, item 5: entry, verification, submission and the supervisor's approval all belong to the intake's deadline
/// (ENR-2; 2026-10-31 for the 2026 autumn intake). Today is 2026-10-15; the tests move past the deadline.
/// </summary>
public sealed class RulesRegistrationDeadlineTests
{
    private const string School = "44010004"; // 市管, under city 4401

    private static readonly DateTimeOffset AfterDeadline = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero); // 2026-11-02 10:00 Beijing

    private static int _person;

    /// <summary>A person no other test of this class uses: one birth day each (TestIds.Make varies only the order code).</summary>
    private static string NewId()
    {
        var n = Interlocked.Increment(ref _person);
        return TestIds.Make(birth: new DateOnly(2009, 6, 1).AddDays(n).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<Guid> RegisterAsync(TestDatabase db, bool verify, bool submit)
    {
        var school = await db.ActorOf($"school-{School}");
        var record = await db.As(school, sp => sp.GetRequiredService<RegisterStudent>().HandleAsync(School, TestIds.Student(NewId()), default));
        if (verify)
        {
            await db.As(school, sp => sp.GetRequiredService<VerifyRegistration>().HandleAsync(School, [record.Id], null, default));
        }

        if (submit)
        {
            await db.As(school, sp => sp.GetRequiredService<SubmitRegistrations>().HandleAsync(School, [record.Id], default));
        }

        return record.Id;
    }

    private static Task<BatchResult> ApproveAsync(TestDatabase db, Actor city, Guid id) =>
        db.As(city, sp => sp.GetRequiredService<ApproveRegistrations>().HandleAsync([id], null, default));

    private static Task<RegistrationState> StateOf(TestDatabase db, Guid id) =>
        db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<StudentRecord>().Where(s => s.Id == id).Select(s => s.RegistrationState).SingleAsync());

    private static Task ReopenAsync(TestDatabase db, string by, ReopenedSteps steps) =>
        db.As(db.ActorOf("prov-44").Result, sp => sp.GetRequiredService<RegistrationWindow>()
            .ReopenAsync(School, 2026, IntakeSeason.Autumn, new DateOnly(2026, 11, 20), by, steps, default));

    [Theory]
    [BothDatabases]
    public async Task SubmittedOnTime_NotApprovedByDeadline_IsLateOnEveryLevel_WithTheStep(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 1);
        var submitted = await RegisterAsync(db, verify: true, submit: true);
        var collected = await RegisterAsync(db, verify: false, submit: false);

        // Before the deadline nothing is late.
        var before = await db.As(await db.ActorOf("city-4401"), sp => sp.GetRequiredService<IntakeProgress>().ListAsync(2026, IntakeSeason.Autumn, default));
        Assert.Null(Assert.Single(before, r => r.SchoolCode == School).OverdueText);

        db.Clock.SetUtcNow(AfterDeadline);
        foreach (var level in new[] { $"school-{School}", "city-4401", "prov-44" })
        {
            var rows = await db.As(await db.ActorOf(level), sp => sp.GetRequiredService<IntakeProgress>().ListAsync(2026, IntakeSeason.Autumn, default));
            var row = Assert.Single(rows, r => r.SchoolCode == School);
            Assert.True(row.OverdueOpen >= 2, level);
            Assert.Equal(row.Registered - row.Approved, row.OverdueOpen);
            Assert.Contains(RegistrationLateness.Overdue, row.OverdueText, StringComparison.Ordinal);
            Assert.Contains("待主管部门审核", row.OverdueText, StringComparison.Ordinal);
            Assert.Contains("待学校核验", row.OverdueText, StringComparison.Ordinal);
        }

        // The city's review queue marks the submitted record, with the deadline and the step it is stuck at.
        var queue = await db.As(await db.ActorOf("city-4401"), sp => sp.GetRequiredService<RegistrationReviewQueue>().PendingAsync(500, default));
        Assert.Contains(queue.Students, s => s.Id == submitted);
        Assert.Equal("逾期未完成注册（2026年秋季截止 2026-10-31，待主管部门审核）", queue.Overdue[submitted]);
        Assert.DoesNotContain(collected, queue.Overdue.Keys);
    }

    [Theory]
    [BothDatabases]
    public async Task ApprovalAfterDeadline_RefusedWithoutReopening_NamingTheDeadline_AllowedWithOne(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 1);
        var city = await db.ActorOf("city-4401");
        var id = await RegisterAsync(db, verify: true, submit: true);
        db.Clock.SetUtcNow(AfterDeadline);

        var refused = await Assert.ThrowsAsync<AppException>(() => ApproveAsync(db, city, id));
        Assert.Equal(ErrorKind.Conflict, refused.Kind);
        Assert.Contains("2026-10-31", refused.Message, StringComparison.Ordinal);
        Assert.Contains("审核通过也须在截止日期前完成", refused.Message, StringComparison.Ordinal);
        Assert.True(refused.Errors.ContainsKey("deadline"));
        Assert.Equal(RegistrationState.Submitted, await StateOf(db, id));

        // A reopening of the school's steps only does not cover the approval.
        await ReopenAsync(db, "补录延迟报到学生（仅学校环节）", ReopenedSteps.School);
        var still = await Assert.ThrowsAsync<AppException>(() => ApproveAsync(db, city, id));
        Assert.Contains("2026-10-31", still.Message, StringComparison.Ordinal);
        Assert.Equal(RegistrationState.Submitted, await StateOf(db, id));

        // One that covers the approval allows it; the approval is counted as late on the progress list.
        await ReopenAsync(db, "补录延迟报到学生（含审核）", ReopenedSteps.Approval);
        var approved = await ApproveAsync(db, city, id);
        Assert.Single(approved.StatusNumbers);
        Assert.Equal(RegistrationState.Approved, await StateOf(db, id));
        var row = Assert.Single(await db.As(city, sp => sp.GetRequiredService<IntakeProgress>().ListAsync(2026, IntakeSeason.Autumn, default)), r => r.SchoolCode == School);
        Assert.True(row.ApprovedLate >= 1);
    }

    [Theory]
    [BothDatabases]
    public async Task VerificationAndSubmissionAfterDeadline_NeedAReopeningOfTheSchoolSteps(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 1);
        var school = await db.ActorOf($"school-{School}");
        var id = await RegisterAsync(db, verify: false, submit: false);
        db.Clock.SetUtcNow(AfterDeadline);

        var verify = await Assert.ThrowsAsync<AppException>(() => db.As(school, sp => sp.GetRequiredService<VerifyRegistration>().HandleAsync(School, [id], null, default)));
        Assert.Contains("截止", verify.Message, StringComparison.Ordinal);
        Assert.Equal(RegistrationState.Collected, await StateOf(db, id));

        // An approval-only reopening does not reopen the school's steps; one of the school's steps does.
        await ReopenAsync(db, "主管部门补审（仅审核）", ReopenedSteps.Approval);
        await Assert.ThrowsAsync<AppException>(() => db.As(school, sp => sp.GetRequiredService<VerifyRegistration>().HandleAsync(School, [id], null, default)));
        await ReopenAsync(db, "补录延迟报到学生", ReopenedSteps.School);
        await db.As(school, sp => sp.GetRequiredService<VerifyRegistration>().HandleAsync(School, [id], null, default));
        await db.As(school, sp => sp.GetRequiredService<SubmitRegistrations>().HandleAsync(School, [id], default));
        Assert.Equal(RegistrationState.Submitted, await StateOf(db, id));
    }

    [Theory]
    [BothDatabases]
    public async Task Reopening_WithoutSteps_Refused_NothingWritten(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 1);
        db.Clock.SetUtcNow(AfterDeadline);
        var count = () => db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<RegistrationReopening>().CountAsync());
        var before = await count();
        var bad = await Assert.ThrowsAsync<AppException>(() => ReopenAsync(db, "补录延迟报到学生", 0));
        Assert.True(bad.Errors.ContainsKey("steps"));
        Assert.Equal(before, await count());
    }
}
