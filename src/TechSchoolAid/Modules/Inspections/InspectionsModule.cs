using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace TechSchoolAid.Modules.Inspections;

/// <summary>
/// Inspections (INS-1, the notice 三(一)): the province's yearly plan with its coverage rules, the school's self-inspection, visits with findings and rectification, the ministry's spot checks, coverage over three years (docs/adr/0019-oversight-modules.md).
/// </summary>
public static class InspectionsModule
{
    public static IServiceCollection AddInspections(this IServiceCollection services)
    {
        return services;
    }

    public static void MapInspectionsEndpoints(this IEndpointRouteBuilder api)
    {
    }
}
