using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Organizations.Domain;

namespace TechSchoolAid.Modules.Organizations.Contracts;

/// <summary>What other modules may read of an organisation, composable into their own queries (joins stay in SQL).</summary>
public sealed record OrgRow(int Id, string Code, string Name, OrgLevel Level, string ScopePath, string? ProvinceCode, string? CityCode);

public static class OrganizationRows
{
    /// <summary>Organisations in the actor's scope.</summary>
    public static IQueryable<OrgRow> Organizations(this TsaDbContext db) => Project(db.Set<Organization>().AsNoTracking());

    /// <summary>
    /// Every organisation, whatever the actor's scope: only for national rules that must name another organisation
    /// (ENR-4 names the school holding a record) and for sign-in. Lifts the scope of the whole query it joins.
    /// </summary>
    public static IQueryable<OrgRow> AllOrganizations(this TsaDbContext db) => Project(db.Set<Organization>().IgnoreQueryFilters().AsNoTracking());

    private static IQueryable<OrgRow> Project(IQueryable<Organization> q) =>
        q.Select(o => new OrgRow(o.Id, o.Code, o.Name, o.Level, o.ScopePath, o.ProvinceCode, o.CityCode));
}
