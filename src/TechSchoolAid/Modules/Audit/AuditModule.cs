using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit.Domain;
using TechSchoolAid.Modules.Audit.Features;
using TechSchoolAid.Modules.Audit.Contracts;

namespace TechSchoolAid.Modules.Audit;

public sealed class AuditFilter
{
    public string? Actor { get; set; }

    public string? Action { get; set; }

    public string? SubjectId { get; set; }

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public int? Page { get; set; }

    public int? PageSize { get; set; }
}

public sealed record AuditEventDto(long Sequence, DateTime OccurredAt, string Actor, string ActorOrganization, string SubjectType, string SubjectId, string Action, string? OldValue, string? NewValue, string? ClientAddress);

/// <summary>The audit page and API for administrators: events in their scope, filtered (AUD-1).</summary>
public sealed class AuditQueries(TsaDbContext db)
{
    public async Task<PagedResult<AuditEventDto>> ListAsync(AuditFilter f, CancellationToken ct)
    {
        db.Actor.Demand(AuditAccess.View);

        // The page's date pickers reach here without the API's filter; 0001-01-01 minus eight hours was a 500.
        InputGuard.RequireDates(("from", f.From), ("to", f.To));
        var q = db.Set<AuditEvent>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(f.Actor))
        {
            q = q.Where(e => e.ActorUserName == f.Actor.Trim());
        }

        if (!string.IsNullOrWhiteSpace(f.Action))
        {
            q = q.Where(e => e.Action.StartsWith(f.Action.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(f.SubjectId))
        {
            q = q.Where(e => e.SubjectId == f.SubjectId.Trim());
        }

        if (f.From is { } from)
        {
            var fromUtc = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
            q = q.Where(e => e.OccurredAtUtc >= fromUtc);
        }

        if (f.To is { } to)
        {
            var toUtc = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
            q = q.Where(e => e.OccurredAtUtc < toUtc);
        }

        var (page, size) = Paging.Clamp(f.Page, f.PageSize, 500);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(e => e.Sequence).Skip((page - 1) * size).Take(size)
            .Select(e => new AuditEventDto(e.Sequence, e.OccurredAtUtc, e.ActorUserName, e.ActorOrganizationCode, e.SubjectType, e.SubjectId, e.Action, e.OldValue, e.NewValue, e.ClientAddress))
            .ToListAsync(ct);
        return new PagedResult<AuditEventDto>(items, total, page, size);
    }
}

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
        api.MapGet("/audit-events", async ([AsParameters] AuditFilter f, AuditQueries q, CancellationToken ct) => TypedResults.Ok(await q.ListAsync(f, ct)))
            .RequireAccess(AuditAccess.View).WithTags("审计").WithSummary("审计日志（管理范围内）");
    }
}
