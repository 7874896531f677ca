using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Organizations.Domain;

namespace TechSchoolAid.Modules.Organizations.Features.Schools;

/// <summary>What the school and fee writes share: finding the school the caller supervises, and saving with Chinese 409s.</summary>
internal static class SchoolWrites
{
    /// <summary>
    /// The school a write names, tracked: an unknown code is 404, a school outside the caller's scope 403, and the rule
    /// (its direct supervisor only) is demanded on it before anything else is read.
    /// </summary>
    public static async Task<Organization> SupervisedSchoolAsync(TsaDbContext db, SchoolDirectory schools, string code, AccessRule rule, CancellationToken ct)
    {
        var found = await schools.ForWriteAsync(code, ct);
        db.Actor.Demand(rule, found.ScopePath);
        return await db.Set<Organization>().FirstOrDefaultAsync(o => o.Id == found.Id, ct) ?? throw AppException.NotFound("学校");
    }

    public static async Task SaveAsync(TsaDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw AppException.Conflict(VersionPreconditions.StaleMessage);
        }
        catch (DbUpdateException ex) when (UniqueIndex.IsViolation(ex, "IX_organizations_Code", "organizations.Code"))
        {
            throw AppException.Conflict("学校代码已被使用，请核对");
        }
    }
}
