using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Organizations.Domain;

namespace TechSchoolAid.Modules.Organizations.Features;

public sealed record OrganizationDto(
    string Code,
    string Name,
    OrgLevel Level,
    string? ParentCode,
    string? ProvinceCode,
    string? CityCode,
    SchoolKind? Kind,
    Ownership? Ownership,
    ManagedBy? ManagedBy,
    string? SupervisorCode,
    string? SupervisorName,
    string? Address,
    string? Principal,
    string? AidOfficeContact,
    string? AidOfficePhone);

/// <summary>The organisations in the caller's scope (ORG-1, ORG-2), with each school's supervising authority.</summary>
public sealed class OrganizationQueries(TsaDbContext db)
{
    public async Task<IReadOnlyList<OrganizationDto>> ListAsync(OrgLevel? level, string? search, CancellationToken ct)
    {
        var q = db.Set<Organization>().AsNoTracking();
        if (level is { } l)
        {
            q = q.Where(o => o.Level == l);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            q = q.Where(o => o.Code.StartsWith(term) || o.Name.Contains(term));
        }

        var rows = await q.OrderBy(o => o.ScopePath).Take(5000).ToListAsync(ct);
        var parentIds = rows.Where(r => r.ParentId is not null).Select(r => r.ParentId!.Value).Distinct().ToList();
        var parents = await db.Unscoped<Organization>("a scope names its parents (city and province) above it").AsNoTracking()
            .Where(o => parentIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => new { o.Code, o.Name }, ct);
        return rows.Select(o =>
        {
            var parent = o.ParentId is { } p && parents.TryGetValue(p, out var x) ? x : null;
            var isSchool = o.Level == OrgLevel.School;
            return new OrganizationDto(o.Code, o.Name, o.Level, parent?.Code, o.ProvinceCode, o.CityCode, o.Kind, o.Ownership, o.ManagedBy,
                isSchool ? parent?.Code : null, isSchool ? parent?.Name : null, o.Address, o.Principal, o.AidOfficeContact, o.AidOfficePhone);
        }).ToList();
    }
}
