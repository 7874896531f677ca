using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.PublicSite.Domain;

namespace TechSchoolAid.Modules.PublicSite.Features.Hotlines;

/// <summary>A consultation and complaint line as the public sees it.</summary>
public sealed record HotlineView(string OrganizationCode, string OrganizationName, string ConsultationPhone, string ComplaintPhone, string Address,
    string Hours, string? Email, int Version);

/// <summary>Every province's and the ministry's consultation and complaint line (PUB-1), public: the ministry's first, then by province code.</summary>
public sealed class ListHotlines(TsaDbContext db)
{
    public static void Map(IEndpointRouteBuilder publicApi) =>
        publicApi.MapGet("/hotlines", async (ListHotlines q, CancellationToken ct) => TypedResults.Ok(await q.HandleAsync(ct)))
            .WithTags("公开查询").WithSummary("各省和部里的学生资助咨询投诉电话、地址、受理时间（无需登录）")
            .Produces<IReadOnlyList<HotlineView>>().ProducesProblem(400); // the group's input guard refuses malformed query strings

    public async Task<IReadOnlyList<HotlineView>> HandleAsync(CancellationToken ct)
    {
        var rows = await db.Unscoped<Hotline>("the hotlines are published to everyone (PUB-1)").AsNoTracking().ToListAsync(ct);
        return rows.OrderBy(h => h.ScopePath == "/" ? 0 : 1).ThenBy(h => h.OrganizationCode, StringComparer.Ordinal)
            .Select(h => new HotlineView(h.OrganizationCode, h.OrganizationName, h.ConsultationPhone, h.ComplaintPhone, h.Address, h.Hours, h.Email, h.Version))
            .ToList();
    }
}
