using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Modules.CrossCheck.Features;
using TechSchoolAid.Modules.CrossCheck.Features.Oversight;
using TechSchoolAid.Modules.Dashboards.Contracts;
using TechSchoolAid.Modules.Reports.Contracts;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.CrossCheck;

/// <summary>CHK-1 monthly cross-check with the ministry of education, CHK-2 internal duplicates, cases and their clearance, our side of the exchange.</summary>
public static class CrossCheckModule
{
    public static IServiceCollection AddCrossCheck(this IServiceCollection services) => services
        .AddScoped<MonthlyCrossCheck>()
        .AddScoped<InternalDuplicates>()
        .AddScoped<CrossCheckQueries>()
        .AddScoped<Contracts.ICrossCheckYearFigures, CrossCheckYearFiguresQuery>()
        .AddScoped<CrossCheckRunQueries>()
        .AddScoped<CrossCheckClearance>()
        .AddScoped<ClearanceDeadlines>()
        .AddScoped<SetClearanceDeadline>()
        .AddScoped<ReviewKeptClearance>()
        .AddScoped<ExchangeExport>()
        .AddScoped<Inspections.Contracts.IInspectionRiskSource, Features.Oversight.CrossCheckInspectionRisk>()
        .AddScoped<ITodoSource, CrossCheckTodo>()
        .AddScoped<IYearlyReportSource, CrossCheckYearlyReportSource>()
        .AddScoped<IDashboardSource, CrossCheckDashboardSource>();

    public static void MapCrossCheckEndpoints(this IEndpointRouteBuilder api)
    {
        var g = api.MapGroup("/crosscheck").WithTags("教育部比对");
        MonthlyCrossCheck.Map(g);
        CrossCheckRunQueries.Map(g);
        InternalDuplicates.Map(g);
        CrossCheckQueries.Map(g);
        CaseExport.Map(g);
        CrossCheckClearance.Map(g);
        ReviewKeptClearance.Map(g);
        ClearanceDeadlines.Map(g);
        SetClearanceDeadline.Map(g);
        ExchangeExport.Map(g);
    }
}
