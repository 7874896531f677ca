using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Aid.Rounds.Features;
using TechSchoolAid.Modules.Audit.Domain;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.StatusChanges.Domain;
using TechSchoolAid.Modules.StatusChanges.Features;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Modules.Students.Features;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules;

/// <summary>
/// Four eyes (issue 11, item 10; Kernel FourEyes) on a real database, once per provider: the account that entered or
/// submitted a status change, a registration or an aid list may not approve the same item — refused in Chinese naming the
/// rule, nothing written — while a second account may. Today is Thu 2026-10-15.
/// </summary>
public sealed class FourEyesDataTests
{
    private const string School = "44010004"; // 市管, city 4401
    private const string Refusal = "四眼原则";

    private static Task<T> Run<TFeature, T>(TestDatabase db, Actor actor, Func<TFeature, Task<T>> f)
        where TFeature : notnull =>
        db.As(actor, sp => f(sp.GetRequiredService<TFeature>()));

    private static Task<int> AuditCount(TestDatabase db, string action) =>
        db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<AuditEvent>().IgnoreQueryFilters().CountAsync(e => e.Action == action));

    /// <summary>An approved student of the school, entered by its administrator and approved by the city.</summary>
    private static async Task<Guid> ActiveStudentAsync(TestDatabase db, Actor admin, Actor city)
    {
        var record = await Run(db, admin, (RegisterStudent f) => f.HandleAsync(School, TestIds.Student(TestIds.Make(birth: "20100707")), default));
        await Run(db, admin, (VerifyRegistration f) => f.HandleAsync(School, [record.Id], null, default));
        await Run(db, admin, (SubmitRegistrations f) => f.HandleAsync(School, [record.Id], default));
        await Run(db, city, (ApproveRegistrations f) => f.HandleAsync([record.Id], null, default));
        return record.Id;
    }

    [Theory]
    [BothDatabases]
    public async Task StatusChange_TheAdministratorWhoSubmittedIt_MayNotApprove_ASecondAccountMay(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var admin = await db.ActorOf($"school-{School}");
        var city = await db.ActorOf("city-4401");
        var student = await ActiveStudentAsync(db, admin, city);

        // 休学 is approved at the school (its administrator): entered and submitted by the administrator himself.
        var change = await Run(db, admin, (EnterStatusChange f) => f.HandleAsync(student,
            new StatusChangeInput { Kind = StatusChangeKind.Suspension, OccurredOn = new DateOnly(2026, 10, 12), ExpectedReturnOn = new DateOnly(2027, 9, 1), Reason = "因病住院，本人及监护人申请" },
            TechSchoolAid.Tests.Modules.StatusChanges.StatusChangeTestEvidence.Application, default));
        await Run(db, admin, (SubmitStatusChange f) => f.HandleAsync(change.Id, default));

        var detail = await Run(db, admin, (GetStatusChangeDetail q) => q.HandleAsync(change.Id, default));
        Assert.DoesNotContain("approve", detail.Actions);
        Assert.Contains(Refusal, detail.ApprovalHeldBack);

        var approvals = await AuditCount(db, StatusChangeAuditActions.Approved.Code);
        var refused = await Assert.ThrowsAsync<AppException>(() => Run(db, admin, (ApproveStatusChange f) => f.HandleAsync(change.Id, default)));
        Assert.Equal(ErrorKind.Forbidden, refused.Kind);
        Assert.Contains(Refusal, refused.Message);
        Assert.Contains("学籍异动", refused.Message);
        var after = await Run(db, admin, (GetStatusChangeDetail q) => q.HandleAsync(change.Id, default));
        Assert.Equal(StatusChangeState.Submitted, after.Change.State);
        Assert.Equal(approvals, await AuditCount(db, StatusChangeAuditActions.Approved.Code));
        Assert.Equal(EnrolmentStatus.Active, (await db.As(Actor.System("test"), sp => sp.GetRequiredService<StudentLifecycle>().GetAsync(student, default))).Status);

        // A second administrator of the same school (another account) approves; the names are compared without case.
        var deputy = admin with { UserName = $"school-{School}-deputy" };
        Assert.True(admin.IsHandOf($"SCHOOL-{School}"));
        var secondView = await Run(db, deputy, (GetStatusChangeDetail q) => q.HandleAsync(change.Id, default));
        Assert.Contains("approve", secondView.Actions);
        Assert.Null(secondView.ApprovalHeldBack);
        var approved = await Run(db, deputy, (ApproveStatusChange f) => f.HandleAsync(change.Id, default));
        Assert.Equal(StatusChangeState.Approved, approved.State);
    }

    [Theory]
    [BothDatabases]
    public async Task Registration_ApproverWhoCollectedOrSubmittedIt_IsRefused_NothingWritten(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var admin = await db.ActorOf($"school-{School}");
        var city = await db.ActorOf("city-4401");
        var record = await Run(db, admin, (RegisterStudent f) => f.HandleAsync(School, TestIds.Student(TestIds.Make(birth: "20100808")), default));
        await Run(db, admin, (VerifyRegistration f) => f.HandleAsync(School, [record.Id], null, default));
        await Run(db, admin, (SubmitRegistrations f) => f.HandleAsync(School, [record.Id], default));

        // The city's reviewer holding the same account name as the school's submitter (an account moved between
        // organisations keeps its name): the hand that submitted may not approve.
        var sameHand = city with { UserName = admin.UserName };
        var refused = await Assert.ThrowsAsync<AppException>(() => Run(db, sameHand, (ApproveRegistrations f) => f.HandleAsync([record.Id], null, default)));
        Assert.Equal(ErrorKind.Forbidden, refused.Kind);
        Assert.Contains(Refusal, refused.Message);
        Assert.Contains("1 名学生由您采集或报送", refused.Message);
        var state = await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<StudentRecord>().Where(s => s.Id == record.Id)
            .Select(s => new { s.RegistrationState, s.StatusNumber }).SingleAsync());
        Assert.Equal((RegistrationState.Submitted, (string?)null), (state.RegistrationState, state.StatusNumber));

        var approved = await Run(db, city, (ApproveRegistrations f) => f.HandleAsync([record.Id], null, default));
        Assert.Single(approved.StatusNumbers);
    }

    [Theory]
    [BothDatabases]
    public async Task AidList_ReviewerWhoSubmittedIt_IsRefused_TheDirectSupervisorApproves(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 12);
        var clerk = await db.ActorOf($"school-{School}-aid");
        var city = await db.ActorOf("city-4401");
        var round = await Run(db, clerk, (CreateAidRound w) => w.HandleAsync(new() { SchoolYear = 2026, Semester = Semester.Autumn, Item = AidItem.Waiver }, default));
        await Run(db, clerk, (PublishAidRound w) => w.HandleAsync(round.Id, new() { From = new DateOnly(2026, 10, 15), To = new DateOnly(2026, 10, 21) }, default));
        db.Clock.Advance(TimeSpan.FromDays(7));
        await Run(db, clerk, (SubmitAidRound w) => w.HandleAsync(round.Id, new(), default));

        var sameHand = city with { UserName = clerk.UserName };
        var refused = await Assert.ThrowsAsync<AppException>(() => Run(db, sameHand, (ReviewAidRound w) => w.HandleAsync(round.Id, new() { Decision = AidReviewDecision.Approve }, default)));
        Assert.Equal(ErrorKind.Forbidden, refused.Kind);
        Assert.Contains(Refusal, refused.Message);
        Assert.Contains("资助名单", refused.Message);
        var approvedLines = await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<AidEntry>().CountAsync(e => e.RoundId == round.Id && e.State == AidEntryState.Approved));
        Assert.Equal(0, approvedLines);

        var result = await Run(db, city, (ReviewAidRound w) => w.HandleAsync(round.Id, new() { Decision = AidReviewDecision.Approve }, default));
        Assert.True(result.Approved > 0);
    }

    [Fact]
    public void Refusal_NamesTheRuleAndTheItem()
    {
        var ex = Assert.Throws<AppException>(() => Actor.System("x").DemandSecondPerson("毕业批次", "someone", "system:x"));
        Assert.Equal(ErrorKind.Forbidden, ex.Kind);
        Assert.Equal("四眼原则：录入或报送该毕业批次的账号不能审批同一毕业批次，须由另一名有审批权限的人员审批", ex.Message);
        Actor.System("x").DemandSecondPerson("毕业批次", null, "", "other");
    }
}
