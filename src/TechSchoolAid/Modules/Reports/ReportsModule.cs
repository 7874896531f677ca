using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace TechSchoolAid.Modules.Reports;

/// <summary>
/// Reporting to the ministry (RPT-1, the notice 三(三)): the yearly report gathered from every module's IYearlyReportSource, as Excel and PDF, submitted by the province; the ministry's data requests and their answers (docs/adr/0019-oversight-modules.md).
/// </summary>
public static class ReportsModule
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        return services;
    }

    public static void MapReportsEndpoints(this IEndpointRouteBuilder api)
    {
    }
}
