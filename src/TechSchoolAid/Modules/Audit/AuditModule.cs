using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit.Features;

namespace TechSchoolAid.Modules.Audit;

public static class AuditModule
{
    /// <summary>For design-time tools that build a DbContext by hand and never save: it refuses to seal without the key.</summary>
    public static readonly IAuditSealer DesignTimeSealer = new AuditChainSealer(null);

    public static IServiceCollection AddAudit(this IServiceCollection services, IConfiguration config, string contentRoot)
    {
        services.Configure<AuditOptions>(config.GetSection(AuditOptions.Section));
        services.AddSingleton(sp => new AuditChainHasher(
            sp.GetRequiredService<SecurityKeys>().AuditKey, KeyedHash.For(sp.GetRequiredService<IOptions<CryptoOptions>>().Value.Suite)));
        services.AddSingleton<IAuditSealer>(sp => new AuditChainSealer(sp.GetRequiredService<AuditChainHasher>()));
        services.AddSingleton(sp => AuditCheckpointStore.Create(
            sp.GetRequiredService<IOptions<AuditOptions>>().Value,
            sp.GetRequiredService<IOptions<PersonalDataOptions>>().Value,
            contentRoot,
            sp.GetRequiredService<AuditChainHasher>()));
        services.AddHostedService<AuditCheckpointService>();
        return services.AddScoped<AuditQueries>().AddScoped<VerifyAuditChain>().AddScoped<WriteAuditCheckpoint>();
    }

    public static void MapAuditEndpoints(this IEndpointRouteBuilder api)
    {
        AuditQueries.Map(api);
    }
}
