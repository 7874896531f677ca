using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Organizations.Features;
using TechSchoolAid.Modules.Organizations.Features.Fees;
using TechSchoolAid.Modules.Organizations.Features.Schools;

namespace TechSchoolAid.Modules.Organizations;

public static class OrganizationsModule
{
    public static IServiceCollection AddOrganizations(this IServiceCollection services) =>
        services.AddScoped<SchoolDirectory>().AddScoped<OrganizationQueries>()
            .AddScoped<ISchoolFees, SchoolFees>()
            .AddScoped<GetSchool>().AddScoped<LookupSchools>().AddScoped<CreateSchool>().AddScoped<EditSchool>()
            .AddScoped<RecordSchoolTuition>().AddScoped<CorrectSchoolTuition>()
            .AddScoped<ListComparableTuition>().AddScoped<RecordComparableTuition>().AddScoped<CorrectComparableTuition>();

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

        // ORG-2: schools and their fees, under /organizations (the supervising authority creates and edits them).
        var g = api.MapGroup("/organizations").WithTags("机构");
        LookupSchools.Map(g);
        GetSchool.Map(g);
        CreateSchool.Map(g);
        EditSchool.Map(g);
        RecordSchoolTuition.Map(g);
        CorrectSchoolTuition.Map(g);
        ListComparableTuition.Map(g);
        RecordComparableTuition.Map(g);
        CorrectComparableTuition.Map(g);
    }
}
