using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Organizations.Domain;

namespace TechSchoolAid.Modules.Organizations.Features.Fees;

public sealed record ComparableTuitionRow(
    Guid Id,
    string ProvinceCode,
    string? CityCode,
    string RecordedFor,
    SchoolKind Kind,
    string KindName,
    string? Major,
    long AmountFen,
    string DocumentNumber,
    DateOnly DocumentDate,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    bool InForce,
    string RecordedBy,
    DateTime RecordedAtUtc,
    int Version,
    IReadOnlyList<string> Actions);

/// <summary>The comparable public tuition of a province as the caller may see it, and whether the caller may record one.</summary>
public sealed record ComparableTuitionList(string ProvinceCode, string ProvinceName, IReadOnlyList<ComparableTuitionRow> Rows, IReadOnlyList<string> Actions);

/// <summary>
/// The comparable public tuition (同类型同专业公办学校学费标准) that applies to the caller's area: the province's figures
/// and, for a city or a school, its city's; a province sees its cities' too; the ministry names the province.
/// </summary>
public sealed class ListComparableTuition(TsaDbContext db, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder g) =>
        g.MapGet("/comparable-tuition", (string? provinceCode, ListComparableTuition q, CancellationToken ct) => q.HandleAsync(provinceCode, ct))
            .RequireSignedIn()
            .WithSummary("同类型同专业公办学校学费标准（本省及本市登记的，按学校类型、专业和执行期间）")
            .Produces<ComparableTuitionList>().ProducesProblem(400).ProducesProblem(404);

    public async Task<ComparableTuitionList> HandleAsync(string? provinceCode, CancellationToken ct)
    {
        var actor = db.Actor;
        var parts = actor.ScopePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var province = parts.Length > 0 ? parts[0] : provinceCode?.Trim();
        if (string.IsNullOrEmpty(province))
        {
            throw AppException.Invalid("provinceCode", "请选择省份（provinceCode，如 44）");
        }

        var provinceName = await OrganizationReads.AllOrganizations(db).Where(o => o.Code == province && o.Level == OrgLevel.Province)
            .Select(o => o.Name).FirstOrDefaultAsync(ct) ?? throw AppException.NotFound($"省份 {(province.Length > 10 ? province[..10] : province)} ");

        // A city sees its own figures; a school those of the city it stands in (also a 省管 school); a province all of its cities'.
        string? city = actor.Level switch
        {
            OrgLevel.City => actor.OrganizationCode,
            OrgLevel.School => await db.Set<Organization>().AsNoTracking().Where(o => o.Code == actor.OrganizationCode).Select(o => o.CityCode).FirstOrDefaultAsync(ct),
            _ => null,
        };
        var q = OrganizationReads.ComparableTuitions(db).Where(t => t.ProvinceCode == province);
        if (actor.Level is OrgLevel.City or OrgLevel.School)
        {
            q = q.Where(t => t.CityCode == null || t.CityCode == city);
        }

        var rows = await q.ToListAsync(ct);
        var cityNames = await OrganizationReads.AllOrganizations(db).Where(o => o.Level == OrgLevel.City && o.ProvinceCode == province)
            .ToDictionaryAsync(o => o.Code, o => o.Name, ct);
        var today = clock.Today();
        var list = rows
            .OrderBy(t => t.CityCode ?? "", StringComparer.Ordinal).ThenBy(t => t.Kind).ThenBy(t => t.Major ?? "", StringComparer.Ordinal).ThenByDescending(t => t.ValidFrom)
            .Select(t => new ComparableTuitionRow(t.Id, t.ProvinceCode, t.CityCode, t.CityCode is { } c ? cityNames.GetValueOrDefault(c, c) : provinceName,
                t.Kind, t.Kind.ToChinese(), t.Major, t.AmountFen, t.DocumentNumber, t.DocumentDate, t.ValidFrom, t.ValidTo, t.AppliesOn(today),
                t.RecordedBy, t.RecordedAtUtc, t.Version, actor.ActionsOn(t.ScopePath, OrganizationAccess.ManageComparableTuition)))
            .ToList();
        return new ComparableTuitionList(province, provinceName, list, actor.ActionsOn(actor.ScopePath, OrganizationAccess.ManageComparableTuition));
    }
}
