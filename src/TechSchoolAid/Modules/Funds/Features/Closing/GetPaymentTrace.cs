using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Funds.Features.Closing;

/// <summary>One record of the person (this school's or another's) with its status.</summary>
public sealed record TraceRecord(string SchoolCode, string SchoolName, DateOnly EnrolmentDate, string Status, DateOnly? StatusSince, bool IsThisRecord);

/// <summary>Why a yuan was paid (STA-5): the line, its basis as written on the payment date, the status then and now, the recovery if any.</summary>
public sealed record PaymentTrace(
    Guid LineId,
    string Reference,
    string StudentName,
    string CardMasked,
    long AmountFen,
    string PeriodLabel,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    DateOnly PaymentDate,
    string State,
    string? BankReason,
    DateOnly? SettledOn,
    Guid AidEntryId,
    string Basis,
    bool EligibleOnPaymentDate,
    string EligibilityOnPaymentDate,
    string StatusNow,
    DateOnly? StatusSince,
    List<TraceRecord> StatusHistory,
    RecoveryRow? Recovery);

/// <summary>The trace of one payment line: the approval and status it was paid on, and what the student's records say.</summary>
public sealed class GetPaymentTrace(TsaDbContext db, IAidEligibility eligibility, StudentLifecycle students, ListRecoveries recoveries)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/payment-lines/{id:guid}/trace", (Guid id, GetPaymentTrace q, CancellationToken ct) => q.HandleAsync(id, ct))
            .RequireAccess(FundsAccess.View)
            .WithSummary("追溯一笔发放：发放依据（审批、学籍状态）、发放日的资助资格、学生学籍记录及追回情况")
            .Produces<PaymentTrace>().ProducesProblem(403).ProducesProblem(404);

    public async Task<PaymentTrace> HandleAsync(Guid id, CancellationToken ct)
    {
        db.Actor.Demand(FundsAccess.View);
        var line = await db.Set<PaymentLine>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct) ?? throw AppException.NotFound("发放记录");
        db.Actor.Demand(FundsAccess.View, line.ScopePath);
        var batch = await db.Set<PaymentBatch>().AsNoTracking().Where(b => b.Id == line.BatchId).Select(b => new { b.PeriodLabel, b.PaymentDate }).FirstAsync(ct);
        var answer = await eligibility.IsEligibleForAidAsync(line.StudentId, batch.PaymentDate, ct);
        var student = await students.GetAsync(line.StudentId, ct);
        var history = await students.PersonHistoryAsync(line.StudentId, ct);
        var recovery = await db.Set<PaymentRecovery>().AsNoTracking().FirstOrDefaultAsync(r => r.LineId == id, ct);
        return new PaymentTrace(line.Id, line.Reference, line.StudentName, line.CardMasked, line.AmountFen, batch.PeriodLabel, line.PeriodStart, line.PeriodEnd,
            batch.PaymentDate, line.State.ToChinese(), line.BankReason, line.SettledOn, line.AidEntryId, line.Basis, answer.Eligible, answer.Reason,
            student.Status.ToChinese(), student.StatusSince,
            history.Select(h => new TraceRecord(h.SchoolCode, h.SchoolName, h.EnrolmentDate, h.Status.ToChinese(), h.StatusSince, h.IsThisRecord)).ToList(),
            recovery is null ? null : recoveries.ToRow(recovery));
    }
}
