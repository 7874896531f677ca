using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.StatusChanges.Domain;

namespace TechSchoolAid.Modules.StatusChanges.Features.Oversight;

/// <summary>INS-1's risk "late status changes" per school: changes of the last 12 months processed late or still unprocessed past their due date ("late-status-changes").</summary>
public sealed class StatusChangeInspectionRisk(TsaDbContext db) : IInspectionRiskSource
{
    public async Task<IReadOnlyList<SchoolRisk>> RisksAsync(string provinceScopePath, DateOnly asOf, CancellationToken ct)
    {
        var since = asOf.AddMonths(-12);
        var rows = await db.Set<StatusChange>().AsNoTracking()
            .Where(c => c.ScopePath.StartsWith(provinceScopePath) && c.OccurredOn >= since && c.State != StatusChangeState.Undone
                        && (c.ProcessedLate || (c.ProcessedOn == null && c.DueDate < asOf)))
            .GroupBy(c => c.SchoolCode)
            .Select(g => new { Code = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        return rows.Select(r => new SchoolRisk(r.Code, "late-status-changes", $"近12个月学籍异动逾期办理{r.Count}条", r.Count)).ToList();
    }
}
