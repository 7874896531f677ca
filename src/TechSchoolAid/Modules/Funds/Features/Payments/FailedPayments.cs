using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;

namespace TechSchoolAid.Modules.Funds.Features.Payments;

/// <summary>The failed-payment queue: failed lines with the bank's reason, and whether the student's card was corrected since (then it can be paid again).</summary>
public sealed class FailedPayments(TsaDbContext db)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/failed-payments", (string? schoolCode, FailedPayments list, CancellationToken ct) => list.HandleAsync(schoolCode, ct))
            .RequireAccess(FundsAccess.View)
            .WithSummary("发放失败待处理的记录（银行失败原因；银行卡已更正的可重新发放）").Produces<List<FailedPaymentRow>>().ProducesProblem(403);

    public async Task<List<FailedPaymentRow>> HandleAsync(string? schoolCode, CancellationToken ct)
    {
        db.Actor.Demand(FundsAccess.View);
        var lines = db.Set<PaymentLine>().AsNoTracking().Where(l => l.State == PaymentLineState.Failed);
        var batches = db.Set<PaymentBatch>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(schoolCode))
        {
            batches = batches.Where(b => b.SchoolCode == schoolCode);
        }

        var cards = db.Set<BankCard>().AsNoTracking().Where(c => c.IsCurrent);
        var rows = await (from l in lines
                          join b in batches on l.BatchId equals b.Id
                          join c in cards on l.StudentId equals c.StudentId into cj
                          from c in cj.DefaultIfEmpty()
                          select new { l, b.PeriodLabel, CurrentId = c == null ? (Guid?)null : c.Id, CurrentMasked = c == null ? null : c.NumberMasked })
            .ToListAsync(ct);
        return rows.OrderBy(r => r.l.Reference, StringComparer.Ordinal).Select(r => new FailedPaymentRow(r.l.Id, r.l.BatchId, r.PeriodLabel, r.l.StudentId, r.l.StudentName,
            r.l.Reference, r.l.AmountFen, r.l.CardMasked, r.l.BankReason, r.l.SettledOn, r.CurrentId is { } cur && cur != r.l.CardId,
            r.CurrentMasked)).ToList();
    }
}
