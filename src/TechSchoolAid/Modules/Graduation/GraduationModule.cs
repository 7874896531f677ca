using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TechSchoolAid.Modules.Graduation.Features;
using TechSchoolAid.Modules.Graduation.Features.Oversight;
using TechSchoolAid.Modules.Reports.Contracts;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.Graduation;

public static class GraduationModule
{
    public static IServiceCollection AddGraduation(this IServiceCollection services)
    {
        services.TryAddScoped<StudentLifecycle>();
        services.TryAddScoped<StudentSchooling>();
        return services
            .AddScoped<GraduationSteps>()
            .AddScoped<OpenGraduationRound>()
            .AddScoped<AssessGraduationRound>()
            .AddScoped<RemoveGraduationEntry>()
            .AddScoped<SubmitGraduationRound>()
            .AddScoped<ReturnGraduationRound>()
            .AddScoped<ApproveGraduationRound>()
            .AddScoped<UpgradeCertificate>()
            .AddScoped<ListGraduationRounds>()
            .AddScoped<GetGraduationRound>()
            .AddScoped<GetCertificate>()
            .AddScoped<PublicCertificateLookup>()
            .AddScoped<IYearlyReportSource, GraduationYearlyReportSource>()
            .AddScoped<ITodoSource, GraduationTodo>();
    }

    /// <summary>Staff endpoints (GRD-1), on the authenticated /api/v1 group.</summary>
    public static void MapGraduationEndpoints(this IEndpointRouteBuilder api)
    {
        OpenGraduationRound.Map(api);

        var g = api.MapGroup("/graduation-rounds").WithTags("毕业");
        ListGraduationRounds.Map(g);
        GetGraduationRound.Map(g);
        AssessGraduationRound.Map(g);
        RemoveGraduationEntry.Map(g);
        SubmitGraduationRound.Map(g);
        ApproveGraduationRound.Map(g);
        ReturnGraduationRound.Map(g);

        var c = api.MapGroup("/certificates").WithTags("毕业");
        GetCertificate.Map(c);
        UpgradeCertificate.Map(c);
    }

    /// <summary>GRD-2: the public lookup, on an anonymous group, rate-limited per client by the host's policy.</summary>
    public static void MapGraduationPublicEndpoints(this IEndpointRouteBuilder publicApi)
    {
        publicApi.MapGet("/certificates/{number}", async Task<IResult> (string number, string? name, HttpContext http, PublicCertificateLookup lookup, CancellationToken ct) =>
        {
            var answer = await lookup.LookupAsync(number, name, http.Connection.RemoteIpAddress?.ToString(), "api", ct);
            return answer is null ? NotFound() : TypedResults.Ok(answer);
        })
            .WithTags("公开查询").WithSummary("证书查询（无需登录）：证书编号 + 姓名 → 学校、专业、等级、毕业日期、证书类型")
            .Produces<PublicCertificateAnswer>().ProducesProblem(404).ProducesProblem(429)
            .RequireRateLimiting(PublicCertificateLookup.RateLimitPolicy);
    }

    /// <summary>
    /// The one "not found" body, written as fixed JSON rather than through the problem details service, which would add
    /// a per-request traceId: a wrong name and an unknown number must answer byte for byte the same.
    /// </summary>
    private static IResult NotFound() => TypedResults.Json(
        new ProblemDetails { Status = 404, Title = PublicCertificateLookup.NotFoundTitle, Detail = PublicCertificateLookup.NotFoundDetail, Type = "https://tools.ietf.org/html/rfc9110#section-15.5.5" },
        statusCode: 404,
        contentType: "application/problem+json");
}
