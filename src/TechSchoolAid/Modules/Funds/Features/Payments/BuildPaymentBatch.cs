using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Funds.Features.Payments;

public sealed class PaymentBatchInput
{
    /// <summary>The paying school; the caller's own school when omitted.</summary>
    public string? SchoolCode { get; set; }

    /// <summary>Only the grant is paid to students (the waiver is compensation to the school).</summary>
    public AidItem? Item { get; set; }

    /// <summary>The payment date; the province's pay day of the current month when omitted. The period is the month or term it falls in.</summary>
    public DateOnly? PaymentDate { get; set; }

    /// <summary>True: only show who would be paid and who left out, write nothing.</summary>
    public bool Preview { get; set; }
}

/// <summary>What a build did (or, previewed, would do): the batch, the number paid and the students left out with the reason.</summary>
public sealed record PaymentBuildResult(PaymentBatchRow? Batch, string PeriodLabel, DateOnly PaymentDate, int Included, long TotalFen, IReadOnlyList<ExcludedStudent> Excluded);

/// <summary>
/// The school builds the grant batch of a period (STA-5, FND-1): the approved lines of the term, for the students who are
/// 在籍 on the payment date, whose approval stands, who have a card and who were not paid for the period yet; each line
/// carries its basis. Everyone else is listed with the reason. One regular batch per school and period (a unique index):
/// a second build, also a concurrent one, is a 409, and the lines' own index pays nobody twice.
/// </summary>
public sealed class BuildPaymentBatch(TsaDbContext db, SchoolDirectory schools, IPayableAidLines aidLines, IStudentStatusFacts students, FundsYearGuard years,
    TimeProvider clock)
{
    /// <summary>How many of the students left out a batch keeps with it (all are counted).</summary>
    public const int KeptExclusions = 5_000;

    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/payment-batches", async (PaymentBatchInput input, BuildPaymentBatch build, CancellationToken ct) =>
        {
            var result = await build.HandleAsync(input, ct);
            return result.Batch is { } b ? Results.Created($"/api/v1/funds/payment-batches/{b.Id}", result) : Results.Ok(result);
        }).RequireAccess(FundsAccess.Pay)
            .WithSummary("生成某期国家助学金发放批次（只含发放日学籍在籍、资助未撤销、已登记银行卡且本期未发放的学生；列出未纳入的学生及原因；preview=true 只预览不生成）")
            .Produces<PaymentBuildResult>(201).Produces<PaymentBuildResult>(200).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<PaymentBuildResult> HandleAsync(PaymentBatchInput input, CancellationToken ct)
    {
        db.Actor.Demand(FundsAccess.Pay);
        if (input.Item is { } item && (!Enum.IsDefined(item) || item != AidItem.Grant))
        {
            throw AppException.Invalid("item", Enum.IsDefined(item)
                ? "免学费不发放到学生银行卡：由学校的主管部门按学期拨付学校，请登记免学费补助资金"
                : "资助项目不是有效的选项");
        }

        var school = await schools.ForWriteAsync(input.SchoolCode is { Length: > 0 } code ? code : db.Actor.OrganizationCode, ct);
        db.Actor.Demand(FundsAccess.Pay, school.ScopePath);
        var today = clock.Today();
        var province = PaymentRows.ProvinceOf(school.ScopePath);
        var date = input.PaymentDate ?? (await PaymentRows.RuleOnAsync(db, province, today, ct)).PayDateIn(today);
        if (date < today.AddYears(-1) || date > today.AddDays(31))
        {
            throw AppException.Invalid("paymentDate", "发放日期应在一年前至 31 天后之间");
        }

        var rule = await PaymentRows.RuleOnAsync(db, province, date, ct);
        var (period, problem) = rule.PeriodOf(date);
        if (period is null)
        {
            throw AppException.Invalid("paymentDate", problem!);
        }

        if (!input.Preview)
        {
            await years.EnsureOpenAsync(school.ScopePath, date.Year, ct);
            var existing = await db.Set<PaymentBatch>().AsNoTracking()
                .Where(b => b.SchoolId == school.Id && b.Item == AidItem.Grant && b.PeriodStart == period.Start && !b.IsRepayment).Select(b => new { b.State }).FirstOrDefaultAsync(ct);
            if (existing is not null)
            {
                throw AppException.Conflict($"发放期间（paymentDate）：本校{period.Label}的国家助学金已生成发放批次（{existing.State.ToChinese()}），同一期间不能重复发放");
            }
        }

        var (included, excluded) = await CandidatesAsync(school.Id, period, date, ct);
        var total = included.Sum(c => c.AmountFen);
        if (input.Preview)
        {
            return new PaymentBuildResult(null, period.Label, date, included.Count, total, excluded);
        }

        if (included.Count == 0)
        {
            throw AppException.Invalid("paymentDate", $"{period.Label}没有符合发放条件的学生（未纳入 {excluded.Count.ToString(CultureInfo.InvariantCulture)} 人），未生成批次");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var batch = new PaymentBatch(Guid.CreateVersion7(), school.Id, school.Code, school.Name, school.ScopePath, AidItem.Grant, period.Term, period.Start,
            period.End, period.Label, date, false, db.Actor.UserName, now);
        batch.SetLines(included.Count, total);
        batch.SetExcluded(excluded.Count, JsonSerializer.Serialize(excluded.Take(KeptExclusions), PaymentRows.Json));
        var stamp = period.Start.ToString("yyyyMM", CultureInfo.InvariantCulture);
        var lines = included.Select((c, i) => new PaymentLine(Guid.CreateVersion7(), batch, c.StudentId, c.EntryId, c.CardId, $"{school.Code}{stamp}{(i + 1).ToString("D6", CultureInfo.InvariantCulture)}",
            c.StudentName, c.CardMasked, c.HolderName, c.AmountFen, c.Basis, null)).ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(batch);
        db.Record(FundsAuditActions.BatchBuilt, batch.Id.ToString(), batch.ScopePath, null, new
        {
            school = school.Code, period = period.Label, paymentDate = ChinaTime.Iso(date), rule = rule.Frequency, lines = lines.Count,
            totalYuan = PaymentRows.Yuan(total), excluded = excluded.Count,
        }, clock);
        try
        {
            await db.SaveChangesAsync(ct);
            await db.InsertManyAsync(lines, ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (IsDoublePayment(ex))
        {
            throw AppException.Conflict($"发放期间（paymentDate）：本校{period.Label}的国家助学金刚由他人生成发放批次，同一期间不能重复发放");
        }
        catch (Exception ex) when (ex is not AppException && IsDoublePayment(ex))
        {
            throw AppException.Conflict($"发放期间（paymentDate）：本校{period.Label}的部分学生已在其他批次发放，同一期间不能重复发放");
        }

        return new PaymentBuildResult(PaymentRows.ToRow(batch), period.Label, date, lines.Count, total, excluded);
    }

    private static bool IsDoublePayment(Exception ex) =>
        UniqueIndex.IsViolation(ex, "ux_funds_payment_batches_period", "funds_payment_batches.SchoolId")
        || UniqueIndex.IsViolation(ex, "ux_funds_payment_lines_once_per_period", "funds_payment_lines.AidEntryId");

    internal sealed record Candidate(Guid EntryId, Guid StudentId, string StudentName, Guid CardId, string CardMasked, string HolderName, long AmountFen, string Basis);

    /// <summary>
    /// Every approved line of the school's term with the student's status, the current card and whether the line was paid
    /// for an overlapping period (or is waiting for the bank, or failed and waits to be paid again through the failed
    /// queue), in one query; then who is paid and who left out (and why), on the payment date.
    /// </summary>
    internal async Task<(List<Candidate> Included, List<ExcludedStudent> Excluded)> CandidatesAsync(int schoolId, PaymentPeriod period, DateOnly date, CancellationToken ct)
    {
        var cards = db.Set<BankCard>().AsNoTracking().Where(c => c.IsCurrent);
        var paid = db.Set<PaymentLine>().AsNoTracking()
            .Where(p => (p.State == PaymentLineState.Pending || p.State == PaymentLineState.Paid || p.State == PaymentLineState.Failed)
                        && p.PeriodStart <= period.End && p.PeriodEnd >= period.Start);
        var rows = await (
            from l in aidLines.Query(AidItem.Grant, period.Term).Where(l => l.SchoolId == schoolId)
            join s in students.Query() on l.StudentId equals s.Id
            join c in cards on l.StudentId equals c.StudentId into cj
            from c in cj.DefaultIfEmpty()
            select new
            {
                l.EntryId, l.StudentId, l.StudentName, l.AmountFen, l.Revoked, l.RevokedAtUtc, l.RevokedReason, l.ReviewedBy, l.ReviewedAtUtc,
                s.RegistrationApproved, s.Status, s.StatusSince,
                CardId = c == null ? (Guid?)null : c.Id, CardMasked = c == null ? null : c.NumberMasked, HolderName = c == null ? null : c.HolderName,
                // A line of an entry is always the entry's student's: matching the student too lets the database probe the
                // (StudentId, PeriodStart) index per line instead of planning a scan of every line of the year (measured in
                // bench/TechSchoolAid.Bench/PaymentsBench.cs, docs/benchmarks.md "Payments").
                AlreadyPaid = paid.Any(p => p.StudentId == l.StudentId && p.AidEntryId == l.EntryId),
            }).ToListAsync(ct);
        var included = new List<Candidate>(rows.Count);
        var excluded = new List<ExcludedStudent>();
        var term = period.Term.ToString();
        foreach (var r in rows.OrderBy(r => r.StudentName, StringComparer.Ordinal).ThenBy(r => r.StudentId))
        {
            var notActive = StudentStatusOnDate.NotActiveReason(r.RegistrationApproved, r.Status, r.StatusSince, date);
            var reason = r.Revoked && (r.RevokedAtUtc is null || DateOnly.FromDateTime(r.RevokedAtUtc.Value) <= date)
                    ? $"资助资格已撤销（{ChinaTime.Format(r.RevokedAtUtc)}：{r.RevokedReason}）"
                : notActive is not null ? $"发放日 {ChinaTime.Iso(date)} 学籍不在籍：{notActive}"
                : r.AlreadyPaid ? $"{period.Label}已发放（或在待银行回盘的批次中、发放失败待重新发放）"
                : r.CardId is null ? "未登记银行卡（社会保障卡或资助卡）"
                : null;
            if (reason is not null)
            {
                excluded.Add(new ExcludedStudent(r.StudentId, r.StudentName, reason));
                continue;
            }

            included.Add(new Candidate(r.EntryId, r.StudentId, r.StudentName, r.CardId!.Value, r.CardMasked!, r.HolderName!, PaymentRule.ShareOf(r.AmountFen, period),
                PaymentRows.Basis(date, term, r.ReviewedBy, r.ReviewedAtUtc)));
        }

        return (included, excluded);
    }
}
