using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.Funds.Features.Budgets;

/// <summary>
/// The budget to-do entries (FND-1): a recipient with money allocated to it and not yet confirmed; a province or city with
/// received money not yet passed on in full (due 30 days after receipt, late after that). Only for those who may act.
/// </summary>
public sealed class BudgetTodo(TsaDbContext db, TimeProvider clock) : ITodoSource
{
    private const string Link = "/funds/budgets";

    public async Task<IReadOnlyList<TodoItem>> ItemsAsync(CancellationToken ct)
    {
        var actor = db.Actor;
        var me = actor.ScopePath;
        var items = new List<TodoItem>();
        var confirmRule = actor.Level == OrgLevel.School ? FundsAccess.SchoolConfirmReceipt : FundsAccess.ConfirmReceipt;
        if (actor.May(confirmRule, me))
        {
            var unconfirmed = await db.Set<Allocation>().AsNoTracking().Where(a => a.ScopePath == me && a.ReceivedOn == null && !a.IsCancelled)
                .OrderBy(a => a.IssuedOn).Select(a => new { a.FiscalYear, a.Item, a.AmountFen, a.DocumentNumber, a.IssuedOn }).Take(20).ToListAsync(ct);
            items.AddRange(unconfirmed.Select(a => new TodoItem(TodoKind.WaitingForMe, $"确认收到{a.FiscalYear}年度{AidTerm.ItemText(a.Item)}资金",
                $"{a.DocumentNumber}，{BudgetSteps.Yuan(a.AmountFen)} 元，{ChinaTime.Iso(a.IssuedOn)} 下达，请核对到账后确认收到日期", Link, null)));
        }

        if (actor.Level is OrgLevel.Province or OrgLevel.City && actor.May(FundsAccess.Allocate, me))
        {
            var today = clock.Today();
            var open = await db.Set<Allocation>().AsNoTracking().Where(a => a.ScopePath == me && a.ReceivedOn != null && !a.IsCancelled)
                .Select(a => new
                {
                    a.FiscalYear, a.Item, a.AmountFen, a.DocumentNumber, a.ReceivedOn,
                    Passed = db.Set<Allocation>().Where(c => c.ParentId == a.Id && !c.IsCancelled).Sum(c => (long?)c.AmountFen) ?? 0,
                }).ToListAsync(ct);
            foreach (var a in open.Where(a => a.Passed < a.AmountFen).OrderBy(a => a.ReceivedOn))
            {
                var due = a.ReceivedOn!.Value.AddDays(Allocation.PassOnDays);
                var kind = today > due ? TodoKind.Late : due <= today.AddDays(7) ? TodoKind.DueSoon : TodoKind.WaitingForMe;
                items.Add(new TodoItem(kind, $"向下级分配{a.FiscalYear}年度{AidTerm.ItemText(a.Item)}资金",
                    $"{a.DocumentNumber}：收到 {BudgetSteps.Yuan(a.AmountFen)} 元，尚有 {BudgetSteps.Yuan(a.AmountFen - a.Passed)} 元未下达，应于 {ChinaTime.Iso(due)} 前下达"
                    + (today > due ? "（已逾期）" : ""), Link, due));
            }
        }

        return items;
    }
}
