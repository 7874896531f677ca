using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel.Data;

namespace TechSchoolAid.Modules.Aid.Hardship;

/// <summary>AID-1 hardship identification (家庭经济困难学生认定).</summary>
public static class HardshipModule
{
    public static IServiceCollection AddHardship(this IServiceCollection services) => services
        .AddScoped<HardshipWorkflow>()
        .AddScoped<HardshipQueries>();

    public static void MapHardshipEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/students/{id:guid}/hardship", async (Guid id, HardshipApplicationInput input, HardshipWorkflow w, HardshipQueries q, CancellationToken ct) =>
        {
            var a = await w.ApplyAsync(id, input, ct);
            return TypedResults.Created($"/api/v1/hardship/{a.Id}", await q.DetailAsync(a.Id, ct));
        }).WithTags("家庭经济困难认定").WithSummary("学生申请家庭经济困难认定（须签署个人承诺；仅在籍学生；每学年一份当前认定）")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        api.MapGet("/students/{id:guid}/hardship", (Guid id, HardshipQueries q, CancellationToken ct) => q.HistoryAsync(id, ct))
            .WithTags("家庭经济困难认定").WithSummary("学生各学年各版本的认定（含历史版本）");
        api.MapGet("/schools/{schoolCode}/hardship-publication", (string schoolCode, HardshipQueries q, CancellationToken ct) => q.PublicationAsync(schoolCode, ct))
            .WithTags("家庭经济困难认定").WithSummary("校内公示名单（仅姓名、班级、认定等级；公示期结束即撤下）").ProducesProblem(404);

        var g = api.MapGroup("/hardship").WithTags("家庭经济困难认定");
        g.MapGet("/", ([AsParameters] HardshipFilter filter, HardshipQueries q, CancellationToken ct) => q.ListAsync(filter, ct))
            .WithSummary("管理范围内的认定（按学校、学年、等级、状态、重点保障群体筛选；不含家庭情况）");
        g.MapGet("/{id:guid}", (Guid id, HardshipQueries q, CancellationToken ct) => q.DetailAsync(id, ct))
            .WithSummary("一份认定及各环节的办理人与时间（家庭情况仅本校资助工作人员可见；响应头 ETag 为其版本）").ProducesProblem(404)
            .Versioned<HardshipAssessment>();
        Step(g, "/{id:guid}/panel-review", "记录班级认定评议小组评议（成员、日期）", (HardshipWorkflow w, Guid id, HardshipPanelInput i, CancellationToken ct) => w.RecordPanelAsync(id, i, ct));
        Step(g, "/{id:guid}/decision", "学校认定（特别困难、困难、一般困难或不认定；须先经班级评议）", (HardshipWorkflow w, Guid id, HardshipDecisionInput i, CancellationToken ct) => w.DecideAsync(id, i, ct));
        Step(g, "/{id:guid}/publication", "公示（不少于资助政策规定的工作日）", (HardshipWorkflow w, Guid id, HardshipPublicationInput i, CancellationToken ct) => w.PublishAsync(id, i, ct));
        Step(g, "/{id:guid}/objection", "登记公示期内的异议（答复期限按资助政策的工作日计算）", (HardshipWorkflow w, Guid id, HardshipObjectionInput i, CancellationToken ct) => w.ObjectAsync(id, i, ct));
        Step(g, "/{id:guid}/objection-answer", "答复异议", (HardshipWorkflow w, Guid id, HardshipAnswerInput i, CancellationToken ct) => w.AnswerAsync(id, i, ct));
        g.MapPost("/{id:guid}/archive", async (Guid id, HardshipWorkflow w, HardshipQueries q, CancellationToken ct) =>
        {
            await w.ArchiveAsync(id, ct);
            return await q.DetailAsync(id, ct);
        }).WithSummary("公示期结束、异议已答复后归档").ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(428).Versioned<HardshipAssessment>();
        g.MapPost("/{id:guid}/reassessment", async (Guid id, HardshipApplicationInput input, HardshipWorkflow w, HardshipQueries q, CancellationToken ct) =>
        {
            var a = await w.ReassessAsync(id, input, ct);
            return TypedResults.Created($"/api/v1/hardship/{a.Id}", await q.DetailAsync(a.Id, ct));
        }).WithSummary("学期中重新认定：生成新版本，原版本保留为历史").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(428).Versioned<HardshipAssessment>();
    }

    private static void Step<TInput>(RouteGroupBuilder g, string route, string summary, Func<HardshipWorkflow, Guid, TInput, CancellationToken, Task<HardshipAssessment>> step) =>
        g.MapPost(route, async Task<Ok<HardshipDetail>> (Guid id, TInput input, HardshipWorkflow w, HardshipQueries q, CancellationToken ct) =>
        {
            await step(w, id, input, ct);
            return TypedResults.Ok(await q.DetailAsync(id, ct));
        }).WithSummary(summary).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(428).Versioned<HardshipAssessment>();
}
