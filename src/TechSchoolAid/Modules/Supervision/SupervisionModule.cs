using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Supervision.Contracts;
using TechSchoolAid.Modules.Supervision.Features;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.Supervision;

/// <summary>STA-3 (person–record checks: campaigns and the hanging list) and STA-4 (supervision measures, compliance).</summary>
public static class SupervisionModule
{
    public static IServiceCollection AddSupervision(this IServiceCollection services) => services
        .AddScoped<PresenceCampaigns>()
        .AddScoped<PresenceCampaignQueries>()
        .AddScoped<HangingFlags>()
        .AddSingleton<ScheduledHangingScan>()
        .AddScoped<HangingFlagQueries>()
        .AddScoped<SupervisionMeasures>()
        .AddScoped<SupervisionMeasureQueries>()
        .AddScoped<ComplianceSummary>()
        .AddScoped<ITodoSource, SupervisionTodo>();

    public static void MapSupervisionEndpoints(this IEndpointRouteBuilder api)
    {
        var c = api.MapGroup("/presence-campaigns").WithTags("人籍一致核验");
        c.MapGet("/", (PresenceCampaignQueries q, CancellationToken ct) => q.ListAsync(ct))
            .WithSummary("核验批次（主管部门：本部门及下级开展的批次；学校：本校参加的批次）").RequirePermission(Permission.ViewStudents);
        c.MapPost("/", async (CampaignInput input, PresenceCampaigns w, PresenceCampaignQueries q, CancellationToken ct) =>
        {
            var campaign = await w.OpenAsync(input, ct);
            return TypedResults.Created($"/api/v1/presence-campaigns/{campaign.Id}", await q.DetailAsync(campaign.Id, ct));
        }).WithSummary("开展核验批次（市级、省级人社部门，选择管理范围内的学校）").RequireAccess(SupervisionAccess.OpenCampaign).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);
        c.MapGet("/{id:guid}", (Guid id, PresenceCampaignQueries q, CancellationToken ct) => q.DetailAsync(id, ct))
            .WithSummary("核验批次详情（各校核验进度与当前可执行的操作）").RequirePermission(Permission.ViewStudents).ProducesProblem(404);
        c.MapGet("/{id:guid}/students", (Guid id, [AsParameters] RosterFilter f, PresenceCampaignQueries q, CancellationToken ct) => q.RosterAsync(id, f, ct))
            .WithSummary("核验名单：批次内学校的在校籍学生及其核验结果（result、unchecked 筛选；分页）").RequirePermission(Permission.ViewStudents).ProducesProblem(404);
        c.MapPost("/{id:guid}/results", (Guid id, PresenceResultInput input, PresenceCampaigns w, CancellationToken ct) => w.RecordAsync(id, input, ct))
            .WithSummary("登记一名学生的核验结果（在校/不在校/联系不上；不在校或联系不上即列为疑似空挂）").RequireAccess(SupervisionAccess.RecordResult).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        c.MapPost("/{id:guid}/close", async (Guid id, PresenceCampaigns w, PresenceCampaignQueries q, CancellationToken ct) =>
        {
            await w.CloseAsync(id, ct);
            return await q.DetailAsync(id, ct);
        }).WithSummary("结束核验批次（开展该批次的部门）").RequireAccess(SupervisionAccess.CloseCampaign).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        var h = api.MapGroup("/hanging-flags").WithTags("疑似空挂学籍");
        h.MapGet("/", ([AsParameters] HangingFlagFilter f, HangingFlagQueries q, CancellationToken ct) => q.ListAsync(f, ct))
            .WithSummary("疑似空挂学籍名单（管理范围内；原因、状态、学校筛选；分页）").RequirePermission(Permission.ViewStudents);
        h.MapPost("/scan", (ScanRequest? r, HangingFlags w, CancellationToken ct) => w.ScanAsync(r?.SchoolCode, ct))
            .WithSummary("筛查长期无学籍活动、超过预计毕业日期的学生并列为疑似空挂（市级、省级人社部门）").RequireAccess(SupervisionAccess.Scan).ProducesProblem(403).ProducesProblem(404);
        h.MapGet("/{id:guid}", (Guid id, HangingFlagQueries q, CancellationToken ct) => q.DetailAsync(id, ct))
            .WithSummary("疑似空挂记录详情（含学校说明、审核意见与当前可执行的操作）").RequirePermission(Permission.ViewStudents).ProducesProblem(404);
        h.MapPost("/{id:guid}/answer", async (Guid id, TextRequest r, HangingFlags w, HangingFlagQueries q, CancellationToken ct) =>
        {
            await w.AnswerAsync(id, r.Text, ct);
            return await q.DetailAsync(id, ct);
        }).WithSummary("学校说明情况").RequireAccess(SupervisionAccess.AnswerFlag).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        h.MapPost("/{id:guid}/accept", async (Guid id, TextRequest r, HangingFlags w, HangingFlagQueries q, CancellationToken ct) =>
        {
            await w.AcceptAsync(id, r.Text, ct);
            return await q.DetailAsync(id, ct);
        }).WithSummary("直接主管部门认可学校的说明").RequireAccess(SupervisionAccess.ReviewFlag).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        h.MapPost("/{id:guid}/ask-again", async (Guid id, TextRequest r, HangingFlags w, HangingFlagQueries q, CancellationToken ct) =>
        {
            await w.AskAgainAsync(id, r.Text, ct);
            return await q.DetailAsync(id, ct);
        }).WithSummary("直接主管部门要求学校重新说明（须填原因）").RequireAccess(SupervisionAccess.ReviewFlag).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        api.MapPost("/schools/{schoolCode}/supervision-measures", async (string schoolCode, MeasureInput input, SupervisionMeasures w, SupervisionMeasureQueries q, CancellationToken ct) =>
        {
            var measure = await w.IssueAsync(schoolCode, input, ct);
            return TypedResults.Created($"/api/v1/supervision-measures/{measure.Id}", await q.DetailAsync(measure.Id, ct));
        }).WithTags("监管措施").WithSummary("对学校采取约谈、警告或通报（学校的直接主管部门）").RequireAccess(SupervisionAccess.IssueMeasure).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);

        var m = api.MapGroup("/supervision-measures").WithTags("监管措施");
        m.MapGet("/", ([AsParameters] MeasureFilter f, SupervisionMeasureQueries q, CancellationToken ct) => q.ListAsync(f, ct))
            .WithSummary("监管措施（管理范围内；学校看到针对本校的措施）").RequirePermission(Permission.ViewStudents);
        m.MapGet("/{id:guid}", (Guid id, SupervisionMeasureQueries q, CancellationToken ct) => q.DetailAsync(id, ct))
            .WithSummary("监管措施详情（含证据、整改情况与当前可执行的操作）").RequirePermission(Permission.ViewStudents).ProducesProblem(404);
        m.MapPost("/{id:guid}/rectification", async (Guid id, TextRequest r, SupervisionMeasures w, SupervisionMeasureQueries q, CancellationToken ct) =>
        {
            await w.RectifyAsync(id, r.Text, ct);
            return await q.DetailAsync(id, ct);
        }).WithSummary("学校报告整改情况").RequireAccess(SupervisionAccess.Rectify).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        m.MapPost("/{id:guid}/close", async (Guid id, TextRequest r, SupervisionMeasures w, SupervisionMeasureQueries q, CancellationToken ct) =>
        {
            await w.CloseAsync(id, r.Text, ct);
            return await q.DetailAsync(id, ct);
        }).WithSummary("主管部门关闭监管措施（要求整改的须学校已报告整改）").RequireAccess(SupervisionAccess.CloseMeasure).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        m.MapPost("/{id:guid}/files", async (Guid id, IFormFile file, SupervisionMeasures w, CancellationToken ct) =>
        {
            if (file.Length > SupervisionMeasures.MaxFileBytes)
            {
                throw new AppException(ErrorKind.TooLarge, "材料不能超过 5 MB");
            }

            using var ms = new MemoryStream();
            await file.CopyToAsync(ms, ct);
            var added = await w.AddFileAsync(id, file.FileName, ms.ToArray(), ct);
            return TypedResults.Created($"/api/v1/supervision-measures/{id}/files/{added.Id}", added);
        }).WithSummary("上传证据或整改材料（PDF/JPG/PNG，≤5 MB）").RequirePermission(Permission.ViewStudents).DisableAntiforgery().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413);
        m.MapGet("/{id:guid}/files/{fileId:guid}", async (Guid id, Guid fileId, SupervisionMeasures w, CancellationToken ct) =>
        {
            var f = await w.GetFileAsync(id, fileId, ct);
            return TypedResults.File(f.Content, f.ContentType, EvidenceUpload.SafeName(f.FileName, f.ContentType, "材料"));
        }).WithSummary("下载证据或整改材料").RequirePermission(Permission.ViewStudents).ProducesFile(FileResponses.Evidence).ProducesProblem(404);

        api.MapGet("/supervision/compliance", (string? schoolCode, ComplianceSummary q, CancellationToken ct) => q.ListAsync(schoolCode, ct))
            .WithTags("监管措施").WithSummary("各校合规概况：学籍异动按时办理率、未结疑似空挂、未关闭监管措施").RequirePermission(Permission.ViewStudents);
    }
}
