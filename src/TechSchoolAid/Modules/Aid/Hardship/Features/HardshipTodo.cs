using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Hardship.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Domain;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.Aid.Hardship.Features;

/// <summary>
/// NTF-1 for AID-1 (issue 11 item 9): the school's aid staff see each objection to a hardship publication waiting for its
/// answer, with the answer's deadline (late ones first), and the upheld objections waiting for a new decision.
/// </summary>
public sealed class HardshipTodo(TsaDbContext db, TimeProvider clock) : ITodoSource
{
    public async Task<IReadOnlyList<TodoItem>> ItemsAsync(CancellationToken ct)
    {
        var actor = db.Actor;
        if (!actor.May(HardshipAccess.Manage))
        {
            return [];
        }

        var today = clock.Today();
        var mine = db.Set<HardshipAssessment>().AsNoTracking().Where(a => a.ScopePath == actor.ScopePath && a.SupersededAtUtc == null);
        var open = await mine.Where(a => a.ObjectionRaisedOn != null && a.ObjectionAnsweredAtUtc == null)
            .Select(a => new { a.StudentName, a.ClassName, a.ObjectionDueDate }).ToListAsync(ct);
        var items = new List<TodoItem>();
        foreach (var o in open.OrderBy(o => o.ObjectionDueDate))
        {
            var due = o.ObjectionDueDate;
            var late = due is { } d && today > d;
            items.Add(new TodoItem(late ? TodoKind.Late : TodoKind.DueSoon, late ? "认定公示异议逾期未答复" : "认定公示异议待答复",
                $"{o.ClassName} {o.StudentName} 的家庭经济困难认定公示收到异议，{(due is { } x ? $"{(late ? "答复期限已于" : "须在")} {ChinaTime.Iso(x)}{(late ? " 届满" : " 前答复")}" : "请答复")}",
                "/aid/hardship", due));
        }

        var upheld = await mine.CountAsync(a => a.ObjectionUpheld && a.State == HardshipState.Published, ct);
        if (upheld > 0)
        {
            items.Add(new TodoItem(TodoKind.WaitingForMe, "异议成立待重新认定",
                $"{upheld} 名学生的认定异议经复核成立，须重新认定并重新公示，此前其认定等级不计入资助", "/aid/hardship", null));
        }

        return items;
    }
}
