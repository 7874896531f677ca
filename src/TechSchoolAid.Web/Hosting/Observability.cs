using System.Net;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Telemetry;

namespace TechSchoolAid.Web.Hosting;

/// <summary>
/// What operators see of a running node: OpenTelemetry traces and metrics (ASP.NET Core, outgoing HTTP, the .NET
/// runtime, Npgsql's own instrumentation of every PostgreSQL command, and the system's counters in
/// <see cref="TsaMetrics"/>), a Prometheus scrape endpoint, OTLP export when an endpoint is configured, and the
/// liveness and readiness probes a load balancer or orchestrator asks before sending traffic.
/// Nothing personal is a tag or a log field: requests are recorded by route template, not by URL with values.
/// </summary>
public static class Observability
{
    public const string MetricsPath = "/metrics";
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    public static void AddObservability(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var otlp = config["OTEL_EXPORTER_OTLP_ENDPOINT"] ?? config["Telemetry:OtlpEndpoint"];

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("TechSchoolAid.Web", serviceInstanceId: Environment.MachineName)
                .AddAttributes([new("deployment.environment", builder.Environment.EnvironmentName)]))
            .WithTracing(t =>
            {
                t.AddAspNetCoreInstrumentation(o =>
                    {
                        // Query strings carry search terms (names, ID numbers typed into a filter): never recorded.
                        o.EnrichWithHttpRequest = (activity, request) => activity.SetTag("url.query", null);
                        o.Filter = ctx => !ctx.Request.Path.StartsWithSegments(MetricsPath) && !ctx.Request.Path.StartsWithSegments("/health");
                    })
                    .AddHttpClientInstrumentation()
                    .AddNpgsql();
                if (!string.IsNullOrEmpty(otlp))
                {
                    t.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
                }
            })
            .WithMetrics(m =>
            {
                m.AddMeter(TsaMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter("Npgsql")
                    .AddPrometheusExporter();
                if (!string.IsNullOrEmpty(otlp))
                {
                    m.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
                }
            });

        builder.Services.AddHealthChecks()
            .AddDbContextCheck<TsaDbContext>("database", HealthStatus.Unhealthy, ["ready"])
            .AddCheck<MigrationsAppliedCheck>("migrations", HealthStatus.Unhealthy, ["ready"]);

        // The host's request log writes the whole URL, query string included, and a search for a student by ID number
        // or name is a query string: keep only its warnings. Per-request facts are in the traces, by route template.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

        // Structured (JSON) console logs outside development, so a log shipper reads fields rather than prose.
        if (!builder.Environment.IsDevelopment() && !builder.Environment.IsEnvironment("Testing"))
        {
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        }
    }

    public static void MapObservability(this WebApplication app)
    {
        // Liveness: the process answers; no dependency is asked, so a database outage does not get every node restarted.
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous().ExcludeFromDescription();

        // Readiness: the database answers and has every migration this build expects.
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteAsync })
            .AllowAnonymous().ExcludeFromDescription();

        // Metrics are for the operators' network: loopback and the configured networks only (Telemetry:MetricsNetworks,
        // CIDR list). Development and the tests may read them from anywhere.
        var open = app.Environment.IsDevelopment() || app.Environment.IsEnvironment("Testing");
        var networks = (app.Configuration["Telemetry:MetricsNetworks"] ?? string.Empty)
            .Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(IPNetwork.Parse)
            .ToArray();
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments(MetricsPath), branch => branch.Use(async (ctx, next) =>
        {
            var address = ctx.Connection.RemoteIpAddress;
            if (open || address is not null && (IPAddress.IsLoopback(address) || networks.Any(n => n.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address))))
            {
                await next();
                return;
            }

            ctx.Response.StatusCode = StatusCodes.Status404NotFound;
        }));
        app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous().ExcludeFromDescription();
    }

    private static Task WriteAsync(HttpContext ctx, HealthReport report)
    {
        ctx.Response.ContentType = "application/json; charset=utf-8";
        ctx.Response.Headers.CacheControl = "no-store";
        return ctx.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
    }

    /// <summary>Ready only when the database has every migration this build knows: a node of a newer build waits for `tsa db migrate`.</summary>
    private sealed class MigrationsAppliedCheck(TsaDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("数据库结构为最新")
                : HealthCheckResult.Unhealthy($"数据库尚有 {pending.Count} 个迁移未执行：{string.Join("、", pending)}");
        }
    }
}
