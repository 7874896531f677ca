using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;

namespace TechSchoolAid.Modules.Funds.Features.Payments;

/// <summary>Card numbers: normalised, Luhn-checked, masked and indexed the one way (STA-5).</summary>
public static class CardNumbers
{
    /// <summary>The digits of <paramref name="raw"/> without spaces or dashes, or the Chinese reason it is not a card number.</summary>
    public static (string? Number, string? Problem) Normalize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return (null, "请填写卡号");
        }

        var digits = new StringBuilder(raw.Length);
        foreach (var c in raw.Trim())
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            if (c is < '0' or > '9')
            {
                return (null, "卡号只能由数字组成");
            }

            digits.Append(c);
        }

        var number = digits.ToString();
        if (number.Length is < 13 or > 19)
        {
            return (null, $"卡号应为 13 至 19 位数字（现为 {number.Length.ToString(CultureInfo.InvariantCulture)} 位）");
        }

        return LuhnValid(number) ? (number, null) : (null, "卡号校验位不正确（Luhn 校验未通过），请核对后重新输入");
    }

    /// <summary>The Luhn (mod 10) check every bank card number passes (ISO/IEC 7812-1).</summary>
    public static bool LuhnValid(string digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    /// <summary>Only the last four digits shown.</summary>
    public static string Mask(string number) => "**** **** **** " + number[^4..];

    public static string Key(PersonalDataProtector protector, string number) => protector.BlindIndexes("card:" + number)[0];

    public static IReadOnlyList<string> Keys(PersonalDataProtector protector, string number) => protector.BlindIndexes("card:" + number);
}

/// <summary>Reads and shapes shared by the payment use cases.</summary>
public static class PaymentRows
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static PaymentBatchRow ToRow(PaymentBatch b) => new(b.Id, b.SchoolCode, b.SchoolName, b.Item, AidTerm.ItemText(b.Item), b.Term.ToString(),
        b.PeriodLabel, b.PeriodStart, b.PeriodEnd, b.PaymentDate, b.IsRepayment, b.State, b.State.ToChinese(), b.LineCount, b.TotalFen, b.PaidCount,
        b.PaidFen, b.FailedCount, b.FailedFen, b.ExcludedCount, b.BuiltBy, b.BuiltAtUtc, b.ExportedBy, b.ExportedAtUtc, b.ReturnImportedBy,
        b.ReturnImportedAtUtc);

    public static BankCardView ToView(BankCard c) => new(c.Id, c.StudentId, c.Kind, c.Kind.ToChinese(), c.NumberMasked, c.HolderName, c.BankName, c.IsCurrent,
        c.RecordedBy, c.RecordedAtUtc);

    public static IQueryable<PaymentLineRow> LineRows(IQueryable<PaymentLine> lines, IQueryable<PaymentBatch> batches) =>
        from l in lines
        join b in batches on l.BatchId equals b.Id
        select new PaymentLineRow(l.Id, l.BatchId, l.StudentId, l.StudentName, l.Reference, l.CardMasked, l.HolderName, l.AmountFen, b.PeriodLabel,
            l.PeriodStart, l.State, "", l.BankReason, l.SettledOn, l.Basis, l.RepaysLineId);

    public static PaymentLineRow WithStateText(PaymentLineRow r) => r with { StateText = r.State.ToChinese() };

    /// <summary>A batch in the caller's scope (404 otherwise), tracked.</summary>
    public static async Task<PaymentBatch> BatchAsync(TsaDbContext db, Guid id, CancellationToken ct) =>
        await db.Set<PaymentBatch>().FirstOrDefaultAsync(b => b.Id == id, ct) ?? throw AppException.NotFound("发放批次");

    public static IReadOnlyList<ExcludedStudent> Excluded(PaymentBatch b) =>
        JsonSerializer.Deserialize<List<ExcludedStudent>>(b.ExcludedJson, Json) ?? [];

    /// <summary>The province's rule on <paramref name="date"/> (the latest that started on or before it), or the default.</summary>
    public static async Task<PaymentRule> RuleOnAsync(TsaDbContext db, string provinceCode, DateOnly date, CancellationToken ct) =>
        await db.Set<PaymentRule>().AsNoTracking().Where(r => r.ProvinceCode == provinceCode && r.EffectiveFrom <= date)
            .OrderByDescending(r => r.EffectiveFrom).FirstOrDefaultAsync(ct) ?? PaymentRule.Default;

    public static string ProvinceOf(string scopePath) => scopePath.Split('/', StringSplitOptions.RemoveEmptyEntries)[0];

    public static string Yuan(long fen) => (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Why a payment is made to a student on a date (kept on the line, ≤ 300 characters).</summary>
    public static string Basis(DateOnly date, string term, string? reviewedBy, DateTime? reviewedAtUtc)
    {
        var basis = $"{ChinaTime.Iso(date)} 学籍在籍；{term}国家助学金审核通过（审核人 {reviewedBy ?? "—"}，{ChinaTime.Format(reviewedAtUtc)}），未撤销";
        return basis.Length > 300 ? basis[..300] : basis;
    }

    /// <summary>Saves, turning a lost race into a Chinese 409.</summary>
    public static async Task SaveAsync(TsaDbContext db, string conflict, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw AppException.Conflict(conflict);
        }
    }
}
