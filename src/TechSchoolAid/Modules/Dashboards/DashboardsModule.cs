using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace TechSchoolAid.Modules.Dashboards;

/// <summary>
/// The overview of a scope (RPT-1) on the home page of the ministry, a province and a city, gathered from every module's IDashboardSource (docs/adr/0019-oversight-modules.md).
/// </summary>
public static class DashboardsModule
{
    public static IServiceCollection AddDashboards(this IServiceCollection services)
    {
        return services;
    }

    public static void MapDashboardsEndpoints(this IEndpointRouteBuilder api)
    {
    }
}
