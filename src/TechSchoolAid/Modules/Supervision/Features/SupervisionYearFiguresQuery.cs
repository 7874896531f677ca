using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Supervision.Contracts;
using TechSchoolAid.Modules.Supervision.Domain;

namespace TechSchoolAid.Modules.Supervision.Features;

/// <summary>The measures issued in a year per school (<see cref="ISupervisionYearFigures"/>), one grouped query over the caller's scope.</summary>
public sealed class SupervisionYearFiguresQuery(TsaDbContext db) : ISupervisionYearFigures
{
    public async Task<IReadOnlyList<SchoolRectificationFigures>> RectificationAsync(int year, CancellationToken ct)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var rows = await db.Set<SupervisionMeasure>().AsNoTracking().Where(m => m.IssuedOn >= from && m.IssuedOn <= to)
            .GroupBy(m => new { m.SchoolId, m.ScopePath })
            .Select(g => new { g.Key.SchoolId, g.Key.ScopePath, Issued = g.Count(), Closed = g.Count(m => m.State == MeasureState.Closed) })
            .ToListAsync(ct);
        return [.. rows.Select(r => new SchoolRectificationFigures(r.SchoolId, r.ScopePath, r.Issued, r.Closed))];
    }
}
