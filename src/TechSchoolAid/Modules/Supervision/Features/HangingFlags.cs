using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Supervision.Contracts;
using TechSchoolAid.Modules.Supervision.Domain;

namespace TechSchoolAid.Modules.Supervision.Features;

public sealed record TextRequest(string? Text);

public sealed record ScanRequest(string? SchoolCode);

public sealed record ScanResult(int NoActivity, int PastExpectedGraduation, DateOnly ActivitySince, int NoActivityDays, int GraduationGraceDays);

public sealed record HangingFlagDto(
    Guid Id, HangingReason Reason, string ReasonText, string Detail, Guid? CampaignId, Guid StudentId, string StudentName, string StudentIdNumberMasked,
    string? StatusNumber, string SchoolCode, string SchoolName, DateOnly DetectedOn, string DetectedBy, HangingFlagState State, string StateText,
    string? Answer, string? AnsweredBy, DateTime? AnsweredAt, int AnswerCount, string? ReviewNote, string? ReviewedBy, DateTime? ReviewedAt,
    bool CanAnswer, bool CanReview);

public sealed record HangingFlagActions(bool Answer, bool Review);

public sealed record HangingFlagDetail(HangingFlagDto Flag, HangingFlagActions Actions);

public sealed class HangingFlagFilter
{
    public string? SchoolCode { get; set; }

    public HangingReason? Reason { get; set; }

    public HangingFlagState? State { get; set; }

    /// <summary>Only flags still open (waiting for the school's answer or for the supervisor's review).</summary>
    public bool? Open { get; set; }

    public Guid? StudentId { get; set; }

    public int? Page { get; set; }

    public int? PageSize { get; set; }
}

/// <summary>
/// STA-3's "possibly hanging" list: the scan for records without activity and past their expected graduation, the school's
/// answer (说明) and the direct supervisor's acceptance or request for a new answer. Campaign flags are raised by
/// <see cref="PresenceCampaigns"/>. Every step audited.
/// </summary>
public sealed class HangingFlags(TsaDbContext db, SchoolDirectory schools, TimeProvider clock)
{
    /// <summary>
    /// Flags, in the caller's scope (or one school of it), every live record that (a) has had no recorded activity —
    /// registration, a status change, a campaign result, an accepted answer to a no-activity flag — for the policy's days,
    /// or (b) is past its expected graduation date (enrolment + schooling years) plus the grace period and still at school.
    /// A record already flagged for the same reason (open, or accepted: the school explained it) is not flagged again.
    /// </summary>
    public async Task<ScanResult> ScanAsync(string? schoolCode, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(SupervisionAccess.Scan);
        var today = clock.Today();
        var policy = await HangingFlagging.PolicyAsync(db, today, ct);
        var since = today.AddDays(-policy.NoActivityDays);
        var sinceUtc = HangingFlagging.StartUtc(since);
        var students = db.StudentRowsInScope().Where(s => s.RegistrationApproved && PresenceCampaigns.Live.Contains(s.Status));
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
            HangingFlagging.Raise(db, clock, HangingReason.NoActivity,
                $"超过 {policy.NoActivityDays} 天无任何学籍活动记录（注册、异动、核验），最近一次为 {ChinaTime.Iso(lastDate)}", null, Facts(s));
        }

        var past = 0;
        var years = await students.Select(s => s.SchoolingYears).Distinct().ToListAsync(ct);
        foreach (var y in years.Where(y => y > 0))
        {
            // expected graduation = enrolment + y years; flagged when expected + grace < today.
            var enrolledBefore = today.AddDays(-policy.GraduationGraceDays).AddYears(-y);
            var late = await students
                .Where(s => s.SchoolingYears == y && s.EnrolmentDate < enrolledBefore
                    && !flags.Any(f => f.StudentId == s.Id && f.Reason == HangingReason.PastExpectedGraduation && f.State != HangingFlagState.Cleared))
                .ToListAsync(ct);
            foreach (var s in late)
            {
                var expected = s.EnrolmentDate.AddYears(y);
                HangingFlagging.Raise(db, clock, HangingReason.PastExpectedGraduation,
                    $"{ChinaTime.Iso(s.EnrolmentDate)} 入学，学制 {y} 年，预计 {ChinaTime.Iso(expected)} 毕业，已超过 {policy.GraduationGraceDays} 天宽限期仍为「{s.Status.ToChinese()}」", null, Facts(s));
                past++;
            }
        }

        db.Record(SupervisionAuditActions.Scanned, schoolCode?.Trim() ?? actor.OrganizationCode, actor.ScopePath, null,
            new { noActivity = idle.Count, pastExpectedGraduation = past, since = ChinaTime.Iso(since), policy = policy.Id }, clock);
        await db.SaveChangesAsync(ct);
        return new ScanResult(idle.Count, past, since, policy.NoActivityDays, policy.GraduationGraceDays);
    }

    public async Task<HangingFlag> AnswerAsync(Guid id, string? text, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(SupervisionAccess.AnswerFlagRole);

        var answer = SupervisionInput.Text(text, "text", "情况说明", 1000);
        var flag = await LoadAsync(id, ct);
        actor.Demand(SupervisionAccess.AnswerFlag, flag.ScopePath);

        var before = flag.State;
        flag.AnswerWith(answer, actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record(SupervisionAuditActions.Answered, flag.Id.ToString(), flag.ScopePath, new { state = before }, new { state = flag.State, answer, round = flag.AnswerCount }, clock);
        await db.SaveChangesAsync(ct);
        return flag;
    }

    public Task<HangingFlag> AcceptAsync(Guid id, string? note, CancellationToken ct) =>
        ReviewAsync(id, accept: true, SupervisionInput.Text(note, "text", "审核意见", 500, required: false), ct);

    public Task<HangingFlag> AskAgainAsync(Guid id, string? reason, CancellationToken ct) =>
        ReviewAsync(id, accept: false, SupervisionInput.Text(reason, "text", "要求重新说明的原因", 500), ct);

    private async Task<HangingFlag> ReviewAsync(Guid id, bool accept, string note, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(SupervisionAccess.ReviewFlagRole);
        var flag = await LoadAsync(id, ct);
        actor.Demand(SupervisionAccess.ReviewFlag, flag.ScopePath);

        var now = clock.GetUtcNow().UtcDateTime;
        if (accept)
        {
            flag.Accept(note.Length == 0 ? null : note, actor.UserName, now);
        }
        else
        {
            flag.AskAgain(note, actor.UserName, now);
        }

        db.Record(accept ? SupervisionAuditActions.Accepted : SupervisionAuditActions.AskedAgain, flag.Id.ToString(), flag.ScopePath,
            new { state = HangingFlagState.Answered, answer = flag.Answer }, new { state = flag.State, note }, clock);
        await db.SaveChangesAsync(ct);
        return flag;
    }

    private async Task<HangingFlag> LoadAsync(Guid id, CancellationToken ct) =>
        await db.Set<HangingFlag>().FirstOrDefaultAsync(f => f.Id == id, ct) ?? throw AppException.NotFound("疑似空挂记录");

    private static FlagFacts Facts(StudentRow s) => new(s.Id, s.SchoolId, s.SchoolCode, s.ScopePath, s.Name, s.IdNumberMasked, s.StatusNumber);
}
