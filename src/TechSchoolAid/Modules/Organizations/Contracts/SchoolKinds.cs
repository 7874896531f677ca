using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Organizations.Domain;

namespace TechSchoolAid.Modules.Organizations.Contracts;

/// <summary>What the yearly report groups a school's figures by: its province and its kind (技师学院, 高级技工学校, 技工学校).</summary>
public sealed record SchoolGrouping(int Id, string ProvinceCode, string ProvinceName, string KindName);

public static class SchoolKinds
{
    /// <summary>Every school under <paramref name="scopePath"/> that the caller's scope shows, by id (a few thousand rows nationally).</summary>
    public static async Task<Dictionary<int, SchoolGrouping>> SchoolGroupingsAsync(this TsaDbContext db, string scopePath, CancellationToken ct)
    {
        var schools = await db.Set<Organization>().AsNoTracking().Where(o => o.Level == OrgLevel.School && o.ScopePath.StartsWith(scopePath))
            .Select(o => new { o.Id, o.ProvinceCode, o.Kind }).ToListAsync(ct);
        return schools.ToDictionary(s => s.Id, s => new SchoolGrouping(s.Id, s.ProvinceCode ?? "", Divisions.ProvinceName(s.ProvinceCode ?? "") ?? s.ProvinceCode ?? "",
            (s.Kind ?? SchoolKind.TechnicalSchool).ToChinese()));
    }
}
