using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace TechSchoolAid.Modules.PublicSite;

/// <summary>
/// Openness (PUB-1, the notice 三(二)): the public policy pages generated from the policy tables, the provinces' hotlines, the schools' publication lists, and the public's consultations and complaints with tracking, routing, answer deadlines and escalation (docs/adr/0019-oversight-modules.md).
/// </summary>
public static class PublicSiteModule
{
    public static IServiceCollection AddPublicSite(this IServiceCollection services)
    {
        return services;
    }

    /// <summary>The staff's endpoints (signed in): answering complaints, the hotlines, the answer deadlines.</summary>
    public static void MapPublicSiteEndpoints(this IEndpointRouteBuilder api)
    {
    }

    /// <summary>The public's endpoints under /api/v1/public (no sign-in): policies, hotlines, filing and following a complaint.</summary>
    public static void MapPublicSitePublicEndpoints(this IEndpointRouteBuilder publicApi)
    {
    }
}
