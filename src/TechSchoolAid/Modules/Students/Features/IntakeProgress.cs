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

public sealed record IntakeProgressRow(
    string SchoolCode,
    string SchoolName,
    int IntakeYear,
    IntakeSeason IntakeSeason,
    int? Declared,
    int Registered,
    int Submitted,
    int Approved,
    int Returned,
    DateOnly Deadline,
    bool IsOpen,
    int OverdueOpen = 0,
    int ApprovedLate = 0,
    string? OverdueText = null)
{
    /// <summary>Declared but not yet registered: the "不漏" gap of ENR-4.</summary>
    public int? Missing => Declared is { } d ? Math.Max(0, d - Registered) : null;
}

/// <summary>ENR-4 completeness: each school's declared intake against what is registered and approved.</summary>
public sealed class IntakeProgress(TsaDbContext db, SchoolDirectory schools, RegistrationWindow window, TimeProvider clock)
{
    /// <summary>The school declares its intake; every level reads declared against registered and approved.</summary>
    public static void Map(RouteGroupBuilder schools, RouteGroupBuilder review)
    {
        schools.MapPut("/declared-intake", async (string schoolCode, DeclareRequest r, IntakeProgress p, CancellationToken ct) =>
        {
            await p.DeclareAsync(schoolCode, r.IntakeYear, r.IntakeSeason, r.Count, ct);
            return TypedResults.NoContent();
        }).WithSummary("申报招生人数").RequireAccess(StudentAccess.Declare);
        review.MapGet("/progress", (int year, IntakeSeason season, IntakeProgress p, CancellationToken ct) =>
            p.ListAsync(year, season, ct)).WithSummary("各校申报人数与注册、审核人数对照").RequireAccess(StudentAccess.View);
    }

    public async Task<IReadOnlyList<IntakeProgressRow>> ListAsync(int year, IntakeSeason season, CancellationToken ct)
    {
        db.Actor.Demand(StudentAccess.View);
        var deadline = await window.DeadlineAsync(year, season, ct);
        var afterDeadline = RegistrationLateness.AfterDeadlineUtc(deadline);
        var counts = await db.Set<StudentRecord>().AsNoTracking()
            .Where(s => s.IntakeYear == year && s.IntakeSeason == season)
            .GroupBy(s => new { s.SchoolId, s.RegistrationState, Verified = s.VerifiedAtUtc != null, Late = s.ReviewedAtUtc >= afterDeadline })
            .Select(g => new { g.Key.SchoolId, g.Key.RegistrationState, g.Key.Verified, g.Key.Late, Count = g.Count() })
            .ToListAsync(ct);
        var declared = await db.Set<DeclaredIntake>().AsNoTracking()
            .Where(d => d.IntakeYear == year && d.IntakeSeason == season)
            .ToDictionaryAsync(d => d.SchoolId, d => d.Count, ct);
        var schoolList = await db.Organizations().Where(o => o.Level == OrgLevel.School)
            .OrderBy(o => o.Code).Select(o => new { o.Id, o.Code, o.Name }).ToListAsync(ct);
        var reopened = await db.Set<RegistrationReopening>().AsNoTracking()
            .Where(r => r.IntakeYear == year && r.IntakeSeason == season && r.Until >= clock.Today())
            .Select(r => r.SchoolId).ToListAsync(ct);
        var open = clock.Today() <= deadline;
        return schoolList.Select(s =>
        {
            int C(RegistrationState st) => counts.Where(c => c.SchoolId == s.Id && c.RegistrationState == st).Sum(c => c.Count);
            var registered = counts.Where(c => c.SchoolId == s.Id).Sum(c => c.Count);
            var mine = counts.Where(c => c.SchoolId == s.Id).ToList();
            var approvedLate = mine.Where(c => c.RegistrationState == RegistrationState.Approved && c.Late).Sum(c => c.Count);
            var stuck = clock.Today() <= deadline ? new List<(string Step, int Count)>() : mine.Where(c => c.RegistrationState != RegistrationState.Approved)
                .GroupBy(c => RegistrationLateness.StuckAt(c.RegistrationState, c.Verified))
                .Select(g => (Step: g.Key, Count: g.Sum(c => c.Count))).OrderBy(g => g.Step, StringComparer.Ordinal).ToList();
            var overdue = stuck.Sum(x => x.Count);
            var text = overdue == 0 ? null : $"{RegistrationLateness.Overdue} {overdue} 人：" + string.Join("、", stuck.Select(x => $"{x.Step} {x.Count}"));
            return new IntakeProgressRow(s.Code, s.Name, year, season, declared.TryGetValue(s.Id, out var d) ? d : null, registered,
                C(RegistrationState.Submitted), C(RegistrationState.Approved), C(RegistrationState.Returned), deadline, open || reopened.Contains(s.Id),
                overdue, approvedLate, text);
        }).ToList();
    }

    public async Task DeclareAsync(string schoolCode, int year, IntakeSeason season, int count, CancellationToken ct)
    {
        db.Actor.Demand(StudentAccess.Declare);
        if (count is < 0 or > 100_000)
        {
            throw AppException.Invalid("count", "招生人数应在 0–100000 之间");
        }

        if (year < 2000 || year > clock.Today().Year + 1)
        {
            throw AppException.Invalid("intakeYear", "招生年份无效");
        }

        var school = await schools.ForWriteAsync(schoolCode, ct);
        db.Actor.Demand(StudentAccess.Declare, school.ScopePath);
        var now = clock.GetUtcNow().UtcDateTime;
        var existing = await db.Set<DeclaredIntake>().FirstOrDefaultAsync(d => d.SchoolId == school.Id && d.IntakeYear == year && d.IntakeSeason == season, ct);
        int? old = existing?.Count;
        if (existing is null)
        {
            db.Add(new DeclaredIntake(school.Id, school.ScopePath, year, season, count, db.Actor.UserName, now));
        }
        else
        {
            existing.Redeclare(count, db.Actor.UserName, now);
        }

        db.Record(StudentAuditActions.IntakeDeclared, school.Code, school.ScopePath, old is null ? null : new { count = old }, new { year, season, count }, clock);
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>The school's declared number of new students of an intake.</summary>
public sealed record DeclareRequest(int IntakeYear, IntakeSeason IntakeSeason, int Count);
