using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace TechSchoolAid.Modules.Standards;

/// <summary>
/// Standardisation of the schools' aid work (INS-2) and their enrolment brochures (PUB-2): aid rules, aid staff and their training, the province's trainings, brochures with their checklist and approval (docs/adr/0019-oversight-modules.md).
/// </summary>
public static class StandardsModule
{
    public static IServiceCollection AddStandards(this IServiceCollection services)
    {
        return services;
    }

    public static void MapStandardsEndpoints(this IEndpointRouteBuilder api)
    {
    }
}
