using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Features;

namespace TechSchoolAid.Modules.Aid;

/// <summary>Student aid (AID-*). First brick: the dated policy tables and the central shares (ADR 0009).</summary>
public static class AidModule
{
    public static IServiceCollection AddAid(this IServiceCollection services) => services
        .AddScoped<AidPolicies>()
        .AddScoped<IAidPolicies>(sp => sp.GetRequiredService<AidPolicies>())
        .AddScoped<IApprovedAidLines, Rounds.Features.ApprovedAidLinesService>();

    public static void MapAidEndpoints(this IEndpointRouteBuilder api)
    {
        var g = api.MapGroup("/aid-policies").WithTags("学生资助政策");
        g.MapGet("/", (string? provinceCode, AidPolicies p, CancellationToken ct) => p.ListAsync(provinceCode, ct))
            .WithSummary("资助政策表（国家默认标准与各省政策；provinceCode 只列国家默认与该省；含预计平均标准与差额）");
        g.MapGet("/{id:guid}", (Guid id, AidPolicies p, CancellationToken ct) => p.GetAsync(id, ct))
            .WithSummary("一条资助政策").ProducesProblem(404);
        g.MapPost("/", async (AidPolicyValues input, AidPolicies p, CancellationToken ct) =>
        {
            var created = await p.CreateAsync(input, ct);
            return TypedResults.Created($"/api/v1/aid-policies/{created.Id}", created);
        }).WithSummary("新建资助政策（部级：国家默认与任一省；省级管理员：本省）；档次、范围、有效期等不合规时整体拒绝")
            .ProducesProblem(400).ProducesProblem(403);
        g.MapPut("/{id:guid}", (Guid id, AidPolicyValues input, AidPolicies p, CancellationToken ct) => p.UpdateAsync(id, input, ct))
            .WithSummary("修改资助政策（审计记录修改前后的全部数值）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        g.MapGet("/effective", async (string provinceCode, DateOnly date, AidPolicies p, CancellationToken ct) =>
            await p.PolicyFor(provinceCode, date, ct) ?? throw AppException.NotFound("该学期的资助政策（该学期没有资助政策）"))
            .WithSummary("某省某日生效的资助政策（本省政策优先，否则国家默认标准）").ProducesProblem(404);
        g.MapGet("/national-ranges", (AidPolicies p, CancellationToken ct) => p.RangesAsync(ct))
            .WithSummary("国家助学金档次范围与最少公示工作日（按有效期）");
        g.MapPost("/national-ranges", async (AidNationalRangeInput input, AidPolicies p, CancellationToken ct) =>
        {
            var created = await p.CreateRangeAsync(input, ct);
            return TypedResults.Created($"/api/v1/aid-policies/national-ranges/{created.Id}", created);
        }).WithSummary("新增国家助学金档次范围与最少公示工作日（仅部级管理员；下限小于上限、金额为正、有效期不得重叠）")
            .ProducesProblem(400).ProducesProblem(403);
        g.MapPut("/national-ranges/{id:guid}", (Guid id, AidNationalRangeInput input, AidPolicies p, CancellationToken ct) => p.UpdateRangeAsync(id, input, ct))
            .WithSummary("修改国家助学金档次范围（仅部级管理员；审计记录修改前后的数值；不重新校验已保存的各省政策）")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);
        g.MapGet("/central-shares", (DateOnly? date, AidPolicies p, CancellationToken ct) => p.SharesAsync(date, ct))
            .WithSummary("中央分担比例（按省份与有效期；date 只列当日有效的）");
        g.MapPost("/central-shares", async (AidCentralShareInput input, AidPolicies p, CancellationToken ct) =>
        {
            var created = await p.CreateShareAsync(input, ct);
            return TypedResults.Created($"/api/v1/aid-policies/central-shares/{created.Id}", created);
        }).WithSummary("新增中央分担比例（仅部级管理员；80/60/50/30/10%）").ProducesProblem(400).ProducesProblem(403);
        g.MapPut("/central-shares/{id:guid}", (Guid id, AidCentralShareInput input, AidPolicies p, CancellationToken ct) => p.UpdateShareAsync(id, input, ct))
            .WithSummary("修改中央分担比例（仅部级管理员）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);
    }
}
