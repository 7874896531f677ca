using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace TechSchoolAid.Modules.Funds.Features.Performance;

/// <summary>绩效评价（FND-3）：执行率、及时性、按期审批、重复发现与清理、整改率、绩效目标与自评、全国排名. Registers this area's use cases and maps their endpoints.</summary>
public static class PerformanceFeatures
{
    public static IServiceCollection Add(IServiceCollection services) => services
        .AddScoped<PerformanceReport>()
        .AddScoped<SetPerformanceTargets>()
        .AddScoped<RecordSelfEvaluation>();

    public static void Map(IEndpointRouteBuilder api)
    {
        var g = api.MapGroup("/funds").WithTags("资助资金·绩效评价");
        PerformanceReport.Map(g);
        SetPerformanceTargets.Map(g);
        RecordSelfEvaluation.Map(g);
    }
}
