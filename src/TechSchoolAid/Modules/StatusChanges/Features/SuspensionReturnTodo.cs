using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.StatusChanges.Domain;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.StatusChanges.Features;

/// <summary>
/// NTF-1 for suspensions: the school's records staff are told of each approved suspension whose expected return
/// (预计复学日期) has passed while the student has no later 复学 (nor a change that ends the record: withdrawal, expulsion,
/// death, transfer, completion) entered — pending or approved, not undone.
/// </summary>
public sealed class SuspensionReturnTodo(TsaDbContext db, TimeProvider clock) : ITodoSource
{
    /// <summary>Past this many students the panel shows one line for the rest (the list holds them all).</summary>
    public const int MaxItems = 20;

    private static readonly StatusChangeKind[] Follow =
        [StatusChangeKind.Resumption, StatusChangeKind.Withdrawal, StatusChangeKind.Expulsion, StatusChangeKind.Death, StatusChangeKind.Transfer, StatusChangeKind.Completion];

    public async Task<IReadOnlyList<TodoItem>> ItemsAsync(CancellationToken ct)
    {
        if (!db.Actor.May(StatusChangeAccess.Clerk))
        {
            return [];
        }

        var today = clock.Today();
        var q = db.Set<StatusChange>().AsNoTracking();
        var overdue = await q
            .Where(s => s.Kind == StatusChangeKind.Suspension && s.State == StatusChangeState.Approved && s.ExpectedReturnOn < today
                        && !q.Any(n => n.StudentId == s.StudentId && n.Id != s.Id && n.OccurredOn >= s.OccurredOn && n.State != StatusChangeState.Undone && Follow.Contains(n.Kind)))
            .OrderBy(s => s.ExpectedReturnOn).ThenBy(s => s.StudentName)
            .Select(s => new { s.Id, s.StudentId, s.StudentName, s.ExpectedReturnOn })
            .Take(MaxItems + 1).ToListAsync(ct);
        var items = overdue.Take(MaxItems).Select(s => new TodoItem(TodoKind.Late, "休学期满未复学",
            $"{s.StudentName} 预计 {ChinaTime.Iso(s.ExpectedReturnOn!.Value)} 复学，尚未办理复学（或退学等）异动", $"/students/{s.StudentId}", s.ExpectedReturnOn)).ToList();
        if (overdue.Count > MaxItems)
        {
            items.Add(new TodoItem(TodoKind.Late, "休学期满未复学", $"另有学生休学期满尚未办理复学，请在学籍异动列表中查看", "/status-changes?kind=Suspension&state=Approved", null));
        }

        return items;
    }
}
