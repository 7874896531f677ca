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

/// <summary>A card as entered; everything optional so the handler says in Chinese what is missing.</summary>
public sealed class BankCardInput
{
    public CardKind? Kind { get; set; }

    /// <summary>13–19 digits (spaces and dashes ignored), Luhn-checked.</summary>
    public string? Number { get; set; }

    /// <summary>Must be the student's name as registered.</summary>
    public string? HolderName { get; set; }

    public string? BankName { get; set; }
}

/// <summary>
/// The school records the card a student's grant is paid to (STA-5): the 社会保障卡's financial account or an aid bank
/// card. The number is checked (digits, length, Luhn), encrypted, masked to its last four digits and indexed; the holder
/// must be the student; one number belongs to one student.
/// </summary>
public sealed class RecordBankCard(TsaDbContext db, IStudentStatusFacts students, PersonalDataProtector protector, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/students/{studentId:guid}/card", async (Guid studentId, BankCardInput input, RecordBankCard record, CancellationToken ct) =>
        {
            var card = await record.HandleAsync(studentId, input, ct);
            return TypedResults.Created($"/api/v1/funds/students/{studentId}/payments", card);
        }).RequireAccess(FundsAccess.ManageCards)
            .WithSummary("登记学生领取助学金的社会保障卡（金融账户）或资助银行卡（卡号 Luhn 校验、加密保存、只显示后四位；持卡人须为学生本人）")
            .Produces<BankCardView>(201).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<BankCardView> HandleAsync(Guid studentId, BankCardInput input, CancellationToken ct)
    {
        var (student, card) = await PrepareAsync(db, students, protector, clock, studentId, input, null, ct);
        if (await db.Set<BankCard>().AnyAsync(c => c.StudentId == studentId && c.IsCurrent, ct))
        {
            throw AppException.Conflict($"{student.Name} 已登记银行卡；如需更换，请使用“更正银行卡”（原卡将保留，用于查询已发放的记录）");
        }

        db.Add(card);
        db.Record(FundsAuditActions.CardRecorded, card.Id.ToString(), card.ScopePath, null,
            new { student = student.Name, studentId, kind = card.Kind, number = card.NumberMasked, holder = card.HolderName, bank = card.BankName }, clock);
        await SaveAsync(db, ct);
        return PaymentRows.ToView(card);
    }

    /// <summary>Validates a card for a student of the actor's own school and builds it (not added).</summary>
    internal static async Task<(StudentStatusFact Student, BankCard Card)> PrepareAsync(TsaDbContext db, IStudentStatusFacts students,
        PersonalDataProtector protector, TimeProvider clock, Guid studentId, BankCardInput input, Guid? replacing, CancellationToken ct)
    {
        db.Actor.Demand(FundsAccess.ManageCards);
        var student = await students.Query().FirstOrDefaultAsync(s => s.Id == studentId, ct) ?? throw AppException.NotFound("学生");
        db.Actor.Demand(FundsAccess.ManageCards, student.ScopePath);
        var errors = new Dictionary<string, string[]>();
        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors["kind"] = ["请选择卡的种类（社会保障卡或资助银行卡）"];
        }

        var (number, numberProblem) = CardNumbers.Normalize(input.Number);
        if (numberProblem is not null)
        {
            errors["number"] = [numberProblem];
        }

        var holder = input.HolderName?.Trim() ?? "";
        if (holder.Length == 0)
        {
            errors["holderName"] = ["请填写持卡人姓名"];
        }
        else if (!string.Equals(holder, student.Name.Trim(), StringComparison.Ordinal))
        {
            errors["holderName"] = [$"持卡人姓名“{(holder.Length > 20 ? holder[..20] + "…" : holder)}”与学生姓名“{student.Name}”不一致：助学金只能发放到学生本人名下的卡"];
        }

        var bank = input.BankName?.Trim() ?? "";
        if (bank.Length == 0)
        {
            errors["bankName"] = ["请填写开户银行"];
        }
        else if (bank.Length > 100)
        {
            errors["bankName"] = ["开户银行不能超过 100 个字符"];
        }

        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors);
        }

        var keys = CardNumbers.Keys(protector, number!).ToArray();
        var holderOfNumber = await db.Set<BankCard>().AsNoTracking()
            .Where(c => keys.Contains(c.NumberKey) && c.IsCurrent && c.StudentId != studentId && c.Id != replacing).Select(c => c.StudentId).FirstOrDefaultAsync(ct);
        if (holderOfNumber != Guid.Empty)
        {
            throw AppException.Invalid("number", "该卡号已登记在本校另一名学生名下，一张卡只能属于一名学生，请核对");
        }

        var card = new BankCard(Guid.CreateVersion7(), student.Id, student.SchoolId, student.ScopePath, input.Kind!.Value, protector.Encrypt(number!),
            CardNumbers.Mask(number!), keys[0], holder, bank, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        return (student, card);
    }

    internal static async Task SaveAsync(TsaDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw AppException.Conflict("该学生的银行卡刚被他人修改，请刷新后重试");
        }
        catch (DbUpdateException ex) when (UniqueIndex.IsViolation(ex, "ux_funds_bank_cards_current", "funds_bank_cards.StudentId"))
        {
            throw AppException.Conflict("该学生的银行卡刚被他人登记，请刷新后重试");
        }
    }
}
