using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.Inspections.Domain;
using TechSchoolAid.Modules.Inspections.Features.Visits;

namespace TechSchoolAid.Modules.Inspections.Features.Rectification;

/// <summary>The rectification tasks of the caller's scope (a school: its own), overdue first; and one task.</summary>
public sealed class RectificationViews(TsaDbContext db, InspectionSupport support)
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/rectifications", (RectificationState? state, bool? overdue, RectificationViews views, CancellationToken ct) => views.ListAsync(state, overdue, ct))
            .RequireAccess(InspectionAccess.View)
            .WithSummary("本辖区的整改任务（学校看本校；可按状态、是否逾期筛选；逾期的在前）")
            .Produces<List<RectificationView>>().ProducesProblem(400).ProducesProblem(403);
        g.MapGet("/rectifications/{id:guid}", (Guid id, RectificationViews views, CancellationToken ct) => views.GetAsync(id, ct))
            .RequireAccess(InspectionAccess.View)
            .WithSummary("查看整改任务：整改要求、期限、学校报送的整改情况和材料")
            .Produces<RectificationView>().ProducesProblem(403).ProducesProblem(404);
    }

    public async Task<List<RectificationView>> ListAsync(RectificationState? state, bool? overdue, CancellationToken ct)
    {
        db.Actor.Demand(InspectionAccess.View);
        var today = support.Today;
        var q = db.Set<RectificationTask>().AsNoTracking();
        if (state is { } s)
        {
            q = q.Where(t => t.State == s);
        }

        if (overdue == true)
        {
            q = q.Where(t => (t.State == RectificationState.Open || t.State == RectificationState.Returned) && t.DueOn < today);
        }

        var tasks = await q.OrderBy(t => t.State == RectificationState.Closed).ThenBy(t => t.DueOn).ThenBy(t => t.SchoolCode).Take(500).ToListAsync(ct);
        return await ViewsAsync(tasks, ct);
    }

    public async Task<RectificationView> GetAsync(Guid id, CancellationToken ct)
    {
        var task = await db.Set<RectificationTask>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw AppException.NotFound("整改任务");
        db.Actor.Demand(InspectionAccess.View, task.ScopePath);
        return (await ViewsAsync([task], ct))[0];
    }

    public async Task<List<RectificationView>> ViewsAsync(IReadOnlyList<RectificationTask> tasks, CancellationToken ct)
    {
        var items = await support.ChecklistAsync(ct);
        var ids = tasks.Select(t => t.Id).ToList();
        var files = (await db.Set<InspectionFile>().AsNoTracking().Where(f => ids.Contains(f.OwnerId)).OrderBy(f => f.UploadedAtUtc)
                .Select(f => new { f.Id, f.OwnerId, f.FileName, f.ContentType, f.Size, f.Sha256, f.UploadedBy, f.UploadedAtUtc }).ToListAsync(ct))
            .ToLookup(f => f.OwnerId, f => new FileView(f.Id, f.FileName, f.ContentType, f.Size, f.Sha256, f.UploadedBy, f.UploadedAtUtc));
        var today = support.Today;
        return tasks.Select(t => ToView(t, items, files[t.Id].ToList(), today, db.Actor)).ToList();
    }

    public static RectificationView ToView(RectificationTask t, IReadOnlyDictionary<string, ChecklistItem> items, IReadOnlyList<FileView> files, DateOnly today, Actor actor)
    {
        var actions = new List<string>();
        if (t.State is RectificationState.Open or RectificationState.Returned && actor.May(InspectionAccess.Answer, t.ScopePath))
        {
            actions.Add("answer");
        }

        if (t.State is RectificationState.Answered && actor.May(InspectionAccess.Close, t.ScopePath))
        {
            actions.Add("close");
            actions.Add("return");
        }

        return new RectificationView(t.Id, t.VisitId, t.Year, t.SchoolCode, t.SchoolName, t.ItemKey, items.TryGetValue(t.ItemKey, out var i) ? i.Text : t.ItemKey,
            t.Requirement, t.DueOn, t.State, t.State.ToChinese(), t.IsOverdue(today), t.Answer, t.AnsweredBy, t.AnsweredOn, t.ReturnReason, t.ClosedBy, files, t.Version, actions);
    }
}
