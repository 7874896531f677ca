using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;

namespace TechSchoolAid.Modules.Funds.Features.Closing;

public sealed class RecoveryInput
{
    public DateOnly? RecoveredOn { get; set; }

    public long? AmountFen { get; set; }

    public string? Note { get; set; }
}

/// <summary>The school records that an amount listed for recovery came back (date, amount, note); the recovery's year must be open.</summary>
public sealed class RecordRecovery(TsaDbContext db, ListRecoveries list, FundsYearGuard guard, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/recoveries/{id:guid}/recovery", (Guid id, RecoveryInput input, RecordRecovery f, CancellationToken ct) => f.HandleAsync(id, input, ct))
            .RequireAccess(FundsAccess.Pay)
            .WithSummary("登记资金追回：追回日期、金额（分，不超过该笔已发放金额）、说明")
            .Produces<RecoveryRow>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<RecoveryRow> HandleAsync(Guid id, RecoveryInput input, CancellationToken ct)
    {
        db.Actor.Demand(FundsAccess.Pay);
        var recovery = await db.Set<PaymentRecovery>().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw AppException.NotFound("应追回资金记录");
        db.Actor.Demand(FundsAccess.Pay, recovery.ScopePath);
        if (input.RecoveredOn is not { } on || on < recovery.ChangeDate || on > clock.Today())
        {
            throw AppException.Invalid("recoveredOn", "请填写追回日期（不早于学籍异动日期，且不晚于今天）");
        }

        if (input.AmountFen is not { } amount)
        {
            throw AppException.Invalid("amountFen", "请填写追回金额（分）");
        }

        var note = input.Note?.Trim();
        if (note is { Length: > 500 })
        {
            throw AppException.Invalid("note", "说明不能超过 500 字");
        }

        await guard.EnsureOpenAsync(recovery.ScopePath, on.Year, ct);
        recovery.Record(on, amount, string.IsNullOrEmpty(note) ? null : note, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record(FundsAuditActions.RecoveryRecorded, recovery.Id.ToString(), recovery.ScopePath, new { recovered = false },
            new { recoveredOn = on, amountFen = amount, note, student = recovery.StudentId }, clock);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw AppException.Conflict("该笔追回已被他人同时登记，请刷新后查看");
        }

        return list.ToRow(recovery);
    }
}
