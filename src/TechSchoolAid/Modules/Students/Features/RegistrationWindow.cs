using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Modules.Students.Features;

public sealed record WindowState(int IntakeYear, IntakeSeason Season, DateOnly Deadline, bool IsOpen, DateOnly? ReopenedUntil, string? ReopenReason)
{
    public string Describe() => IsOpen
        ? ReopenedUntil is { } until
            ? $"{StudentText.Intake(IntakeYear, Season)}注册已由省级重新开放至 {ChinaTime.Iso(until)}"
            : $"{StudentText.Intake(IntakeYear, Season)}注册截止日期 {ChinaTime.Iso(Deadline)}"
        : $"{StudentText.Intake(IntakeYear, Season)}注册已于 {ChinaTime.Iso(Deadline)} 截止，如需补录请联系省级主管部门重新开放";
}

/// <summary>
/// Intake deadlines (ENR-2): dated policy data, and the province's reopening of one school's registration with a reason
/// until a date.
/// </summary>
public sealed class RegistrationWindow(TsaDbContext db, SchoolDirectory schools, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder schools) =>
        schools.MapPost("/registration-reopenings", async (string schoolCode, ReopenRequest r, RegistrationWindow w, CancellationToken ct) =>
        {
            var reopening = await w.ReopenAsync(schoolCode, r.IntakeYear, r.IntakeSeason, r.Until, r.Reason, r.Steps ?? ReopenedSteps.All, ct);
            return TypedResults.Ok(new { reopening.IntakeYear, reopening.IntakeSeason, reopening.Until, reopening.Reason, reopening.GrantedBy, reopening.Steps });
        }).WithSummary("省级重新开放某校注册（steps：School=学校录入/核验/报送，Approval=主管部门审核，All=两者，默认两者）").RequireAccess(StudentAccess.Reopen);

    public DateOnly Today => clock.Today();

    public async Task<DateOnly> DeadlineAsync(int year, IntakeSeason season, CancellationToken ct)
    {
        var rules = await db.Set<IntakeDeadline>().AsNoTracking().Where(d => d.Season == season).ToListAsync(ct);
        var rule = rules.Where(r => r.AppliesTo(year)).OrderByDescending(r => r.ValidFromYear).FirstOrDefault()
            ?? throw AppException.Invalid("intakeSeason", $"{StudentText.Intake(year, season)}没有配置注册截止日期");
        return rule.DeadlineFor(year);
    }

    /// <summary>Whether the school's steps (entry, verification, submission) of the intake are open today.</summary>
    public Task<WindowState> StateAsync(int schoolId, int year, IntakeSeason season, CancellationToken ct) =>
        StateAsync(schoolId, year, season, ReopenedSteps.School, ct);

    /// <summary>
    /// Whether a step of registration is open today: until the intake's deadline, or afterwards under a reopening of the
    /// school and intake that covers the step and runs until today or later.
    /// </summary>
    public async Task<WindowState> StateAsync(int schoolId, int year, IntakeSeason season, ReopenedSteps step, CancellationToken ct)
    {
        var deadline = await DeadlineAsync(year, season, ct);
        var today = Today;
        if (today <= deadline)
        {
            return new WindowState(year, season, deadline, true, null, null);
        }

        var reopenings = await db.Unscoped<RegistrationReopening>("a reopening is set by the province above the school").AsNoTracking()
            .Where(r => r.SchoolId == schoolId && r.IntakeYear == year && r.IntakeSeason == season && r.Until >= today)
            .ToListAsync(ct);
        var reopening = reopenings.Where(r => r.Covers(step)).OrderByDescending(r => r.Until).FirstOrDefault();
        return new WindowState(year, season, deadline, reopening is not null, reopening?.Until, reopening?.Reason);
    }

    public async Task EnsureOpenAsync(int schoolId, int year, IntakeSeason season, CancellationToken ct)
    {
        var state = await StateAsync(schoolId, year, season, ct);
        if (!state.IsOpen)
        {
            throw new AppException(ErrorKind.Conflict, state.Describe(), new Dictionary<string, string[]> { ["intakeSeason"] = [state.Describe()] });
        }
    }

    /// <summary>
    /// Issue 11, item 5: the supervising authority's approval belongs to the intake's deadline too (ENR-2), so approving
    /// after it needs a reopening that covers the approval step.
    /// </summary>
    public async Task EnsureApprovalOpenAsync(int schoolId, string schoolCode, int year, IntakeSeason season, CancellationToken ct)
    {
        var state = await StateAsync(schoolId, year, season, ReopenedSteps.Approval, ct);
        if (!state.IsOpen)
        {
            var message = $"学校 {schoolCode} 的{StudentText.Intake(year, season)}注册截止日期为 {ChinaTime.Iso(state.Deadline)}，审核通过也须在截止日期前完成；"
                + "截止后须由省级主管部门重新开放（含主管部门审核环节）方可审核通过";
            throw new AppException(ErrorKind.Conflict, message, new Dictionary<string, string[]> { ["deadline"] = [message] });
        }
    }

    /// <summary>The intake a clerk registers into by default: the current half-year's.</summary>
    public (int Year, IntakeSeason Season) CurrentIntake() => IntakeOf(Today);

    /// <summary>The intake of the half-year a day falls in.</summary>
    public static (int Year, IntakeSeason Season) IntakeOf(DateOnly day) => (day.Year, day.Month <= 6 ? IntakeSeason.Spring : IntakeSeason.Autumn);

    public Task<RegistrationReopening> ReopenAsync(string schoolCode, int year, IntakeSeason season, DateOnly until, string? reason, CancellationToken ct) =>
        ReopenAsync(schoolCode, year, season, until, reason, ReopenedSteps.All, ct);

    /// <summary>Reopens the <paramref name="steps"/> of registration (the school's, the approval, or both) until a date.</summary>
    public async Task<RegistrationReopening> ReopenAsync(string schoolCode, int year, IntakeSeason season, DateOnly until, string? reason, ReopenedSteps steps, CancellationToken ct)
    {
        db.Actor.Demand(StudentAccess.Reopen);
        var school = await schools.ForWriteAsync(schoolCode, ct);
        db.Actor.Demand(StudentAccess.Reopen, school.ScopePath);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 4)
        {
            errors["reason"] = ["请填写重新开放的原因（至少 4 个字）"];
        }

        if (until < Today)
        {
            errors["until"] = ["开放截止日期不能早于今天"];
        }
        else if (until > Today.AddDays(60))
        {
            errors["until"] = ["重新开放最长 60 天"];
        }

        if (steps is not (ReopenedSteps.School or ReopenedSteps.Approval or ReopenedSteps.All))
        {
            errors["steps"] = ["请选择重新开放的环节：学校录入、核验、报送，主管部门审核，或两者"];
        }

        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors);
        }

        var reopening = new RegistrationReopening(school.Id, school.ScopePath, year, season, until, reason!.Trim(), db.Actor.UserName, clock.GetUtcNow().UtcDateTime, steps);
        db.Add(reopening);
        db.Record(StudentAuditActions.RegistrationReopened, school.Code, school.ScopePath, null,
            new { intake = StudentText.Intake(year, season), until, reason = reopening.Reason, steps = steps.ToChinese() }, clock);
        await db.SaveChangesAsync(ct);
        return reopening;
    }
}

/// <summary>The province reopens a school's registration for an intake until a date, with its reason (ENR-2).</summary>
public sealed record ReopenRequest(int IntakeYear, IntakeSeason IntakeSeason, DateOnly Until, string? Reason, ReopenedSteps? Steps = null);
