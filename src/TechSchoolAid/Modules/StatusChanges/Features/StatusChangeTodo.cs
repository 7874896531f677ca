using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.StatusChanges.Domain;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.StatusChanges.Features;

/// <summary>
/// NTF-1 for status changes: for a school, its changes due soon and late, transfers waiting for its acceptance and
/// school-level changes waiting for its administrator; for an authority, changes of schools it supervises directly
/// waiting for its approval.
/// </summary>
public sealed class StatusChangeTodo(TsaDbContext db, StatusChangeDeadlines deadlines, TimeProvider clock) : ITodoSource
{
    public async Task<IReadOnlyList<TodoItem>> ItemsAsync(CancellationToken ct)
    {
        var actor = db.Actor;
        var items = new List<TodoItem>();
        if (!actor.May(StatusChangeAccess.Clerk) && !actor.May(StatusChangeAccess.Approver))
        {
            return items;
        }

        var today = clock.Today();
        var soon = deadlines.DueSoonUntil(today);
        var q = db.Set<StatusChange>().AsNoTracking();
        if (actor.May(StatusChangeAccess.Clerk))
        {
            var open = await q.Where(c => c.Side != TransferSide.In && (c.State == StatusChangeState.Draft || c.State == StatusChangeState.Returned) && c.DueDate <= soon)
                .Select(c => new { c.Id, c.StudentName, c.Kind, c.DueDate }).ToListAsync(ct);
            foreach (var c in open.OrderBy(c => c.DueDate))
            {
                var late = c.DueDate < today;
                items.Add(new TodoItem(late ? TodoKind.Late : TodoKind.DueSoon, late ? "学籍异动已逾期" : "学籍异动即将到期",
                    $"{c.StudentName} 的{c.Kind.ToChinese()}应于 {ChinaTime.Iso(c.DueDate)} 前报送", $"/status-changes/{c.Id}", c.DueDate));
            }

            var inbound = await q.CountAsync(c => c.Side == TransferSide.In && c.State == StatusChangeState.Submitted, ct);
            if (inbound > 0)
            {
                items.Add(new TodoItem(TodoKind.WaitingForMe, "转学待接收", $"{inbound} 名学生申请转入本校", "/status-changes?state=Submitted", null));
            }
        }

        if (actor.May(StatusChangeAccess.Approver))
        {
            var waiting = await q.Where(c => (c.State == StatusChangeState.Submitted && c.Kind != StatusChangeKind.Transfer)
                                             || (c.State == StatusChangeState.Accepted && c.ApprovedBy == null))
                .GroupBy(c => new { c.ScopePath, c.SchoolName, c.RequiresAuthority })
                .Select(g => new { g.Key.ScopePath, g.Key.SchoolName, g.Key.RequiresAuthority, Count = g.Count() })
                .ToListAsync(ct);
            foreach (var w in waiting)
            {
                var rule = w.RequiresAuthority ? StatusChangeAccess.ApproveByAuthority : StatusChangeAccess.ApproveAtSchool;
                if (actor.May(rule, w.ScopePath))
                {
                    items.Add(new TodoItem(TodoKind.WaitingForMe, "学籍异动待审批", $"{w.SchoolName} 有 {w.Count} 条学籍异动待审批", "/status-changes?state=" + (w.RequiresAuthority ? "" : "Submitted"), null));
                }
            }
        }

        return items;
    }
}
