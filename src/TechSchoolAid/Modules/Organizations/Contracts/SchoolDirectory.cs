using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Organizations.Domain;

namespace TechSchoolAid.Modules.Organizations.Contracts;

/// <summary>What other modules may know of a school.</summary>
public sealed record SchoolRef(int Id, string Code, string Name, string ScopePath, ManagedBy ManagedBy, string SupervisorCode, string? CityCode, string? ProvinceCode);

public sealed class SchoolDirectory(TsaDbContext db)
{
    /// <summary>
    /// The school a request names, for a write: an unknown code is 404; a school that exists outside the caller's scope
    /// is 403, so a clerk learns that the code is wrong rather than that it is someone else's.
    /// </summary>
    public async Task<SchoolRef> ForWriteAsync(string schoolCode, CancellationToken ct)
    {
        var school = ToRef(await Query(db.Unscoped<Organization>("schools are named to others outside their scope (receiving school, public lookup)"), schoolCode).FirstOrDefaultAsync(ct))
            ?? throw new AppException(ErrorKind.NotFound, $"学校代码 {Shorten(schoolCode)} 不存在");
        if (!db.Actor.InScope(school.ScopePath))
        {
            throw AppException.Forbidden($"学校 {school.Code} 不在您的管理范围内");
        }

        return school;
    }

    /// <summary>A school in the caller's scope, or 404 (a read never confirms that an out-of-scope school exists).</summary>
    public async Task<SchoolRef> ForReadAsync(string schoolCode, CancellationToken ct) =>
        ToRef(await Query(db.Set<Organization>(), schoolCode).FirstOrDefaultAsync(ct))
        ?? throw AppException.NotFound($"学校 {Shorten(schoolCode)} ");

    /// <summary>The codes of every school in the caller's scope, in code order: for work done school by school.</summary>
    public async Task<List<string>> CodesInScopeAsync(CancellationToken ct) =>
        await db.Set<Organization>().AsNoTracking().Where(o => o.Level == OrgLevel.School).OrderBy(o => o.Code).Select(o => o.Code).ToListAsync(ct);

    public async Task<Dictionary<int, string>> NamesAsync(IEnumerable<int> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Unscoped<Organization>("schools are named to others outside their scope (receiving school, public lookup)").Where(o => list.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }

    private static IQueryable<Organization> Query(IQueryable<Organization> source, string code) =>
        source.AsNoTracking().Where(o => o.Code == code && o.Level == OrgLevel.School);

    private static SchoolRef? ToRef(Organization? o) => o is null
        ? null
        : new SchoolRef(o.Id, o.Code, o.Name, o.ScopePath, o.ManagedBy ?? ManagedBy.City, o.SupervisorCode ?? "", o.CityCode, o.ProvinceCode);

    private static string Shorten(string s) => s.Length > 20 ? s[..20] + "…" : s;
}
