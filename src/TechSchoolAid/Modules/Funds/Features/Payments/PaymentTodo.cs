using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.Funds.Features.Payments;

/// <summary>
/// NTF-1 for the payments, for the school's own staff: students with an approved grant this term but no card, failed
/// lines to correct, batches whose bank file was exported a week ago or more without a return file.
/// </summary>
public sealed class PaymentTodo(TsaDbContext db, IPayableAidLines aidLines, TimeProvider clock) : ITodoSource
{
    public async Task<IReadOnlyList<TodoItem>> ItemsAsync(CancellationToken ct)
    {
        var actor = db.Actor;
        var items = new List<TodoItem>();
        var cardKeeper = actor.May(FundsAccess.ManageCards, actor.ScopePath);
        var payer = actor.May(FundsAccess.Pay, actor.ScopePath);
        if (!cardKeeper && !payer)
        {
            return items;
        }

        var today = clock.Today();
        if (cardKeeper)
        {
            var cards = db.Set<BankCard>().AsNoTracking().Where(c => c.IsCurrent).Select(c => c.StudentId);
            var missing = await aidLines.Query(AidItem.Grant, AidTerm.Of(today))
                .Where(l => l.ScopePath == actor.ScopePath && !l.Revoked && !cards.Contains(l.StudentId)).CountAsync(ct);
            if (missing > 0)
            {
                items.Add(new TodoItem(TodoKind.WaitingForMe, "学生未登记银行卡", $"{N(missing)} 名本学期获国家助学金的学生尚未登记银行卡，发放时将不能纳入批次",
                    "/funds/cards", null));
            }

            var failed = await db.Set<PaymentLine>().AsNoTracking().Where(l => l.ScopePath == actor.ScopePath && l.State == PaymentLineState.Failed).CountAsync(ct);
            if (failed > 0)
            {
                items.Add(new TodoItem(TodoKind.WaitingForMe, "助学金发放失败", $"{N(failed)} 笔助学金银行发放失败，请核对并更正银行卡后重新发放", "/funds/payments", null));
            }
        }

        if (payer)
        {
            var since = DateTime.SpecifyKind(clock.GetUtcNow().UtcDateTime.AddDays(-7), DateTimeKind.Utc);
            var waiting = await db.Set<PaymentBatch>().AsNoTracking()
                .Where(b => b.ScopePath == actor.ScopePath && b.State == PaymentBatchState.Exported && b.ExportedAtUtc <= since)
                .OrderBy(b => b.PeriodStart).Select(b => new { b.Id, b.PeriodLabel, b.ExportedAtUtc }).ToListAsync(ct);
            foreach (var b in waiting)
            {
                items.Add(new TodoItem(TodoKind.Late, "银行回盘未导入", $"{b.PeriodLabel}发放批次已于 {ChinaTime.Format(b.ExportedAtUtc)} 导出代发文件，请导入银行回盘",
                    $"/funds/payments/{b.Id}", null));
            }
        }

        return items;
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
