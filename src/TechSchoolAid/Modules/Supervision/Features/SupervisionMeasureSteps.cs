using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Supervision.Domain;

namespace TechSchoolAid.Modules.Supervision.Features;

/// <summary>What the steps of a supervision measure share: the due-soon window and loading a measure in the caller's scope.</summary>
public static class SupervisionMeasureSteps
{
    /// <summary>Days before the due date from which a rectification is "due soon".</summary>
    public const int DueSoonDays = 7;

    public static async Task<SupervisionMeasure> LoadAsync(TsaDbContext db, Guid id, CancellationToken ct) =>
        await db.Set<SupervisionMeasure>().FirstOrDefaultAsync(m => m.Id == id, ct) ?? throw AppException.NotFound("监管措施");
}
