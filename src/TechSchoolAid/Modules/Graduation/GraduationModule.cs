using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Graduation.Domain;
using TechSchoolAid.Modules.Graduation.Features;
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
            .AddScoped<GraduationWorkflow>()
            .AddScoped<GraduationQueries>()
            .AddScoped<PublicCertificateLookup>()
            .AddScoped<ITodoSource, GraduationTodo>();
    }

    /// <summary>Staff endpoints (GRD-1), on the authenticated /api/v1 group.</summary>
    public static void MapGraduationEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/schools/{schoolCode}/graduation-rounds", async (string schoolCode, NewRoundInput input, GraduationWorkflow w, GraduationQueries q, CancellationToken ct) =>
        {
            var round = await w.OpenAsync(schoolCode, input, ct);
            return TypedResults.Created($"/api/v1/graduation-rounds/{round.Id}", await q.DetailAsync(round.Id, ct));
        }).WithTags("毕业").WithSummary("建立毕业批次（候选人：学业期满的在籍学生）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);

        var g = api.MapGroup("/graduation-rounds").WithTags("毕业");
        g.MapGet("/", ([AsParameters] GraduationRoundFilter filter, GraduationQueries q, CancellationToken ct) => q.ListAsync(filter, ct))
            .WithSummary("管理范围内的毕业批次");
        g.MapGet("/{id:guid}", (Guid id, GraduationQueries q, CancellationToken ct) => q.DetailAsync(id, ct))
            .WithSummary("毕业批次详情（候选人、评定、证书编号与当前可执行的操作；响应头 ETag 为其版本）").ProducesProblem(404).Versioned<GraduationRound>();
        g.MapPut("/{id:guid}/assessments", async (Guid id, AssessmentsInput input, GraduationWorkflow w, GraduationQueries q, CancellationToken ct) =>
        {
            await w.AssessAsync(id, input, ct);
            return await q.DetailAsync(id, ct);
        }).WithSummary("录入毕业评定（操行合格、课程全部合格）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(428).Versioned<GraduationRound>();
        g.MapDelete("/{id:guid}/entries/{entryId:guid}", async (Guid id, Guid entryId, string? reason, GraduationWorkflow w, GraduationQueries q, CancellationToken ct) =>
        {
            await w.RemoveEntryAsync(id, entryId, reason, ct);
            return await q.DetailAsync(id, ct);
        }).WithSummary("从未报送或被退回的毕业批次中移出一名候选人（须填原因）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(428).Versioned<GraduationRound>();
        g.MapPost("/{id:guid}/submit", async (Guid id, GraduationWorkflow w, GraduationQueries q, CancellationToken ct) =>
        {
            await w.SubmitAsync(id, ct);
            return await q.DetailAsync(id, ct);
        }).WithSummary("学校报送毕业名单（须全部评定）").ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(428).Versioned<GraduationRound>();
        g.MapPost("/{id:guid}/approve", async (Guid id, GraduationWorkflow w, GraduationQueries q, CancellationToken ct) =>
        {
            await w.ApproveAsync(id, ct);
            return await q.DetailAsync(id, ct);
        }).WithSummary("主管部门审核通过：颁发毕业/结业证书编号，学籍状态变为毕业/结业").ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(428).Versioned<GraduationRound>();
        g.MapPost("/{id:guid}/return", async (Guid id, ReturnRoundInput input, GraduationWorkflow w, GraduationQueries q, CancellationToken ct) =>
        {
            await w.ReturnAsync(id, input, ct);
            return await q.DetailAsync(id, ct);
        }).WithSummary("主管部门退回（整批或指定学生，须填原因）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(428).Versioned<GraduationRound>();

        var c = api.MapGroup("/certificates").WithTags("毕业");
        c.MapGet("/{number}", (string number, GraduationQueries q, CancellationToken ct) => q.CertificateAsync(number, ct))
            .WithSummary("管理范围内的证书（含持证人姓名）").ProducesProblem(404);
        c.MapPost("/{number}/upgrade", async (string number, UpgradeInput input, GraduationWorkflow w, CancellationToken ct) =>
        {
            var issued = await w.UpgradeAsync(number, input, ct);
            return TypedResults.Created($"/api/v1/certificates/{issued.Number}", GraduationQueries.ToDto(issued));
        }).WithSummary("结业证书换发为毕业证书（新编号，原证书作废）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
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
