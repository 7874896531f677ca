using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.Supervision.Contracts;
using TechSchoolAid.Modules.Supervision.Domain;

namespace TechSchoolAid.Modules.Supervision.Features.Oversight;

/// <summary>INS-1's risk "hanging records" per school: flags of 人籍分离/空挂学籍 not yet settled ("hanging-records").</summary>
public sealed class HangingRecordInspectionRisk(TsaDbContext db) : IInspectionRiskSource
{
    public async Task<IReadOnlyList<SchoolRisk>> RisksAsync(string provinceScopePath, DateOnly asOf, CancellationToken ct)
    {
        var rows = await db.Set<HangingFlag>().AsNoTracking()
            .Where(f => f.ScopePath.StartsWith(provinceScopePath) && (f.State == HangingFlagState.Open || f.State == HangingFlagState.Answered) && f.DetectedOn <= asOf)
            .GroupBy(f => f.SchoolCode)
            .Select(g => new { Code = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        return rows.Select(r => new SchoolRisk(r.Code, "hanging-records", $"疑似空挂学籍未处理{r.Count}人", r.Count)).ToList();
    }
}
