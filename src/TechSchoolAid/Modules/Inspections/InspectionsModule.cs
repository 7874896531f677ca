using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Modules.Inspections.Features;

namespace TechSchoolAid.Modules.Inspections;

/// <summary>
/// Inspections (INS-1, the notice 三(一)): the province's yearly plan with its coverage rules, the school's self-inspection, visits with findings and rectification, the ministry's spot checks, coverage over three years (docs/adr/0019-oversight-modules.md, docs/adr/0020-inspections.md).
/// </summary>
public static class InspectionsModule
{
    public static IServiceCollection AddInspections(this IServiceCollection services) => InspectionFeatures.Add(services);

    public static void MapInspectionsEndpoints(this IEndpointRouteBuilder api) => InspectionFeatures.Map(api);
}
