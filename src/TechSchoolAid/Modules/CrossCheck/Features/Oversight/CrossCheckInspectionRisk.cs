using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.CrossCheck.Contracts;
using TechSchoolAid.Modules.CrossCheck.Domain;
using TechSchoolAid.Modules.Inspections.Contracts;

namespace TechSchoolAid.Modules.CrossCheck.Features.Oversight;

/// <summary>INS-1's risk "open or overdue cross-check cases" per school: open cases count under "crosscheck-open", those past their clearance date under "crosscheck-overdue".</summary>
public sealed class CrossCheckInspectionRisk(TsaDbContext db) : IInspectionRiskSource
{
    public async Task<IReadOnlyList<SchoolRisk>> RisksAsync(string provinceScopePath, DateOnly asOf, CancellationToken ct)
    {
        var rows = await db.Set<CrossCheckCase>().AsNoTracking()
            .Where(c => c.State == CrossCheckCaseState.Open && c.ScopePath.StartsWith(provinceScopePath))
            .GroupBy(c => c.SchoolCode)
            .Select(g => new { Code = g.Key, Open = g.Count(), Overdue = g.Count(c => c.DueDate < asOf) })
            .ToListAsync(ct);
        var risks = new List<SchoolRisk>();
        foreach (var r in rows)
        {
            risks.Add(new SchoolRisk(r.Code, "crosscheck-open", $"比对疑似重复待清理{r.Open}条", r.Open));
            if (r.Overdue > 0)
            {
                risks.Add(new SchoolRisk(r.Code, "crosscheck-overdue", $"比对疑似重复逾期未清理{r.Overdue}条", r.Overdue));
            }
        }

        return risks;
    }
}
