using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace TechSchoolAid.Modules.Funds.Features.Payments;

/// <summary>资金发放（FND-1、STA-5）：银行卡、发放批次、代发文件、银行回盘、失败重发、免学费补助、停发与追回. Registers this area's use cases and maps their endpoints.</summary>
public static class PaymentFeatures
{
    public static IServiceCollection Add(IServiceCollection services) => services;

    public static void Map(IEndpointRouteBuilder api)
    {
        _ = api;
    }
}
