using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.CrossCheck.Contracts;
using TechSchoolAid.Modules.CrossCheck.Domain;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.CrossCheck.Features;

/// <summary>
/// NTF-1 for CHK-1/2. The school's aid staff: open cases to clear (late ones first). The direct supervisor (city or
/// province): its schools' cases past the due date — the escalation of the notice's 10 working days. The ministry: late
/// cases nationally.
/// </summary>
public sealed class CrossCheckTodo(TsaDbContext db, TimeProvider clock) : ITodoSource
{
    public async Task<IReadOnlyList<TodoItem>> ItemsAsync(CancellationToken ct)
    {
        var actor = db.Actor;
        var items = new List<TodoItem>();
        var today = clock.Today();
        var open = db.Set<CrossCheckCase>().AsNoTracking().Where(c => c.State == CrossCheckCaseState.Open);
        if (actor.May(CrossCheckAccess.Clear))
        {
            var groups = await open.Where(c => c.ScopePath == actor.ScopePath).GroupBy(c => new { c.Item, c.DueDate })
                .Select(g => new { g.Key.Item, g.Key.DueDate, Count = g.Count() }).ToListAsync(ct);
            foreach (var g in groups.OrderBy(g => g.DueDate))
            {
                var late = today > g.DueDate;
                items.Add(new TodoItem(late ? TodoKind.Late : TodoKind.DueSoon, late ? "比对结果逾期未清理" : "比对结果待清理",
                    $"{g.Count} 条{AidTerm.ItemText(g.Item)}重复资助比对结果{(late ? "已超过" : "须在")} {ChinaTime.Iso(g.DueDate)}{(late ? "，请尽快核实清理" : " 前核实清理")}",
                    Link(g.Item, late), g.DueDate));
            }

            return items;
        }

        if (actor.May(CrossCheckAccess.FollowUpLate))
        {
            var late = await open.Where(c => c.SupervisorPath == actor.ScopePath && c.DueDate < today).GroupBy(c => c.Item)
                .Select(g => new { Item = g.Key, Count = g.Count(), Due = g.Min(c => c.DueDate) }).ToListAsync(ct);
            foreach (var g in late.OrderBy(g => g.Item))
            {
                items.Add(new TodoItem(TodoKind.Late, "所辖学校比对结果逾期未清理",
                    $"所辖学校有 {g.Count} 条{AidTerm.ItemText(g.Item)}比对结果超过 10 个工作日未清理（最早应于 {ChinaTime.Iso(g.Due)} 完成），请督促", Link(g.Item, true), g.Due));
            }
        }
        else if (actor.May(CrossCheckAccess.Run))
        {
            var count = await open.CountAsync(c => c.DueDate < today, ct);
            if (count > 0)
            {
                items.Add(new TodoItem(TodoKind.Late, "全国比对结果逾期未清理", $"全国有 {count} 条比对结果超过 10 个工作日未清理", "/crosscheck/grants?overdue=true", null));
            }
        }

        return items;
    }

    private static string Link(AidItem item, bool overdue) => $"/crosscheck/{(item == AidItem.Grant ? "grants" : "waivers")}{(overdue ? "?overdue=true" : "")}";
}
