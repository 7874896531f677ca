using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace TechSchoolAid.Modules.Funds.Features.Budgets;

/// <summary>预算与下达（FND-1）：中央按因素法测算、各级分配、30日内下达、预算与需求对比. Registers this area's use cases and maps their endpoints.</summary>
public static class BudgetFeatures
{
    public static IServiceCollection Add(IServiceCollection services) => services;

    public static void Map(IEndpointRouteBuilder api)
    {
        _ = api;
    }
}
