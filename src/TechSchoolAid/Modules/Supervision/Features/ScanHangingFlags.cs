using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Supervision.Contracts;
using TechSchoolAid.Modules.Supervision.Domain;

namespace TechSchoolAid.Modules.Supervision.Features;

public sealed record ScanRequest(string? SchoolCode);

public sealed record ScanResult(int NoActivity, int PastExpectedGraduation, DateOnly ActivitySince, int NoActivityDays, int GraduationGraceDays);

/// <summary>
/// STA-3: the scan for records without activity and past their expected graduation, by a city or province over its scope
/// (or one school of it); also run on schedule by <see cref="ScheduledHangingScan"/>. Audited.
/// </summary>
public sealed class ScanHangingFlags(TsaDbContext db, SchoolDirectory schools, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder h) =>
        h.MapPost("/scan", (ScanRequest? r, ScanHangingFlags w, CancellationToken ct) => w.HandleAsync(r?.SchoolCode, ct))
            .WithSummary("筛查长期无学籍活动、超过预计毕业日期的学生并列为疑似空挂（市级、省级人社部门）").RequireAccess(SupervisionAccess.Scan).ProducesProblem(403).ProducesProblem(404);

    /// <summary>
    /// Flags, in the caller's scope (or one school of it), every live record that (a) has had no recorded activity —
    /// registration, a status change, a campaign result, an accepted answer to a no-activity flag — for the policy's days,
    /// or (b) is past its expected graduation date (enrolment + schooling years) plus the grace period and still at school.
    /// A record already flagged for the same reason (open, or accepted: the school explained it) is not flagged again.
    /// </summary>
    public async Task<ScanResult> HandleAsync(string? schoolCode, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(SupervisionAccess.Scan);
        var today = clock.Today();
        var policy = await HangingFlagSteps.PolicyAsync(db, today, ct);
        var since = today.AddDays(-policy.NoActivityDays);
        var sinceUtc = HangingFlagSteps.StartUtc(since);
        // Issue 11, item 12: only full-time students are expected on site; a non-full-time record is not "hanging" for want of presence.
        var students = db.StudentRowsInScope().Where(s => s.RegistrationApproved && s.IsFullTime && PresenceCampaignSteps.Live.Contains(s.Status));
        if (!string.IsNullOrWhiteSpace(schoolCode))
        {
            var school = await schools.ForReadAsync(schoolCode.Trim(), ct);
            students = students.Where(s => s.SchoolId == school.Id);
        }

        var changes = db.StatusChangeActivityRows();
        var results = db.Set<PresenceCheckResult>().AsNoTracking();
        var flags = db.Set<HangingFlag>().AsNoTracking();

        var idle = await students
            .Where(s => s.RegisteredAtUtc < sinceUtc && (s.StatusSince == null || s.StatusSince < since) && (s.ContinuedOn == null || s.ContinuedOn < since)
                && !changes.Any(c => c.StudentId == s.Id && c.AtUtc >= sinceUtc)
                && !results.Any(r => r.StudentId == s.Id && r.RecordedAtUtc >= sinceUtc)
                && !flags.Any(f => f.StudentId == s.Id && f.Reason == HangingReason.NoActivity
                    && (f.State == HangingFlagState.Open || f.State == HangingFlagState.Answered || f.ReviewedAtUtc >= sinceUtc)))
            .Select(s => new
            {
                Student = s,
                LastChange = changes.Where(c => c.StudentId == s.Id).Max(c => (DateTime?)c.AtUtc),
                LastResult = results.Where(r => r.StudentId == s.Id).Max(r => (DateTime?)r.RecordedAtUtc),
            })
            .ToListAsync(ct);
        foreach (var x in idle)
        {
            var s = x.Student;
            var last = new[] { ChinaTime.ToChina(s.RegisteredAtUtc).DateTime, x.LastChange is { } c ? ChinaTime.ToChina(c).DateTime : DateTime.MinValue,
                x.LastResult is { } r ? ChinaTime.ToChina(r).DateTime : DateTime.MinValue }.Max();
            var lastDate = new[] { DateOnly.FromDateTime(last), s.StatusSince ?? DateOnly.MinValue, s.ContinuedOn ?? DateOnly.MinValue }.Max();
            HangingFlagSteps.Raise(db, clock, HangingReason.NoActivity,
                $"超过 {policy.NoActivityDays} 天无任何学籍活动记录（注册、异动、核验），最近一次为 {ChinaTime.Iso(lastDate)}", null, Facts(s));
        }

        var past = 0;
        // The expected end moves with approved repeated years and suspensions (issue 11, item 12): the years (with repeats) in
        // SQL, the suspensions' days (which only move it later) exactly in memory.
        var years = await students.Select(s => s.SchoolingYears + s.RepeatedYears).Distinct().ToListAsync(ct);
        foreach (var y in years.Where(y => y > 0))
        {
            // expected graduation = enrolment + y years (+ suspended days); flagged when expected + grace < today.
            var enrolledBefore = today.AddDays(-policy.GraduationGraceDays).AddYears(-y);
            var candidates = await students
                .Where(s => s.SchoolingYears + s.RepeatedYears == y && s.EnrolmentDate < enrolledBefore
                    && !flags.Any(f => f.StudentId == s.Id && f.Reason == HangingReason.PastExpectedGraduation && f.State != HangingFlagState.Cleared))
                .ToListAsync(ct);
            foreach (var s in candidates)
            {
                var expected = ExpectedSchoolingEnd.Of(s.EnrolmentDate, s.SchoolingYears, s.RepeatedYears, s.SuspendedDays, s.Status, s.StatusSince, today);
                if (expected.AddDays(policy.GraduationGraceDays) >= today)
                {
                    continue;
                }

                var moved = ExpectedSchoolingEnd.Moves(s.RepeatedYears, s.SuspendedDays, s.Status, s.StatusSince, today) is { } why ? $"（已顺延：{why}）" : "";
                HangingFlagSteps.Raise(db, clock, HangingReason.PastExpectedGraduation,
                    $"{ChinaTime.Iso(s.EnrolmentDate)} 入学，学制 {s.SchoolingYears} 年，预计 {ChinaTime.Iso(expected)} 毕业{moved}，已超过 {policy.GraduationGraceDays} 天宽限期仍为「{s.Status.ToChinese()}」", null, Facts(s));
                past++;
            }
        }

        db.Record(SupervisionAuditActions.Scanned, schoolCode?.Trim() ?? actor.OrganizationCode, actor.ScopePath, null,
            new { noActivity = idle.Count, pastExpectedGraduation = past, since = ChinaTime.Iso(since), policy = policy.Id }, clock);
        await db.SaveChangesAsync(ct);
        return new ScanResult(idle.Count, past, since, policy.NoActivityDays, policy.GraduationGraceDays);
    }

    private static FlagFacts Facts(StudentRow s) => new(s.Id, s.SchoolId, s.SchoolCode, s.ScopePath, s.Name, s.IdNumberMasked, s.StatusNumber);
}
