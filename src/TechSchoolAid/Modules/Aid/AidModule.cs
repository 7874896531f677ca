using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Policies.Features;

namespace TechSchoolAid.Modules.Aid;

/// <summary>Student aid (AID-*). The policy area: the dated policy tables and the central shares (ADR 0009).</summary>
public static class AidModule
{
    public static IServiceCollection AddAid(this IServiceCollection services) => services
        .AddScoped<AidPolicyQueries>()
        .AddScoped<IAidPolicies>(sp => sp.GetRequiredService<AidPolicyQueries>())
        .AddScoped<CreateAidPolicy>()
        .AddScoped<UpdateAidPolicy>()
        .AddScoped<CreateNationalRange>()
        .AddScoped<UpdateNationalRange>()
        .AddScoped<CreateCentralShare>()
        .AddScoped<UpdateCentralShare>()
        .AddScoped<DesignatedAreaQueries>()
        .AddScoped<IDesignatedAreas>(sp => sp.GetRequiredService<DesignatedAreaQueries>())
        .AddScoped<CreateDesignatedArea>()
        .AddScoped<UpdateDesignatedArea>()
        .AddScoped<IApprovedAidLines, Rounds.Features.ApprovedAidLinesService>()
        .AddScoped<IAidWorkFile, Rounds.Features.AidWorkFileDocuments>();

    public static void MapAidEndpoints(this IEndpointRouteBuilder api)
    {
        var g = api.MapGroup("/aid-policies").WithTags("学生资助政策");
        AidPolicyQueries.Map(g);
        CreateAidPolicy.Map(g);
        UpdateAidPolicy.Map(g);
        CreateNationalRange.Map(g);
        UpdateNationalRange.Map(g);
        CreateCentralShare.Map(g);
        UpdateCentralShare.Map(g);
        DesignatedAreaQueries.Map(g);
        CreateDesignatedArea.Map(g);
        UpdateDesignatedArea.Map(g);
    }
}
