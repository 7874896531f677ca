using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.PublicSite.Features.Complaints;

/// <summary>A school as the public picks it: code, name, province.</summary>
public sealed record PublicSchool(string Code, string Name, string ProvinceCode, string ProvinceName);

/// <summary>The public school search of the complaint form: by name or code, at most 20, the directory being public reference data.</summary>
public sealed class SearchPublicSchools(TsaDbContext db)
{
    public const int MaxResults = 20;

    public static void Map(IEndpointRouteBuilder publicApi) =>
        publicApi.MapGet("/schools", async (string? q, SearchPublicSchools search, CancellationToken ct) => TypedResults.Ok(await search.HandleAsync(q, ct)))
            .WithTags("公开查询").WithSummary("按名称或代码搜索学校（无需登录，用于咨询投诉选择学校，最多 20 所）")
            .Produces<IReadOnlyList<PublicSchool>>().ProducesProblem(400);

    public async Task<IReadOnlyList<PublicSchool>> HandleAsync(string? query, CancellationToken ct)
    {
        var q = (query ?? "").Trim();
        if (q.Length == 0)
        {
            return [];
        }

        if (q.Length > 50)
        {
            q = q[..50];
        }

        var orgs = db.AllOrganizations();
        var schools = await orgs.Where(o => o.Level == OrgLevel.School && (o.Code.StartsWith(q) || o.Name.Contains(q)))
            .OrderBy(o => o.Code).Take(MaxResults).Select(o => new { o.Code, o.Name, o.ProvinceCode }).ToListAsync(ct);
        var provinces = Divisions.Provinces.ToDictionary(p => p.Code, p => p.Name, StringComparer.Ordinal);
        return schools.Select(s => new PublicSchool(s.Code, s.Name, s.ProvinceCode ?? "", provinces.GetValueOrDefault(s.ProvinceCode ?? "", ""))).ToList();
    }
}
