using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.StatusChanges.Domain;

namespace TechSchoolAid.Modules.StatusChanges.Features;

/// <summary>A suspended student's expected return (预计复学日期): that of the latest approved, not undone, suspension in the caller's scope.</summary>
public sealed class CurrentSuspension(TsaDbContext db)
{
    public Task<DateOnly?> ExpectedReturnAsync(Guid studentId, CancellationToken ct) =>
        db.Set<StatusChange>().AsNoTracking()
            .Where(c => c.StudentId == studentId && c.Kind == StatusChangeKind.Suspension && c.State == StatusChangeState.Approved)
            .OrderByDescending(c => c.OccurredOn).Select(c => c.ExpectedReturnOn).FirstOrDefaultAsync(ct);
}
