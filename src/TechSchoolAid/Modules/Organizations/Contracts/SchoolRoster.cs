using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Organizations.Domain;

namespace TechSchoolAid.Modules.Organizations.Contracts;

/// <summary>The schools under an organisation with their management level (省管/市管), for work planned school by school (INS-1 inspection plans).</summary>
public static class SchoolRoster
{
    /// <summary>The schools in the caller's scope under <paramref name="scopePath"/>, in code order.</summary>
    public static async Task<List<SchoolRef>> SchoolsUnderAsync(this TsaDbContext db, string scopePath, CancellationToken ct)
    {
        var rows = await db.Set<Organization>().AsNoTracking()
            .Where(o => o.Level == OrgLevel.School && o.ScopePath.StartsWith(scopePath))
            .OrderBy(o => o.Code)
            .ToListAsync(ct);
        return rows.Select(o => new SchoolRef(o.Id, o.Code, o.Name, o.ScopePath, o.ManagedBy ?? ManagedBy.City, o.SupervisorCode ?? "", o.CityCode, o.ProvinceCode)).ToList();
    }
}
