using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Graduation.Domain;

namespace TechSchoolAid.Modules.Graduation.Features;

/// <summary>The rounds in the caller's scope (the DbContext's filter), newest first, with their counts.</summary>
public sealed class ListGraduationRounds(TsaDbContext db)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/", ([AsParameters] GraduationRoundFilter filter, ListGraduationRounds q, CancellationToken ct) => q.HandleAsync(filter, ct))
            .WithSummary("管理范围内的毕业批次").RequirePermission(Permission.ViewStudents);

    public async Task<IReadOnlyList<GraduationRoundDto>> HandleAsync(GraduationRoundFilter filter, CancellationToken ct)
    {
        var q = db.Set<GraduationRound>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.SchoolCode))
        {
            q = q.Where(r => r.SchoolCode == filter.SchoolCode.Trim());
        }

        if (filter.State is { } state)
        {
            q = q.Where(r => r.State == state);
        }

        var rounds = await q.OrderByDescending(r => r.CreatedAtUtc).Take(500).ToListAsync(ct);
        var ids = rounds.Select(r => r.Id).ToList();
        var counts = await db.Set<GraduationEntry>().AsNoTracking().Where(e => ids.Contains(e.RoundId))
            .GroupBy(e => e.RoundId)
            .Select(g => new
            {
                g.Key,
                Candidates = g.Count(),
                Assessed = g.Count(e => e.ConductPassed != null && e.CoursesPassed != null),
                Passed = g.Count(e => e.ConductPassed == true && e.CoursesPassed == true),
            })
            .ToDictionaryAsync(x => x.Key, ct);
        return rounds.Select(r => GraduationView.ToDto(r, counts.TryGetValue(r.Id, out var c) ? (c.Candidates, c.Assessed, c.Passed) : (0, 0, 0))).ToList();
    }
}
