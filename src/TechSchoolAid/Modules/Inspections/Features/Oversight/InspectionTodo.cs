using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.Inspections.Domain;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.Inspections.Features.Oversight;

/// <summary>
/// Inspection work on the to-do panel (NTF-1): the province — this year's plan not yet confirmed, answers waiting for
/// closure; the school — its self-inspection before a planned visit, rectification tasks due soon or overdue.
/// </summary>
public sealed class InspectionTodo(TsaDbContext db, TimeProvider clock) : ITodoSource
{
    /// <summary>Days before the due date from which a task counts as due soon.</summary>
    private const int DueSoonDays = 7;

    public async Task<IReadOnlyList<TodoItem>> ItemsAsync(CancellationToken ct)
    {
        var actor = db.Actor;
        var today = clock.Today();
        var items = new List<TodoItem>();
        if (actor.May(InspectionAccess.Plan, actor.ScopePath))
        {
            var plan = await db.Set<InspectionPlan>().AsNoTracking().Where(p => p.ScopePath == actor.ScopePath && p.Year == today.Year)
                .Select(p => new { p.Id, p.State }).FirstOrDefaultAsync(ct);
            if (plan is null)
            {
                items.Add(new TodoItem(TodoKind.WaitingForMe, $"编制{today.Year}年资助检查计划", "省管学校全覆盖、市管学校三分之一以上、三年全覆盖", "/inspections", null));
            }
            else if (plan.State == PlanState.Draft)
            {
                items.Add(new TodoItem(TodoKind.WaitingForMe, $"确认{today.Year}年资助检查计划", "计划尚未确认，确认后才能登记检查", $"/inspections/plans/{plan.Id}", null));
            }
        }

        if (actor.May(InspectionAccess.Close, actor.ScopePath))
        {
            var answered = await db.Set<RectificationTask>().AsNoTracking().Where(t => t.State == RectificationState.Answered)
                .OrderBy(t => t.AnsweredAtUtc).Select(t => new { t.VisitId, t.SchoolName }).Take(50).ToListAsync(ct);
            if (answered.Count > 0)
            {
                items.Add(new TodoItem(TodoKind.WaitingForMe, $"验收整改 {answered.Count} 件", $"{answered[0].SchoolName}等学校已报送整改情况", "/inspections", null));
            }
        }

        if (actor.Level == OrgLevel.School && actor.May(InspectionAccess.Answer, actor.ScopePath))
        {
            var inPlan = await db.Set<PlanEntry>().AsNoTracking().AnyAsync(e => e.ScopePath == actor.ScopePath
                && db.Set<InspectionPlan>().Any(p => p.Id == e.PlanId && p.Year == today.Year && p.State == PlanState.Confirmed), ct);
            var visited = await db.Set<InspectionVisit>().AsNoTracking().AnyAsync(v => v.ScopePath == actor.ScopePath && v.Year == today.Year && v.Kind == VisitKind.Planned, ct);
            var selfDone = await db.Set<SelfInspection>().AsNoTracking().AnyAsync(s => s.ScopePath == actor.ScopePath && s.Year == today.Year, ct);
            if (inPlan && !visited && !selfDone)
            {
                items.Add(new TodoItem(TodoKind.WaitingForMe, $"提交{today.Year}年资助工作自查", "本校已列入今年检查计划，请在检查前对照检查清单自查", "/inspections", null));
            }

            var tasks = await db.Set<RectificationTask>().AsNoTracking()
                .Where(t => t.State == RectificationState.Open || t.State == RectificationState.Returned)
                .OrderBy(t => t.DueOn).Select(t => new { t.Id, t.VisitId, t.Requirement, t.DueOn, t.State }).Take(50).ToListAsync(ct);
            foreach (var t in tasks)
            {
                var kind = t.DueOn < today ? TodoKind.Late : t.DueOn <= today.AddDays(DueSoonDays) ? TodoKind.DueSoon : TodoKind.WaitingForMe;
                var title = t.State == RectificationState.Returned ? "整改被退回，请重新整改" : "检查发现待整改";
                items.Add(new TodoItem(kind, title, t.Requirement.Length > 60 ? t.Requirement[..60] + "…" : t.Requirement, $"/inspections/visits/{t.VisitId}", t.DueOn));
            }
        }

        return items;
    }
}
