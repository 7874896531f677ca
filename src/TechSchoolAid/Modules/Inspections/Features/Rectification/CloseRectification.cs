using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.Inspections.Domain;

namespace TechSchoolAid.Modules.Inspections.Features.Rectification;

public sealed class RectificationReviewInput
{
    /// <summary>Why the answer is returned for rework (required to return).</summary>
    public string? Reason { get; set; }

    public int? Version { get; set; }
}

/// <summary>
/// The province accepts the school's rectification and closes the task, or returns it for rework with a reason (INS-1).
/// Closing a task the school has not answered is refused (400), nothing written.
/// </summary>
public sealed class CloseRectification(TsaDbContext db, RectificationViews views, InspectionSupport support, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/rectifications/{id:guid}/closure", (Guid id, RectificationReviewInput input, CloseRectification close, CancellationToken ct) => close.CloseAsync(id, input, ct))
            .RequireAccess(InspectionAccess.Close)
            .WithSummary("省级验收整改并关闭任务（学校未报送整改情况时不能关闭）")
            .Produces<RectificationView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        g.MapPost("/rectifications/{id:guid}/return", (Guid id, RectificationReviewInput input, CloseRectification close, CancellationToken ct) => close.ReturnAsync(id, input, ct))
            .RequireAccess(InspectionAccess.Close)
            .WithSummary("省级退回整改重做（须说明理由）")
            .Produces<RectificationView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
    }

    public async Task<RectificationView> CloseAsync(Guid id, RectificationReviewInput input, CancellationToken ct)
    {
        var task = await LoadAsync(id, input, ct);
        var old = new { task.State };
        task.Close(db.Actor.UserName, support.NowUtc);
        db.Record(InspectionAuditActions.RectificationClosed, task.Id.ToString(), task.ScopePath, old, new { task.State }, clock);
        await support.SaveAsync("整改任务已被他人修改，请刷新后重试", ct);
        return (await views.ViewsAsync([task], ct))[0];
    }

    public async Task<RectificationView> ReturnAsync(Guid id, RectificationReviewInput input, CancellationToken ct)
    {
        var task = await LoadAsync(id, input, ct);
        if ((input.Reason ?? "").Trim().Length > RectificationTask.MaxReasonLength)
        {
            throw AppException.Invalid("reason", $"退回理由不能超过 {RectificationTask.MaxReasonLength} 个字符");
        }

        var old = new { task.State, task.Answer };
        task.Return(input.Reason ?? "");
        db.Record(InspectionAuditActions.RectificationReturned, task.Id.ToString(), task.ScopePath, old, new { task.State, reason = task.ReturnReason }, clock);
        await support.SaveAsync("整改任务已被他人修改，请刷新后重试", ct);
        return (await views.ViewsAsync([task], ct))[0];
    }

    private async Task<RectificationTask> LoadAsync(Guid id, RectificationReviewInput input, CancellationToken ct)
    {
        var task = await db.Set<RectificationTask>().FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw AppException.NotFound("整改任务");
        db.Actor.Demand(InspectionAccess.Close, task.ScopePath);
        if (input.Version is { } v && v != task.Version)
        {
            throw AppException.Conflict("整改任务已被他人修改，请刷新后重试");
        }

        return task;
    }
}
