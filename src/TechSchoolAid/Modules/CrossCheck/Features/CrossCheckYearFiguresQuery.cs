using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.CrossCheck.Contracts;
using TechSchoolAid.Modules.CrossCheck.Domain;

namespace TechSchoolAid.Modules.CrossCheck.Features;

/// <summary>The cases found in a year per school (<see cref="ICrossCheckYearFigures"/>), one grouped query over the caller's scope.</summary>
public sealed class CrossCheckYearFiguresQuery(TsaDbContext db) : ICrossCheckYearFigures
{
    public async Task<IReadOnlyList<SchoolDuplicateFigures>> DuplicatesAsync(int year, CancellationToken ct)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var rows = await db.Set<CrossCheckCase>().AsNoTracking().Where(c => c.FoundOn >= from && c.FoundOn <= to)
            .GroupBy(c => new { c.SchoolId, c.ScopePath })
            .Select(g => new { g.Key.SchoolId, g.Key.ScopePath, Found = g.Count(), Cleared = g.Count(c => c.State != CrossCheckCaseState.Open) })
            .ToListAsync(ct);
        return [.. rows.Select(r => new SchoolDuplicateFigures(r.SchoolId, r.ScopePath, r.Found, r.Cleared))];
    }
}
