using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Aid.Hardship.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Domain;

namespace TechSchoolAid.Modules.Aid.Hardship.Features;

/// <summary>
/// The levels that count for aid today (<see cref="HardshipAssessment.CountsForAid"/>): the latest counting version of each
/// student. A re-assessment in progress leaves the earlier counting version in force until its own publication ends.
/// </summary>
public sealed class HardshipStanding(TsaDbContext db, TimeProvider clock) : IHardshipStanding
{
    public async Task<Dictionary<Guid, HardshipLevel>> CountingLevelsAsync(IReadOnlyCollection<Guid>? studentIds, int? schoolId, int schoolYear, CancellationToken ct)
    {
        var q = db.Set<HardshipAssessment>().AsNoTracking().Where(a => a.SchoolYear == schoolYear).Where(HardshipAssessment.CountsForAid(clock.Today()));
        q = studentIds is not null ? q.Where(a => studentIds.Contains(a.StudentId)) : q.Where(a => a.SchoolId == schoolId);
        var rows = await q.Select(a => new { a.StudentId, a.Version, a.Level }).ToListAsync(ct);
        return rows.GroupBy(r => r.StudentId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Version)!.Level!.Value);
    }
}
