using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Organizations.Features;

namespace TechSchoolAid.Modules.Organizations;

public static class OrganizationsModule
{
    public static IServiceCollection AddOrganizations(this IServiceCollection services) =>
        services.AddScoped<SchoolDirectory>().AddScoped<OrganizationQueries>();

    public static void MapOrganizationsEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/organizations", (string? level, string? search, OrganizationQueries q, CancellationToken ct) =>
        {
            OrgLevel? parsed = level?.ToLowerInvariant() switch
            {
                null or "" => null,
                "ministry" => OrgLevel.Ministry,
                "province" => OrgLevel.Province,
                "city" => OrgLevel.City,
                "school" => OrgLevel.School,
                _ => throw AppException.Invalid("level", "level 只能是 ministry、province、city 或 school"),
            };
            return q.ListAsync(parsed, search, ct);
        }).RequireSignedIn().WithTags("机构").WithSummary("管理范围内的机构；学校附主管部门");
    }
}
