using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Modules.Dashboards.Contracts;
using TechSchoolAid.Modules.Funds.Features;
using TechSchoolAid.Modules.Funds.Features.Budgets;
using TechSchoolAid.Modules.Funds.Features.Closing;
using TechSchoolAid.Modules.Funds.Features.Payments;
using TechSchoolAid.Modules.Funds.Features.Performance;

namespace TechSchoolAid.Modules.Funds;

/// <summary>
/// The aid money (FND-1..3, STA-5), from the central allocation to the student's card: one module whose entities are
/// shared by four feature areas — Budgets, Payments, Closing (vouchers, the work file, the final accounts) and
/// Performance — each registering and mapping its own use cases (docs/adr/0018-funds.md).
/// </summary>
public static class FundsModule
{
    public static IServiceCollection AddFunds(this IServiceCollection services)
    {
        services.AddScoped<FundsYearGuard>();
        services.AddScoped<IDashboardSource, FundsDashboardSource>();
        BudgetFeatures.Add(services);
        PaymentFeatures.Add(services);
        ClosingFeatures.Add(services);
        PerformanceFeatures.Add(services);
        return services;
    }

    public static void MapFundsEndpoints(this IEndpointRouteBuilder api)
    {
        BudgetFeatures.Map(api);
        PaymentFeatures.Map(api);
        ClosingFeatures.Map(api);
        PerformanceFeatures.Map(api);
    }
}
