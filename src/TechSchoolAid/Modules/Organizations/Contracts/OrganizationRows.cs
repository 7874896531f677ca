using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Organizations.Domain;

namespace TechSchoolAid.Modules.Organizations.Contracts;

/// <summary>What other modules may read of an organisation, composable into their own queries (joins stay in SQL).</summary>
/// <remarks>Init properties, not a positional record: EF can filter and join on a member-init projection.</remarks>
public sealed record OrgRow
{
    public int Id { get; init; }

    public string Code { get; init; } = "";

    public string Name { get; init; } = "";

    public OrgLevel Level { get; init; }

    public string ScopePath { get; init; } = "";

    public string? ProvinceCode { get; init; }

    public string? CityCode { get; init; }

    /// <summary>民办 school (AID-4: the waiver is the comparable public school's tuition, see <see cref="ISchoolFees"/>).</summary>
    public bool IsPrivate { get; init; }
}

public static class OrganizationRows
{
    /// <summary>Organisations in the actor's scope.</summary>
    public static IQueryable<OrgRow> Organizations(this TsaDbContext db) => Project(db.Set<Organization>().AsNoTracking());

    /// <summary>
    /// Every organisation, whatever the actor's scope: only for national rules that must name another organisation
    /// (ENR-4 names the school holding a record) and for sign-in. Lifts the scope of the whole query it joins.
    /// </summary>
    public static IQueryable<OrgRow> AllOrganizations(this TsaDbContext db) => Project(db.Unscoped<Organization>("the organisation tree itself is public reference data").AsNoTracking());

    private static IQueryable<OrgRow> Project(IQueryable<Organization> q) =>
        q.Select(o => new OrgRow
        {
            Id = o.Id,
            Code = o.Code,
            Name = o.Name,
            Level = o.Level,
            ScopePath = o.ScopePath,
            ProvinceCode = o.ProvinceCode,
            CityCode = o.CityCode,
            IsPrivate = o.Ownership == Ownership.Private,
        });
}
