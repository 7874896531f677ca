using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Modules.Dashboards.Features;

namespace TechSchoolAid.Modules.Dashboards;

/// <summary>
/// The overview of a scope (RPT-1) on the home page of the ministry, a province and a city, gathered from every module's IDashboardSource (docs/adr/0019-oversight-modules.md, docs/adr/0023-dashboards.md).
/// </summary>
public static class DashboardsModule
{
    public static IServiceCollection AddDashboards(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddOptions<DashboardOptions>().BindConfiguration("Dashboards");
        services.AddSingleton<DashboardFlights>();
        services.AddScoped<GetDashboard>();
        services.AddScoped<ExportDashboardTile>();
        return services;
    }

    public static void MapDashboardsEndpoints(this IEndpointRouteBuilder api)
    {
        var g = api.MapGroup("").WithTags("辖区工作概览");
        GetDashboard.Map(g);
        ExportDashboardTile.Map(g);
    }
}
