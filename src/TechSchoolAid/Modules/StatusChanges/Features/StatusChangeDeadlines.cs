using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Calendar;
using TechSchoolAid.Modules.StatusChanges.Domain;

namespace TechSchoolAid.Modules.StatusChanges.Features;

/// <summary>STA-2's due date: the occurrence date plus the policy's working days, on the one official calendar.</summary>
public sealed class StatusChangeDeadlines(TsaDbContext db, WorkingDays workingDays)
{
    /// <summary>Days left at or below which a change is "due soon".</summary>
    public const int DueSoonWorkingDays = 3;

    public async Task<DateOnly> DueDateAsync(DateOnly occurredOn, CancellationToken ct)
    {
        var policies = await db.Set<StatusChangePolicy>().AsNoTracking().ToListAsync(ct);
        var days = policies.Where(p => p.AppliesTo(occurredOn)).OrderByDescending(p => p.ValidFrom).Select(p => p.WorkingDays).FirstOrDefault();
        return workingDays.AddWorkingDays(occurredOn, days > 0 ? days : 10);
    }

    /// <summary>The last due date that still counts as "due soon" today.</summary>
    public DateOnly DueSoonUntil(DateOnly today) => workingDays.AddWorkingDays(today, DueSoonWorkingDays);
}
