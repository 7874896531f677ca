using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Calendar;
using TechSchoolAid.Modules.PublicSite.Contracts;
using TechSchoolAid.Modules.PublicSite.Domain;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.PublicSite.Features.Complaints;

/// <summary>
/// The to-do entries of complaints (PUB-1) for staff who handle them: new ones routed to the own organisation, those
/// due within two working days, the overdue ones, and those escalated to the own organisation.
/// </summary>
public sealed class ComplaintTodo(TsaDbContext db, WorkingDays workingDays, TimeProvider clock) : ITodoSource
{
    public async Task<IReadOnlyList<TodoItem>> ItemsAsync(CancellationToken ct)
    {
        var actor = db.Actor;
        if (!actor.May(ComplaintAccess.Handle) || !actor.IsAuthenticated)
        {
            return [];
        }

        var today = clock.Today();
        var soon = workingDays.AddWorkingDays(today, 2);
        var own = actor.ScopePath;
        var open = await db.Set<Complaint>().AsNoTracking()
            .Where(c => c.Status == ComplaintStatus.Open && (c.ScopePath == own || c.EscalatedToPath == own))
            .Select(c => new { c.DueOn, Escalated = c.EscalatedToPath == own, c.FiledOn })
            .ToListAsync(ct);
        var items = new List<TodoItem>();
        var late = open.Where(c => c.DueOn < today).ToList();
        if (late.Count > 0)
        {
            items.Add(new TodoItem(TodoKind.Late, $"逾期未答复的咨询投诉 {late.Count} 件", $"最早应于 {ChinaTime.Iso(late.Min(c => c.DueOn))} 前答复，逾期将逐级上报",
                "/complaints?filter=Overdue", late.Min(c => c.DueOn)));
        }

        var escalated = open.Where(c => c.Escalated && c.DueOn >= today).ToList();
        if (escalated.Count > 0)
        {
            items.Add(new TodoItem(TodoKind.WaitingForMe, $"下级逾期上报的咨询投诉 {escalated.Count} 件", "请督促承办单位答复或直接答复",
                "/complaints?filter=Escalated", escalated.Min(c => c.DueOn)));
        }

        var due = open.Where(c => !c.Escalated && c.DueOn >= today && c.DueOn <= soon).ToList();
        if (due.Count > 0)
        {
            items.Add(new TodoItem(TodoKind.DueSoon, $"即将到期的咨询投诉 {due.Count} 件", $"答复期限 {ChinaTime.Iso(due.Min(c => c.DueOn))}",
                "/complaints?filter=Open", due.Min(c => c.DueOn)));
        }

        var fresh = open.Where(c => !c.Escalated && c.DueOn > soon).ToList();
        if (fresh.Count > 0)
        {
            items.Add(new TodoItem(TodoKind.WaitingForMe, $"待答复的咨询投诉 {fresh.Count} 件", "公众提交的政策咨询和投诉，请在答复期限内答复",
                "/complaints?filter=Open", fresh.Min(c => c.DueOn)));
        }

        return items;
    }
}
