using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace TechSchoolAid.Modules.Funds.Features.Closing;

/// <summary>凭证、年度档案与决算（FND-2）：凭证哈希、年度资助工作档案、收支平衡的决算、关闭年度. Registers this area's use cases and maps their endpoints.</summary>
public static class ClosingFeatures
{
    public static IServiceCollection Add(IServiceCollection services) => services;

    public static void Map(IEndpointRouteBuilder api)
    {
        _ = api;
    }
}
