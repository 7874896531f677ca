using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.Funds.Features.Closing;

/// <summary>
/// The recoveries not yet recorded (STA-5), on the school's panel (to do) and on its supervisors' panels (to watch):
/// "应追回资金 3 笔（1,250.00 元）尚未追回".
/// </summary>
public sealed class RecoveryTodo(TsaDbContext db) : ITodoSource
{
    public async Task<IReadOnlyList<TodoItem>> ItemsAsync(CancellationToken ct)
    {
        if (!db.Actor.May(FundsAccess.View))
        {
            return [];
        }

        var open = await db.Set<PaymentRecovery>().AsNoTracking().Where(r => r.RecoveredOn == null)
            .GroupBy(_ => 1).Select(g => new { Count = g.Count(), Fen = g.Sum(r => r.AmountFen), Oldest = g.Min(r => r.ChangeDate) }).FirstOrDefaultAsync(ct);
        if (open is null)
        {
            return [];
        }

        var own = db.Actor.Level == OrgLevel.School;
        var title = own ? "应追回资金尚未追回" : "下级学校有应追回资金尚未追回";
        var detail = $"{open.Count} 笔，共 {FinalAccountsCalculator.Yuan(open.Fen)} 元（学籍异动后已多发的助学金，最早一笔异动于 {open.Oldest:yyyy-MM-dd}）";
        return [new TodoItem(own && db.Actor.May(FundsAccess.Pay) ? TodoKind.WaitingForMe : TodoKind.DueSoon, title, detail, "/funds/accounts/recoveries", null)];
    }
}
