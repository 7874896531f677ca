using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Scalar.AspNetCore;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using TechSchoolAid.Hosting;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Accounts;
using TechSchoolAid.Modules.Accounts.Features;
using TechSchoolAid.Modules.Aid;
using TechSchoolAid.Modules.Aid.Hardship;
using TechSchoolAid.Modules.Aid.Rounds;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Calendar;
using TechSchoolAid.Modules.CrossCheck;
using TechSchoolAid.Modules.Dashboards;
using TechSchoolAid.Modules.Funds;
using TechSchoolAid.Modules.Graduation;
using TechSchoolAid.Modules.Graduation.Features;
using TechSchoolAid.Modules.Inspections;
using TechSchoolAid.Modules.Organizations;
using TechSchoolAid.Modules.PublicSite;
using TechSchoolAid.Modules.PublicSite.Features.Complaints;
using TechSchoolAid.Modules.Reports;
using TechSchoolAid.Modules.Standards;
using TechSchoolAid.Modules.StatusChanges;
using TechSchoolAid.Modules.Students;
using TechSchoolAid.Modules.Supervision;
using TechSchoolAid.Modules.Todo;
using TechSchoolAid.Web.Api;
using TechSchoolAid.Web.Components;
using TechSchoolAid.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddSecurityHeaders();
// Serve MudBlazor's and Blazor's packaged assets from the build output in every environment (a published app has them
// in wwwroot already, and then this does nothing): `dotnet run` with ASPNETCORE_ENVIRONMENT=Production must work too.
builder.WebHost.UseStaticWebAssets();
var services = builder.Services;

services.AddTechSchoolAid(builder.Configuration, builder.Environment.ContentRootPath);
builder.AddObservability();
builder.AddScheduledJobs();
services.AddProblemDetails(o => o.CustomizeProblemDetails = ChineseStatusProblems.Customize);
services.AddExceptionHandler<ProblemDetailsHandler>();
// Binding failures (malformed JSON, a date like 2026-13-45) reach the handler above in every environment, so they get
// the same Chinese problem details keyed by field as the validation errors.
services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
services.AddHttpContextAccessor();
services.AddMemoryCache();
// Cookies, bearer tokens and antiforgery tokens are protected with keys kept in the database, so they survive restarts
// and work on every node; the application name differs per environment, so a Development token is worthless in
// Production even against the same database (ADR 0014).
services.AddDataProtection()
    .SetApplicationName("TechSchoolAid/" + builder.Environment.EnvironmentName)
    .PersistKeysToDbContext<TechSchoolAid.Kernel.Data.TsaDbContext>();
services.AddOpenApi("v1", OpenApiConventions.Configure);

const string Smart = "smart";
services.AddAuthentication(Smart)
    .AddPolicyScheme(Smart, "Cookie or bearer", o => o.ForwardDefaultSelector = ctx =>
        ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? BearerTokenDefaults.AuthenticationScheme
            : CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(o =>
    {
        o.LoginPath = "/account/login";
        o.AccessDeniedPath = "/account/denied";
        o.Cookie.Name = "tsa.auth";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.ExpireTimeSpan = TimeSpan.FromHours(8);
        o.SlidingExpiration = true;
        o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
        o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
    })
    .AddBearerToken(o => o.BearerTokenExpiration = TimeSpan.FromHours(1));
// Everything needs a signed-in user unless it opts out by name ([AllowAnonymous] on the sign-in, access-denied and
// certificate-lookup pages; AllowAnonymous() on the token, public lookup, health and metrics endpoints) (ADR 0017).
services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
foreach (var permission in Enum.GetValues<Permission>())
{
    services.AddAuthorizationBuilder().AddPolicy(permission.ToString(), p => p.RequireAuthenticatedUser()
        .RequireAssertion(ctx => ActorClaims.ToActor(ctx.User, null).Can(permission)));
}

services.AddCascadingAuthenticationState();
services.AddScoped<CircuitHandler, ActorCircuitHandler>();
services.AddScoped<TechSchoolAid.Web.Components.Shared.PersonNameBatch>();
services.AddRazorComponents().AddInteractiveServerComponents();
services.AddMudServices();
services.Configure<SiteOptions>(builder.Configuration.GetSection(SiteOptions.Section));
// GRD-2: the public certificate lookup (API and page) is limited per client address; past the limit, 429 in Chinese.
var lookupsPerMinute = builder.Configuration.GetValue("PublicLookup:PermitPerMinute", 20);
var signInsPerMinute = builder.Configuration.GetValue("SignIn:RequestsPerAddressPerMinute", new SignInProtectionOptions().RequestsPerAddressPerMinute);
// PUB-1: filing and following a complaint are limited per client address (no third-party CAPTCHA, ADR 0021).
var filingsPerMinute = builder.Configuration.GetValue("PublicComplaints:FilingsPerAddressPerMinute", 5);
var trackingsPerMinute = builder.Configuration.GetValue("PublicComplaints:LookupsPerAddressPerMinute", 20);
services.AddRateLimiter(o =>
{
    o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    o.AddPolicy(PublicCertificateLookup.RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
        http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
        _ => new FixedWindowRateLimiterOptions { PermitLimit = lookupsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    // Sign-in page and token endpoint: requests per address per minute, failed or not (ADR 0014); failed sign-ins per
    // address are limited further by SignInThrottle.
    o.AddPolicy(SignInRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
        http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
        _ => new FixedWindowRateLimiterOptions { PermitLimit = signInsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    o.AddPolicy(FileComplaint.RateLimitPolicy, http => HttpMethods.IsPost(http.Request.Method)
        ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = filingsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
        : RateLimitPartition.GetNoLimiter("read")); // the form pages' GET is not a filing or a lookup
    o.AddPolicy(TrackComplaint.RateLimitPolicy, http => HttpMethods.IsPost(http.Request.Method)
        ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = trackingsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
        : RateLimitPartition.GetNoLimiter("read")); // the form pages' GET is not a filing or a lookup
    o.OnRejected = async (ctx, ct) =>
    {
        var http = ctx.HttpContext;
        http.Response.Headers.RetryAfter = "60";
        var signIn = http.Request.Path.StartsWithSegments("/api/v1/auth", StringComparison.OrdinalIgnoreCase)
            || http.Request.Path.StartsWithSegments("/account/login", StringComparison.OrdinalIgnoreCase);
        var complaint = http.Request.Path.StartsWithSegments("/api/v1/public/complaints", StringComparison.OrdinalIgnoreCase)
            || http.Request.Path.StartsWithSegments("/public/complaints", StringComparison.OrdinalIgnoreCase);
        var filing = complaint && !http.Request.Path.Value!.EndsWith("/track", StringComparison.OrdinalIgnoreCase);
        var detail = signIn ? "登录请求过于频繁：每个网络地址每分钟最多 {0} 次，请稍后再试。"
            : filing ? "提交过于频繁：每个网络地址每分钟最多提交 {0} 次咨询投诉，请稍后再试。"
            : "查询过于频繁：每个网络地址每分钟最多查询 {0} 次，请稍后再试。";
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, detail,
            signIn ? signInsPerMinute : filing ? filingsPerMinute : complaint ? trackingsPerMinute : lookupsPerMinute);
        if (http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await http.Response.WriteAsJsonAsync(
                new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = 429, Title = "请求过多", Detail = text, Type = "https://tools.ietf.org/html/rfc6585#section-4" },
                (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", ct);
            return;
        }

        http.Response.ContentType = "text/html; charset=utf-8";
        var back = signIn ? "<a href=\"/account/login\">返回登录</a>" : complaint ? "<a href=\"/public\">返回政策公开首页</a>" : "<a href=\"/certificates\">返回证书查询</a>";
        await http.Response.WriteAsync($"<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>请求过多</title><body><h1>请求过多</h1><p>{text}</p><p>{back}</p></body></html>", ct);
    };
});

// PUB-1: the public policy pages are cached rendered for a minute (anonymous GETs only; ADR 0021).
services.AddOutputCache();

var app = builder.Build();

// The API answers RFC 9457 problem details in Chinese; every other address (pages) gets a Chinese page in the site's
// layout: an unknown address or a refused request re-executes to /error/{status}, a server error to /error with the
// request's reference number (the trace id) and nothing internal. The page handlers are the outer ones (re-execution
// needs the application's router, which a branch does not have); the API's, inside, answer first and write a body, so
// the outer ones leave API responses alone.
app.UseExceptionHandler("/error", createScopeForErrors: true);
app.UseStatusCodePagesWithReExecute("/error/{0}", createScopeForStatusCodePages: true);
app.UseWhen(ctx => IsApi(ctx.Request.Path), api =>
{
    api.UseExceptionHandler();
    api.UseStatusCodePages();
});
app.UseStaticFiles();
// An address that is no page, no endpoint and no file is not found, for everybody: answered before authorization, so an
// anonymous visitor gets the Chinese 404 page too instead of being sent to sign in (the API keeps its 401).
app.Use((ctx, next) =>
{
    if (ctx.GetEndpoint() is null && !IsApi(ctx.Request.Path))
    {
        ctx.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    return next(ctx);
});
app.UseAuthentication();
app.Use(async (ctx, next) =>
{
    // The actor of this request: the one place that turns the signed-in user into the data scope.
    var actor = ActorClaims.ToActor(ctx.User, ctx.Connection.RemoteIpAddress?.ToString());
    // A disabled account, or a cookie or token issued before the account's stamp last rotated (disable, enable, password,
    // role), stops working here at its next request (ADR 0014).
    if (actor.IsAuthenticated && !await ctx.RequestServices.GetRequiredService<SessionStamps>().IsCurrentAsync(actor.UserName, actor.SecurityStamp, ctx.RequestAborted))
    {
        await ctx.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        ctx.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
        actor = Actor.Anonymous with { ClientAddress = actor.ClientAddress };
    }

    ctx.RequestServices.GetRequiredService<ActorAccessor>().Actor = actor;
    await next();
});
app.UseAuthorization();
app.UseAntiforgery();
app.UseRateLimiter();
app.UseOutputCache();

app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" })).WithTags("系统").AllowAnonymous();
app.MapObservability();
// The API document and its reference describe every operation of a national personal-data system: in every environment
// only the ministry's and the provinces' administrators (ManagePolicy) read them. The reference page is served from this
// server alone: Scalar's bundled script, no CDN fonts, no telemetry, no AI agent or MCP calls out.
app.MapOpenApi("/openapi/{documentName}.json").RequireAuthorization(nameof(Permission.ManagePolicy));
app.MapScalarApiReference("/api/reference", o => o.WithTitle("TechSchoolAid API 接口文档").WithOpenApiRoutePattern("/openapi/{documentName}.json")
        .DisableDefaultFonts().DisableTelemetry().DisableAgent().DisableMcp())
    .RequireAuthorization(nameof(Permission.ManagePolicy));

var api = app.MapGroup("/api/v1").RequireAuthorization().AddEndpointFilter<CookieAntiforgeryFilter>().AddEndpointFilterFactory(InputGuardFilter.Create);
app.MapGroup("/api/v1").MapAuthEndpoints();
api.MapMeEndpoints();
api.MapOrganizationsEndpoints();
api.MapAccountsEndpoints();
api.MapStudentsEndpoints();
api.MapStatusChangesEndpoints();
api.MapSupervisionEndpoints();
api.MapGraduationEndpoints();
api.MapAidEndpoints();
api.MapHardshipEndpoints();
api.MapAidRoundEndpoints();
api.MapCrossCheckEndpoints();
api.MapFundsEndpoints();
api.MapInspectionsEndpoints();
api.MapStandardsEndpoints();
api.MapPublicSiteEndpoints();
api.MapDashboardsEndpoints();
api.MapReportsEndpoints();
app.MapGroup("/api/v1/public").AllowAnonymous().AddEndpointFilterFactory(InputGuardFilter.Create).MapGraduationPublicEndpoints();
app.MapGroup("/api/v1/public").AllowAnonymous().AddEndpointFilterFactory(InputGuardFilter.Create).MapPublicSitePublicEndpoints();
api.MapCalendarEndpoints();
api.MapAuditEndpoints();
app.MapAccountPages();

app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

// Keys and the audit checkpoint folder before anything touches the database: production without them stops here.
app.Services.GetRequiredService<PersonalDataProtector>();
app.Services.GetRequiredService<AuditCheckpointStore>();
await DatabaseStartup.InitializeAsync(app.Services, CancellationToken.None);
await app.RunAsync();

// The API and the OpenAPI document; the reference page (/api/reference) is a page: sign-in and access-denied pages for it.
static bool IsApi(PathString path) =>
    (path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !path.StartsWithSegments("/api/reference", StringComparison.OrdinalIgnoreCase))
    || path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase);

static Task ApiAware(RedirectContext<CookieAuthenticationOptions> ctx, int status)
{
    if (IsApi(ctx.Request.Path))
    {
        ctx.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    ctx.Response.Redirect(ctx.RedirectUri);
    return Task.CompletedTask;
}

/// <summary>The entry point type, for WebApplicationFactory in the tests.</summary>
public partial class Program
{
    public const string SignInRateLimit = "sign-in";
}
