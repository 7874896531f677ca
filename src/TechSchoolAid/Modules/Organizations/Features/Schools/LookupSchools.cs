using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Organizations.Domain;

namespace TechSchoolAid.Modules.Organizations.Features.Schools;

/// <summary>One school as the school picker lists it: its name and code.</summary>
public sealed record SchoolPick(string Code, string Name);

/// <summary>The school picker's answer: at most <see cref="LookupText.Cap"/> schools and whether there are more.</summary>
public sealed record SchoolLookupResult(IReadOnlyList<SchoolPick> Items, bool More);

/// <summary>
/// The school picker (issue 13 item 3, docs/adr/0026-pickers.md): the schools in the caller's scope whose name contains the
/// text or whose code starts with it, by code, at most 20. Like the organisation tree it is open to every signed-in user,
/// and the scope decides what is listed (a school sees itself, a city its schools, a province its own).
/// </summary>
public sealed class LookupSchools(TsaDbContext db)
{
    public static void Map(IEndpointRouteBuilder g) =>
        g.MapGet("/schools/lookup", ([Microsoft.AspNetCore.Mvc.FromQuery] string? q, LookupSchools lookup, CancellationToken ct) => lookup.HandleAsync(q, ct))
            .RequireSignedIn()
            .WithSummary("选择学校：按名称或代码查找管理范围内的学校（最多 20 所）")
            .Produces<SchoolLookupResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

    public async Task<SchoolLookupResult> HandleAsync(string? text, CancellationToken ct)
    {
        var term = LookupText.Checked(text);
        var q = db.Set<Organization>().AsNoTracking().Where(o => o.Level == OrgLevel.School);
        if (term is not null)
        {
            q = q.Where(o => o.Code.StartsWith(term) || o.Name.Contains(term));
        }

        var schools = await q.OrderBy(o => o.Code).Select(o => new SchoolPick(o.Code, o.Name)).Take(LookupText.Cap + 1).ToListAsync(ct);
        return new SchoolLookupResult(schools.Take(LookupText.Cap).ToList(), schools.Count > LookupText.Cap);
    }
}
