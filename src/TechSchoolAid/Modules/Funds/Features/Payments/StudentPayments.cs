using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Funds.Features.Payments;

/// <summary>A student's payment history: every card (the corrected ones kept) and every payment line, newest first.</summary>
public sealed class StudentPayments(TsaDbContext db, IStudentStatusFacts students)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/students/{studentId:guid}/payments", (Guid studentId, StudentPayments history, CancellationToken ct) => history.HandleAsync(studentId, ct))
            .RequireAccess(FundsAccess.View)
            .WithSummary("学生的助学金发放记录和银行卡（含已更正的旧卡）").Produces<StudentPaymentHistory>().ProducesProblem(403).ProducesProblem(404);

    public async Task<StudentPaymentHistory> HandleAsync(Guid studentId, CancellationToken ct)
    {
        db.Actor.Demand(FundsAccess.View);
        if (!await students.Query().AnyAsync(s => s.Id == studentId, ct))
        {
            throw AppException.NotFound("学生");
        }

        var cards = await db.Set<BankCard>().AsNoTracking().Where(c => c.StudentId == studentId).OrderByDescending(c => c.RecordedAtUtc).ToListAsync(ct);
        var lines = await PaymentRows.LineRows(db.Set<PaymentLine>().AsNoTracking().Where(l => l.StudentId == studentId), db.Set<PaymentBatch>().AsNoTracking())
            .ToListAsync(ct);
        return new StudentPaymentHistory(studentId, cards.Select(PaymentRows.ToView).ToList(),
            lines.OrderByDescending(l => l.PeriodStart).ThenBy(l => l.Reference, StringComparer.Ordinal).Select(PaymentRows.WithStateText).ToList());
    }
}
