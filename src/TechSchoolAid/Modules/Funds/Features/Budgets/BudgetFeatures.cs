using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.Funds.Features.Budgets;

/// <summary>预算与下达（FND-1）：中央按因素法测算、各级分配、30日内下达、预算与需求对比. Registers this area's use cases and maps their endpoints.</summary>
public static class BudgetFeatures
{
    public static IServiceCollection Add(IServiceCollection services) => services
        .AddScoped<BudgetSteps>()
        .AddScoped<CentralFactorCalculation>()
        .AddScoped<RecordAllocation>()
        .AddScoped<ConfirmAllocationReceipt>()
        .AddScoped<CancelAllocation>()
        .AddScoped<BudgetOverview>()
        .AddScoped<ITodoSource, BudgetTodo>();

    public static void Map(IEndpointRouteBuilder api)
    {
        var g = api.MapGroup("/funds").WithTags("资助资金·预算与下达");
        CentralFactorCalculation.Map(g);
        BudgetOverview.Map(g);
        RecordAllocation.Map(g);
        ConfirmAllocationReceipt.Map(g);
        CancelAllocation.Map(g);
    }
}
