using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Policies.Contracts;
using TechSchoolAid.Modules.Aid.Policies.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Aid.Policies.Features;

/// <summary>
/// The designated areas (issue 11, item 7) for every signed-in user, and the counties in force for a province's schools
/// on a date (what eligibility uses, through <see cref="IDesignatedAreas"/>).
/// </summary>
public sealed class DesignatedAreaQueries(TsaDbContext db) : IDesignatedAreas
{
    /// <summary>National areas first, then the provinces' own; newest period first.</summary>
    public async Task<IReadOnlyList<DesignatedAreaView>> ListAsync(string? provinceCode, CancellationToken ct)
    {
        var q = db.Set<DesignatedArea>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(provinceCode))
        {
            q = q.Where(a => a.ProvinceCode == null || a.ProvinceCode == provinceCode);
        }

        var rows = await q.ToListAsync(ct);
        return [.. rows.OrderBy(a => a.ProvinceCode ?? "", StringComparer.Ordinal).ThenBy(a => a.Kind).ThenByDescending(a => a.ValidFrom)
            .ThenBy(a => a.Name, StringComparer.Ordinal).Select(a => ToView(a, db.Actor))];
    }

    public async Task<IReadOnlyDictionary<string, DesignatedAreaMatch>> CountiesInForceAsync(string provinceCode, DateOnly date, CancellationToken ct = default)
    {
        var rows = await db.Set<DesignatedArea>().AsNoTracking()
            .Where(a => (a.ProvinceCode == null || a.ProvinceCode == provinceCode) && a.ValidFrom <= date && (a.ValidTo == null || a.ValidTo >= date))
            .ToListAsync(ct);
        var map = new Dictionary<string, DesignatedAreaMatch>(StringComparer.Ordinal);
        foreach (var a in rows.OrderBy(a => a.ProvinceCode is null ? 0 : 1).ThenBy(a => a.Kind))
        {
            foreach (var county in a.Counties)
            {
                map.TryAdd(county, new DesignatedAreaMatch(a.Name, a.Source, a.ProvinceCode is null));
            }
        }

        return map;
    }

    public static DesignatedAreaView ToView(DesignatedArea a, Actor actor) => new(
        a.Id, a.ProvinceCode, a.ProvinceCode is null ? "国家" : Divisions.ProvinceName(a.ProvinceCode) ?? a.ProvinceCode, a.Name, a.Kind, a.Kind.ToChinese(),
        a.Counties, a.ValidFrom, a.ValidTo, a.Source, a.Version, actor.ActionsOn(a.ScopePath, AidPolicyAccess.Edit));

    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/designated-areas", (string? provinceCode, DesignatedAreaQueries q, CancellationToken ct) => q.ListAsync(provinceCode, ct))
            .WithSummary("国家助学金特定地区（全部农村学生享受，不含县城）：国家认定的地区和各省自定的地区")
            .Produces<IReadOnlyList<DesignatedAreaView>>().RequireSignedIn();
}
