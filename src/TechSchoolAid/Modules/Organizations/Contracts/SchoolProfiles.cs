using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Organizations.Domain;

namespace TechSchoolAid.Modules.Organizations.Contracts;

/// <summary>A school with its kind (技师学院 1, 高级技工学校 2, 技工学校 3), for documents that print it (GRD-1 certificates).</summary>
public sealed record SchoolProfile(int Id, string Code, string Name, string ScopePath, int KindCode, string KindName);

public static class SchoolProfiles
{
    /// <summary>A school in the caller's scope, or null.</summary>
    public static async Task<SchoolProfile?> SchoolProfileAsync(this TsaDbContext db, string schoolCode, CancellationToken ct)
    {
        var o = await db.Set<Organization>().AsNoTracking().Where(o => o.Code == schoolCode && o.Level == OrgLevel.School).FirstOrDefaultAsync(ct);
        return o is null ? null : new SchoolProfile(o.Id, o.Code, o.Name, o.ScopePath, (int)(o.Kind ?? SchoolKind.TechnicalSchool), (o.Kind ?? SchoolKind.TechnicalSchool).ToChinese());
    }
}
