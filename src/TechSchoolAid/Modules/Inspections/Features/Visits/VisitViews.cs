using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.Inspections.Domain;
using TechSchoolAid.Modules.Inspections.Features.Checklist;
using TechSchoolAid.Modules.Inspections.Features.Rectification;

namespace TechSchoolAid.Modules.Inspections.Features.Visits;

/// <summary>A visit with its findings, evidence, rectification tasks and the school's self-inspection; and the visits of the caller's scope.</summary>
public sealed class VisitViews(TsaDbContext db, InspectionSupport support)
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/visits/{id:guid}", (Guid id, VisitViews views, CancellationToken ct) => views.ViewAsync(id, ct))
            .RequireAccess(InspectionAccess.View)
            .WithSummary("查看检查或抽查：检查发现、证据、整改任务及学校自查")
            .Produces<VisitView>().ProducesProblem(403).ProducesProblem(404);
        g.MapGet("/visits", (int? year, VisitKind? kind, VisitViews views, CancellationToken ct) => views.ListAsync(year, kind, ct))
            .RequireAccess(InspectionAccess.View)
            .WithSummary("本辖区的检查和抽查（可按年度、类型筛选）")
            .Produces<List<VisitSummaryView>>().ProducesProblem(400).ProducesProblem(403);
    }

    public async Task<VisitView> ViewAsync(Guid id, CancellationToken ct)
    {
        var visit = await db.Set<InspectionVisit>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct) ?? throw AppException.NotFound("检查记录");
        db.Actor.Demand(InspectionAccess.View, visit.ScopePath);
        var items = await support.ChecklistAsync(ct);
        var findings = await db.Set<Finding>().AsNoTracking().Where(f => f.VisitId == id).OrderBy(f => f.RecordedAtUtc).ThenBy(f => f.Id).ToListAsync(ct);
        var tasks = await db.Set<RectificationTask>().AsNoTracking().Where(t => t.VisitId == id).ToListAsync(ct);
        var owners = findings.Select(f => f.Id).Concat(tasks.Select(t => t.Id)).ToList();
        var files = (await db.Set<InspectionFile>().AsNoTracking().Where(f => owners.Contains(f.OwnerId)).OrderBy(f => f.UploadedAtUtc)
                .Select(f => new { f.Id, f.OwnerId, f.FileName, f.ContentType, f.Size, f.Sha256, f.UploadedBy, f.UploadedAtUtc }).ToListAsync(ct))
            .ToLookup(f => f.OwnerId, f => new FileView(f.Id, f.FileName, f.ContentType, f.Size, f.Sha256, f.UploadedBy, f.UploadedAtUtc));
        var today = support.Today;
        var findingViews = findings.Select(f =>
        {
            var task = tasks.FirstOrDefault(t => t.FindingId == f.Id);
            return new FindingView(f.Id, f.ItemKey, items.TryGetValue(f.ItemKey, out var i) ? i.Text : f.ItemKey, f.Conclusion, f.Conclusion.ToChinese(), f.Text,
                f.NeedsRectification, f.RecordedBy, files[f.Id].ToList(),
                task is null ? null : RectificationViews.ToView(task, items, files[task.Id].ToList(), today, db.Actor));
        }).ToList();
        SelfInspectionView? self = null;
        if (visit.TargetIsSchool)
        {
            var s = await db.Set<SelfInspection>().AsNoTracking().Include(x => x.Items).FirstOrDefaultAsync(x => x.SchoolId == visit.TargetId && x.Year == visit.Year, ct);
            self = s is null ? null : SubmitSelfInspection.ToView(s, items);
        }

        var rule = visit.Kind == VisitKind.SpotCheck ? InspectionAccess.SpotCheck : InspectionAccess.RecordVisit;
        return new VisitView(visit.Id, visit.Kind, visit.Kind.ToChinese(), visit.PlanId, visit.Year, visit.ProvinceCode, visit.TargetCode, visit.TargetName, visit.TargetIsSchool,
            visit.VisitedOn, visit.Inspectors, visit.Summary, visit.RecordedBy, findingViews, self, visit.Version, db.Actor.ActionsOn(visit.ScopePath, rule));
    }

    public async Task<List<VisitSummaryView>> ListAsync(int? year, VisitKind? kind, CancellationToken ct)
    {
        db.Actor.Demand(InspectionAccess.View);
        var q = db.Set<InspectionVisit>().AsNoTracking();
        if (year is { } y)
        {
            q = q.Where(v => v.Year == y);
        }

        if (kind is { } k)
        {
            q = q.Where(v => v.Kind == k);
        }

        var findings = db.Set<Finding>();
        var tasks = db.Set<RectificationTask>();
        var rows = await q.OrderByDescending(v => v.VisitedOn).ThenBy(v => v.TargetCode).Take(500)
            .Select(v => new
            {
                v.Id, v.Kind, v.Year, v.ProvinceCode, v.TargetCode, v.TargetName, v.VisitedOn, v.Inspectors,
                Findings = findings.Count(f => f.VisitId == v.Id),
                Open = tasks.Count(t => t.VisitId == v.Id && t.State != RectificationState.Closed),
            }).ToListAsync(ct);
        return rows.Select(v => new VisitSummaryView(v.Id, v.Kind, v.Kind.ToChinese(), v.Year, v.ProvinceCode, v.TargetCode, v.TargetName, v.VisitedOn, v.Inspectors, v.Findings, v.Open))
            .ToList();
    }
}
