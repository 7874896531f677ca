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
/// NTF-1 for CHK-1/2. The school's aid staff: open cases to clear (late ones first) and its "keep" clearances the
/// supervisor has not confirmed by the due date. The direct supervisor (city or province): the "keep" clearances waiting
/// for its confirmation, and its schools' cases past the due date (open, or a keep not confirmed) — the escalation of the
/// clearance deadline (人社厅函〔2024〕53号 三（三）, dated data). The ministry: late cases nationally (issue 11 item 11).
/// </summary>
public sealed class CrossCheckTodo(TsaDbContext db, TimeProvider clock) : ITodoSource
{
    public async Task<IReadOnlyList<TodoItem>> ItemsAsync(CancellationToken ct)
    {
        var actor = db.Actor;
        var items = new List<TodoItem>();
        var today = clock.Today();
        var all = db.Set<CrossCheckCase>().AsNoTracking();
        var open = all.Where(c => c.State == CrossCheckCaseState.Open);
        var kept = all.Where(c => c.State == CrossCheckCaseState.Kept && c.KeepConfirmedAtUtc == null);
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

            var keptLate = await kept.Where(c => c.ScopePath == actor.ScopePath && c.DueDate < today).GroupBy(c => c.Item)
                .Select(g => new { Item = g.Key, Count = g.Count(), Due = g.Min(c => c.DueDate) }).ToListAsync(ct);
            foreach (var g in keptLate.OrderBy(g => g.Item))
            {
                items.Add(new TodoItem(TodoKind.Late, "“保留”清理逾期未获主管部门确认",
                    $"{g.Count} 条{AidTerm.ItemText(g.Item)}比对结果清理为“保留”，已超过清理期限（最早 {ChinaTime.Iso(g.Due)}）仍未获主管部门确认，比对结果尚未清理完成",
                    Link(g.Item, true), g.Due));
            }

            return items;
        }

        if (actor.May(CrossCheckAccess.FollowUpLate))
        {
            var waiting = await kept.Where(c => c.SupervisorPath == actor.ScopePath).GroupBy(c => c.Item)
                .Select(g => new { Item = g.Key, Count = g.Count(), Due = g.Min(c => c.DueDate) }).ToListAsync(ct);
            foreach (var g in waiting.OrderBy(g => g.Item))
            {
                var late = today > g.Due;
                items.Add(new TodoItem(late ? TodoKind.Late : TodoKind.WaitingForMe, "所辖学校“保留”清理待确认",
                    $"所辖学校有 {g.Count} 条{AidTerm.ItemText(g.Item)}比对结果清理为“保留”（对方有误），须由主管部门确认或退回{(late ? $"，最早一条已超过清理期限 {ChinaTime.Iso(g.Due)}" : "")}",
                    $"/crosscheck/{(g.Item == AidItem.Grant ? "grants" : "waivers")}?awaitingSupervisor=true", g.Due));
            }

            var overdue = await open.Where(c => c.SupervisorPath == actor.ScopePath && c.DueDate < today).GroupBy(c => c.Item)
                .Select(g => new { Item = g.Key, Count = g.Count(), Due = g.Min(c => c.DueDate) }).ToListAsync(ct);
            foreach (var g in overdue.OrderBy(g => g.Item))
            {
                items.Add(new TodoItem(TodoKind.Late, "所辖学校比对结果逾期未清理",
                    $"所辖学校有 {g.Count} 条{AidTerm.ItemText(g.Item)}比对结果超过清理期限未清理（最早应于 {ChinaTime.Iso(g.Due)} 完成），请督促", Link(g.Item, true), g.Due));
            }
        }
        else if (actor.May(CrossCheckAccess.Run))
        {
            var count = await all.CountAsync(CrossCheckCase.Overdue(today), ct);
            if (count > 0)
            {
                items.Add(new TodoItem(TodoKind.Late, "全国比对结果逾期未清理", $"全国有 {count} 条比对结果超过清理期限未清理（含未获主管部门确认的“保留”）", "/crosscheck/grants?overdue=true", null));
            }
        }

        return items;
    }

    private static string Link(AidItem item, bool overdue) => $"/crosscheck/{(item == AidItem.Grant ? "grants" : "waivers")}{(overdue ? "?overdue=true" : "")}";
}
