using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Funds.Features.Payments;

/// <summary>
/// The school corrects a student's card (a failed payment, a lost card): the new card becomes current, the old one is
/// kept (retired) with the payments made to it. Failed lines of the old card can then be paid again.
/// </summary>
public sealed class CorrectBankCard(TsaDbContext db, IStudentStatusFacts students, PersonalDataProtector protector, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/cards/{id:guid}/correction", async (Guid id, BankCardInput input, CorrectBankCard correct, CancellationToken ct) =>
            TypedResults.Ok(await correct.HandleAsync(id, input, ct)))
            .RequireAccess(FundsAccess.ManageCards)
            .WithSummary("更正学生银行卡（原卡保留用于查询已发放记录；发放失败的记录可按新卡重新发放）")
            .Produces<BankCardView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<BankCardView> HandleAsync(Guid cardId, BankCardInput input, CancellationToken ct)
    {
        db.Actor.Demand(FundsAccess.ManageCards);
        var old = await db.Set<BankCard>().FirstOrDefaultAsync(c => c.Id == cardId, ct) ?? throw AppException.NotFound("银行卡");
        db.Actor.Demand(FundsAccess.ManageCards, old.ScopePath);
        if (!old.IsCurrent)
        {
            throw AppException.Conflict("这张卡已被更正过，请在学生当前的银行卡上更正");
        }

        var (student, card) = await RecordBankCard.PrepareAsync(db, students, protector, clock, old.StudentId, input, old.Id, ct);
        if (card.NumberKey == old.NumberKey && card.HolderName == old.HolderName && card.BankName == old.BankName && card.Kind == old.Kind)
        {
            throw AppException.Invalid("number", "新卡信息与原卡完全相同，无需更正");
        }

        // The old card leaves the "one current card" index before the new one enters it: two saves in one transaction.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        old.Retire();
        await RecordBankCard.SaveAsync(db, ct);
        db.Add(card);
        db.Record(FundsAuditActions.CardCorrected, card.Id.ToString(), card.ScopePath,
            new { card = old.Id, kind = old.Kind, number = old.NumberMasked, holder = old.HolderName, bank = old.BankName },
            new { card = card.Id, student = student.Name, kind = card.Kind, number = card.NumberMasked, holder = card.HolderName, bank = card.BankName }, clock);
        await RecordBankCard.SaveAsync(db, ct);
        await tx.CommitAsync(ct);
        return PaymentRows.ToView(card);
    }
}
