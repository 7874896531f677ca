using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Supervision.Contracts;
using TechSchoolAid.Modules.Supervision.Domain;

namespace TechSchoolAid.Modules.Supervision.Features;

/// <summary>The facts a flag is raised on: one student, the reason in words.</summary>
public sealed record FlagFacts(Guid StudentId, int SchoolId, string SchoolCode, string ScopePath, string Name, string IdNumberMasked, string? StatusNumber);

/// <summary>
/// What the steps of the hanging list share: raising a flag in one place, so that every flag is audited the same way whoever
/// raised it; the policy in force; loading a flag in the caller's scope.
/// </summary>
public static class HangingFlagSteps
{
    public static HangingFlag Raise(TsaDbContext db, TimeProvider clock, HangingReason reason, string detail, Guid? campaignId, FlagFacts s)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var flag = new HangingFlag(Guid.CreateVersion7(), reason, detail.Length > 300 ? detail[..300] : detail, campaignId, s.StudentId, s.SchoolId, s.SchoolCode, s.ScopePath,
            s.Name, s.IdNumberMasked, s.StatusNumber, clock.Today(), db.Actor.UserName, now);
        db.Add(flag);
        db.Record(SupervisionAuditActions.Flagged, flag.Id.ToString(), flag.ScopePath, null, new { reason, detail = flag.Detail, student = s.StudentId, campaign = campaignId }, clock);
        return flag;
    }

    public static async Task<HangingPolicy> PolicyAsync(TsaDbContext db, DateOnly today, CancellationToken ct)
    {
        var policies = await db.Set<HangingPolicy>().AsNoTracking().ToListAsync(ct);
        return policies.Where(p => p.AppliesTo(today)).OrderByDescending(p => p.ValidFrom).FirstOrDefault()
            ?? new HangingPolicy(0, 180, 90, DateOnly.MinValue, null, "默认");
    }

    /// <summary>The UTC instant at which a Beijing date begins.</summary>
    public static DateTime StartUtc(DateOnly date) => date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - ChinaTime.Offset;

    public static async Task<HangingFlag> LoadAsync(TsaDbContext db, Guid id, CancellationToken ct) =>
        await db.Set<HangingFlag>().FirstOrDefaultAsync(f => f.Id == id, ct) ?? throw AppException.NotFound("疑似空挂记录");
}
