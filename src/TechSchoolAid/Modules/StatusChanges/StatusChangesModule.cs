using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.StatusChanges.Domain;
using TechSchoolAid.Modules.StatusChanges.Features;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.StatusChanges;

public static class StatusChangesModule
{
    public static IServiceCollection AddStatusChanges(this IServiceCollection services) => services
        .AddScoped<StudentLifecycle>()
        .AddScoped<StatusChangeDeadlines>()
        .AddScoped<StatusChangeWorkflow>()
        .AddScoped<StatusChangeQueries>()
        .AddScoped<StatusChangeFigures>()
        .AddScoped<StatusChangeEvidenceFiles>()
        .AddScoped<IAidEligibility, AidEligibility>()
        .AddScoped<ITodoSource, StatusChangeTodo>();

    public static void MapStatusChangesEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/students/{id:guid}/status-changes", async (Guid id, StatusChangeInput input, StatusChangeWorkflow workflow, StatusChangeQueries queries, CancellationToken ct) =>
        {
            var change = await workflow.EnterAsync(id, input, ct);
            return TypedResults.Created($"/api/v1/status-changes/{change.Id}", await queries.GetAsync(change.Id, ct));
        }).WithTags("学籍异动").WithSummary("登记一条学籍异动（返回含 dueDate 的异动）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        api.MapGet("/students/{id:guid}/aid-eligibility", async (Guid id, DateOnly? date, IAidEligibility eligibility, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(await eligibility.IsEligibleForAidAsync(id, date ?? Kernel.ChinaTime.Today(clock), ct)))
            .WithTags("学籍异动").WithSummary("某日是否具备资助资格（在籍、全日制、正式学籍）").ProducesProblem(404);

        var g = api.MapGroup("/status-changes").WithTags("学籍异动");
        g.MapGet("/", ([AsParameters] StatusChangeFilter filter, StatusChangeQueries q, CancellationToken ct) => q.ListAsync(filter, ct))
            .WithSummary("管理范围内的学籍异动（overdue=逾期未办理、dueSoon=即将到期、processedLate=逾期办理；分页）");
        g.MapGet("/on-time-rates", (string? schoolCode, StatusChangeQueries q, CancellationToken ct) => q.OnTimeRatesAsync(schoolCode, ct))
            .WithSummary("各校学籍异动按时办理率");
        g.MapGet("/{id:guid}", (Guid id, StatusChangeQueries q, CancellationToken ct) => q.DetailAsync(id, ct))
            .WithSummary("学籍异动详情（含办理记录、证明材料与当前可执行的操作；响应头 ETag 为其版本）").ProducesProblem(404).Versioned<StatusChange>();
        g.MapPost("/{id:guid}/submit", async (Guid id, StatusChangeWorkflow w, StatusChangeQueries q, CancellationToken ct) =>
        {
            await w.SubmitAsync(id, ct);
            return await q.GetAsync(id, ct);
        }).WithSummary("学校报送（转学同时发给转入学校）").ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(428).Versioned<StatusChange>();
        g.MapPost("/{id:guid}/accept", async (Guid id, StatusChangeWorkflow w, StatusChangeQueries q, CancellationToken ct) =>
        {
            await w.AcceptAsync(id, ct);
            return await q.GetAsync(id, ct);
        }).WithSummary("转入学校接收转学").ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(428).Versioned<StatusChange>();
        g.MapPost("/{id:guid}/approve", async (Guid id, StatusChangeWorkflow w, StatusChangeQueries q, CancellationToken ct) =>
        {
            await w.ApproveAsync(id, ct);
            return await q.GetAsync(id, ct);
        }).WithSummary("审批通过（主管部门或学校管理员，视异动类型）").ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(428).Versioned<StatusChange>();
        g.MapPost("/{id:guid}/return", async (Guid id, ReasonRequest r, StatusChangeWorkflow w, StatusChangeQueries q, CancellationToken ct) =>
        {
            await w.ReturnAsync(id, r.Reason, ct);
            return await q.GetAsync(id, ct);
        }).WithSummary("退回（须填原因；转入学校可拒收转学）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(428).Versioned<StatusChange>();
        g.MapPost("/{id:guid}/undo", async (Guid id, ReasonRequest r, StatusChangeWorkflow w, StatusChangeQueries q, CancellationToken ct) =>
        {
            await w.UndoAsync(id, r.Reason, ct);
            return await q.GetAsync(id, ct);
        }).WithSummary("主管部门撤销已办结的异动（须填原因，保留记录）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(428).Versioned<StatusChange>();
        g.MapPost("/{id:guid}/evidence", async (Guid id, IFormFile file, StatusChangeEvidenceFiles files, CancellationToken ct) =>
        {
            if (file.Length > StatusChangeEvidenceFiles.MaxBytes)
            {
                throw new AppException(ErrorKind.TooLarge, "证明材料不能超过 5 MB");
            }

            using var ms = new MemoryStream();
            await file.CopyToAsync(ms, ct);
            var added = await files.AddAsync(id, file.FileName, ms.ToArray(), ct);
            return TypedResults.Created($"/api/v1/status-changes/{id}/evidence/{added.Id}", added);
        }).WithSummary("上传证明材料（PDF/JPG/PNG，≤5 MB）").DisableAntiforgery().ProducesProblem(400).ProducesProblem(413);
        g.MapGet("/{id:guid}/evidence/{fileId:guid}", async (Guid id, Guid fileId, StatusChangeEvidenceFiles files, CancellationToken ct) =>
        {
            var f = await files.GetAsync(id, fileId, ct);
            return TypedResults.File(f.Content, f.ContentType, EvidenceUpload.SafeName(f.FileName, f.ContentType));
        }).WithSummary("下载证明材料").ProducesFile(FileResponses.Evidence).ProducesProblem(404);
    }
}
