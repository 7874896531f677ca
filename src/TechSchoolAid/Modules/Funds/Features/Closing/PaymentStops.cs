using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;

namespace TechSchoolAid.Modules.Funds.Features.Closing;

/// <summary>
/// STA-5, on the approval of a change that ends eligibility: the student is paid nothing for the days after the change.
/// Lines still waiting in a batch whose bank file was not exported, for a period starting after the date, are stopped;
/// lines already paid for days after the date (a back-dated change) are listed for recovery, each for the share of its
/// period after the date. A line already sent to the bank is left to its return file: if it comes back paid, the next
/// approval or the recoveries list shows it. Nothing is saved here: the approval saves it with the change.
/// </summary>
public sealed class PaymentStops(TsaDbContext db, TimeProvider clock) : IPaymentStops
{
    public async Task<PaymentStopResult> StopAfterAsync(Guid studentId, DateOnly effectiveDate, string reason, CancellationToken ct)
    {
        var lines = await db.Set<PaymentLine>()
            .Where(l => l.StudentId == studentId && l.PeriodEnd > effectiveDate && (l.State == PaymentLineState.Pending || l.State == PaymentLineState.Paid))
            .ToListAsync(ct);
        if (lines.Count == 0)
        {
            return new PaymentStopResult(0, 0, 0, 0);
        }

        var batchIds = lines.Select(l => l.BatchId).Distinct().ToList();
        var batches = await db.Set<PaymentBatch>().AsNoTracking().Where(b => batchIds.Contains(b.Id))
            .Select(b => new { b.Id, b.State, b.PeriodLabel }).ToDictionaryAsync(b => b.Id, ct);
        var paidIds = lines.Where(l => l.State == PaymentLineState.Paid).Select(l => l.Id).ToList();
        var listed = await db.Set<PaymentRecovery>().AsNoTracking().Where(r => paidIds.Contains(r.LineId)).Select(r => r.LineId).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var by = db.Actor.UserName;
        var stopped = new List<PaymentLine>();
        var recoveries = new List<PaymentRecovery>();
        foreach (var line in lines)
        {
            if (line.State == PaymentLineState.Pending && line.PeriodStart > effectiveDate && batches[line.BatchId].State == PaymentBatchState.Built)
            {
                line.Stop($"学籍异动停发：{reason}");
                stopped.Add(line);
            }
            else if (line.State == PaymentLineState.Paid && !listed.Contains(line.Id))
            {
                var amount = PaymentRecovery.AmountAfter(line.AmountFen, line.PeriodStart, line.PeriodEnd, effectiveDate);
                if (amount > 0)
                {
                    var recovery = new PaymentRecovery(Guid.CreateVersion7(), line, batches[line.BatchId].PeriodLabel, amount, effectiveDate, reason, by, now);
                    db.Add(recovery);
                    recoveries.Add(recovery);
                }
            }
        }

        var scope = lines[0].ScopePath;
        if (stopped.Count > 0)
        {
            db.Record(FundsAuditActions.PaymentsStopped, studentId.ToString(), scope, null,
                new { reason, from = effectiveDate.AddDays(1), lines = stopped.Select(l => l.Reference).ToList(), amountFen = stopped.Sum(l => l.AmountFen) }, clock);
        }

        if (recoveries.Count > 0)
        {
            db.Record(FundsAuditActions.RecoveryListed, studentId.ToString(), scope, null,
                new { reason, after = effectiveDate, recoveries = recoveries.Select(r => new { r.LineId, r.PeriodLabel, r.AmountFen }).ToList() }, clock);
        }

        return new PaymentStopResult(stopped.Count, stopped.Sum(l => l.AmountFen), recoveries.Count, recoveries.Sum(r => r.AmountFen));
    }
}
