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

public sealed class RectificationAnswerInput
{
    /// <summary>What the school has done (材料 are uploaded separately, before the answer).</summary>
    public string? Answer { get; set; }

    public int? Version { get; set; }
}

/// <summary>The school reports what it has put right (INS-1): the task waits for the province's closure.</summary>
public sealed class AnswerRectification(TsaDbContext db, RectificationViews views, InspectionSupport support, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/rectifications/{id:guid}/answer", (Guid id, RectificationAnswerInput input, AnswerRectification answer, CancellationToken ct) => answer.HandleAsync(id, input, ct))
            .RequireAccess(InspectionAccess.Answer)
            .WithSummary("学校报送整改情况（整改材料先上传），报送后等待省级验收")
            .Produces<RectificationView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<RectificationView> HandleAsync(Guid id, RectificationAnswerInput input, CancellationToken ct)
    {
        var task = await db.Set<RectificationTask>().FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw AppException.NotFound("整改任务");
        db.Actor.Demand(InspectionAccess.Answer, task.ScopePath);
        if (string.IsNullOrWhiteSpace(input.Answer))
        {
            throw AppException.Invalid("answer", "请填写整改情况");
        }

        if (input.Answer.Trim().Length > RectificationTask.MaxAnswerLength)
        {
            throw AppException.Invalid("answer", $"整改情况不能超过 {RectificationTask.MaxAnswerLength} 个字符");
        }

        if (input.Version is { } v && v != task.Version)
        {
            throw AppException.Conflict("整改任务已被他人修改，请刷新后重试");
        }

        var old = new { task.State };
        task.AnswerWith(input.Answer, db.Actor.UserName, support.NowUtc, support.Today);
        db.Record(InspectionAuditActions.RectificationAnswered, task.Id.ToString(), task.ScopePath, old, new { task.State, task.Answer, late = task.AnsweredOn > task.DueOn }, clock);
        await support.SaveAsync("整改任务已被他人修改，请刷新后重试", ct);
        return (await views.ViewsAsync([task], ct))[0];
    }
}
