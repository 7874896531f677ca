using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Inspections.Domain;

namespace TechSchoolAid.Modules.Inspections.Features;

/// <summary>What the inspection features share: the policy valid on a day, the checklist, today's China date, and saving with 409s.</summary>
public sealed class InspectionSupport(TsaDbContext db, TimeProvider clock)
{
    private static readonly (string Name, string[] SqliteColumns)[] UniqueIndexes =
    [
        ("ux_inspection_plans_year", ["inspection_plans.ScopePath"]),
        ("ux_inspection_plan_entries_school", ["inspection_plan_entries.PlanId"]),
        ("ux_inspection_self_inspections_year", ["inspection_self_inspections.SchoolId"]),
        ("ux_inspection_rectifications_finding", ["inspection_rectifications.FindingId"]),
        ("ux_inspection_policies_valid_from", ["inspection_policies.ValidFrom"]),
    ];

    public DateOnly Today => clock.Today();

    public DateTime NowUtc => clock.GetUtcNow().UtcDateTime;

    /// <summary>The policy row valid on <paramref name="day"/> (the latest that starts on or before it; the earliest when none does).</summary>
    public async Task<InspectionPolicy> PolicyAsync(DateOnly day, CancellationToken ct) =>
        await db.Set<InspectionPolicy>().AsNoTracking().Where(p => p.ValidFrom <= day).OrderByDescending(p => p.ValidFrom).FirstOrDefaultAsync(ct)
        ?? await db.Set<InspectionPolicy>().AsNoTracking().OrderBy(p => p.ValidFrom).FirstAsync(ct);

    /// <summary>The multipliers of the risk factors under a policy row.</summary>
    public async Task<Dictionary<string, int>> WeightsAsync(int policyId, CancellationToken ct) =>
        await db.Set<InspectionRiskWeight>().AsNoTracking().Where(w => w.PolicyId == policyId).ToDictionaryAsync(w => w.Factor, w => w.Multiplier, ct);

    public async Task<Dictionary<string, ChecklistItem>> ChecklistAsync(CancellationToken ct) =>
        await db.Set<ChecklistItem>().AsNoTracking().OrderBy(i => i.Order).ToDictionaryAsync(i => i.Key, ct);

    /// <summary>Saves; a concurrent change or a duplicate answers 409 in Chinese.</summary>
    public async Task SaveAsync(string conflict, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw AppException.Conflict(conflict);
        }
        catch (DbUpdateException ex) when (UniqueIndexes.Any(i => UniqueIndex.IsViolation(ex, i.Name, i.SqliteColumns)))
        {
            throw AppException.Conflict(conflict);
        }
    }
}
