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

public sealed class RepaymentInput
{
    public string? SchoolCode { get; set; }

    /// <summary>Today when omitted.</summary>
    public DateOnly? PaymentDate { get; set; }
}

/// <summary>
/// A repayment batch: the school pays again the failed lines whose card was corrected since, to the new card, for the same
/// period and amount, when the student is still 在籍 on the new payment date and the approval still stands. Each failed line
/// becomes 已重新发放 and names the new line (<see cref="PaymentLine.RepaysLineId"/>). The failed lines' versions make two
/// concurrent repayments one batch and a 409.
/// </summary>
public sealed class BuildRepayment(TsaDbContext db, SchoolDirectory schools, IPayableAidLines aidLines, IStudentStatusFacts students, FundsYearGuard years,
    TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/payment-batches/repayments", async (RepaymentInput input, BuildRepayment build, CancellationToken ct) =>
        {
            var result = await build.HandleAsync(input, ct);
            return Results.Created($"/api/v1/funds/payment-batches/{result.Batch!.Id}", result);
        }).RequireAccess(FundsAccess.Pay)
            .WithSummary("对银行卡已更正的发放失败记录生成重新发放批次（发放日须仍在籍、资助未撤销）")
            .Produces<PaymentBuildResult>(201).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<PaymentBuildResult> HandleAsync(RepaymentInput input, CancellationToken ct)
    {
        db.Actor.Demand(FundsAccess.Pay);
        var school = await schools.ForWriteAsync(input.SchoolCode is { Length: > 0 } code ? code : db.Actor.OrganizationCode, ct);
        db.Actor.Demand(FundsAccess.Pay, school.ScopePath);
        var today = clock.Today();
        var date = input.PaymentDate ?? today;
        if (date < today.AddDays(-31) || date > today.AddDays(31))
        {
            throw AppException.Invalid("paymentDate", "重新发放的日期应在 31 天前至 31 天后之间");
        }

        await years.EnsureOpenAsync(school.ScopePath, date.Year, ct);
        var failed = await db.Set<PaymentLine>().Where(l => l.SchoolId == school.Id && l.State == PaymentLineState.Failed).ToListAsync(ct);
        var studentIds = failed.Select(l => l.StudentId).Distinct().ToList();
        var cards = await db.Set<BankCard>().AsNoTracking().Where(c => c.IsCurrent && studentIds.Contains(c.StudentId)).ToDictionaryAsync(c => c.StudentId, ct);
        var status = await students.Query().Where(s => studentIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var entryIds = failed.Select(l => l.AidEntryId).Distinct().ToList();
        var approvals = new Dictionary<Guid, PayableAidLine>();
        foreach (var term in failed.Select(l => AidTerm.Of(l.PeriodStart)).Distinct())
        {
            foreach (var a in await aidLines.Query(AidItem.Grant, term).Where(a => entryIds.Contains(a.EntryId)).ToListAsync(ct))
            {
                approvals[a.EntryId] = a;
            }
        }

        var excluded = new List<ExcludedStudent>();
        var chosen = new List<(PaymentLine Failed, BankCard Card, PayableAidLine Approval)>();
        foreach (var l in failed.OrderBy(l => l.Reference, StringComparer.Ordinal))
        {
            var s = status.GetValueOrDefault(l.StudentId);
            var approval = approvals.GetValueOrDefault(l.AidEntryId);
            var notActive = s is null ? "学生不在本校" : StudentStatusOnDate.NotActiveReason(s.RegistrationApproved, s.Status, s.StatusSince, date);
            var reason = approval is null || approval.Revoked ? "资助资格已撤销"
                : notActive is not null ? $"发放日 {ChinaTime.Iso(date)} 学籍不在籍：{notActive}"
                : !cards.TryGetValue(l.StudentId, out var card) || card.Id == l.CardId ? $"银行卡尚未更正（银行失败原因：{l.BankReason}）"
                : null;
            if (reason is not null)
            {
                excluded.Add(new ExcludedStudent(l.StudentId, l.StudentName, reason));
                continue;
            }

            chosen.Add((l, cards[l.StudentId], approval!));
        }

        if (chosen.Count == 0)
        {
            throw AppException.Invalid("schoolCode", $"没有可以重新发放的记录：发放失败的 {failed.Count.ToString(CultureInfo.InvariantCulture)} 条中，银行卡已更正且仍符合条件的为 0 条");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var termOfDate = AidTerm.Of(date);
        var batch = new PaymentBatch(Guid.CreateVersion7(), school.Id, school.Code, school.Name, school.ScopePath, AidItem.Grant, termOfDate, date, date,
            $"{ChinaTime.Iso(date)} 重新发放", date, true, db.Actor.UserName, now);
        var stamp = batch.Id.ToString("N")[^10..];
        var lines = chosen.Select((c, i) => PaymentLine.Repayment(Guid.CreateVersion7(), batch, c.Failed, c.Card.Id, c.Card.NumberMasked, c.Card.HolderName,
            $"{school.Code}R{stamp}{(i + 1).ToString("D4", CultureInfo.InvariantCulture)}",
            RepaymentBasis(date, c.Failed, c.Approval))).ToList();
        batch.SetLines(lines.Count, lines.Sum(l => l.AmountFen));
        batch.SetExcluded(excluded.Count, JsonSerializer.Serialize(excluded, PaymentRows.Json));
        foreach (var c in chosen)
        {
            c.Failed.MarkRepaid();
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(batch);
        db.AddRange(lines);
        db.Record(FundsAuditActions.RepaymentBuilt, batch.Id.ToString(), batch.ScopePath, null, new
        {
            school = school.Code, paymentDate = ChinaTime.Iso(date), lines = lines.Count, totalYuan = PaymentRows.Yuan(batch.TotalFen),
            repays = chosen.Select(c => c.Failed.Reference).ToList(),
        }, clock);
        await PaymentRows.SaveAsync(db, "这些发放失败的记录刚由他人重新发放，请刷新后查看", ct);
        await tx.CommitAsync(ct);
        return new PaymentBuildResult(PaymentRows.ToRow(batch), batch.PeriodLabel, date, lines.Count, batch.TotalFen, excluded);
    }

    private static string RepaymentBasis(DateOnly date, PaymentLine failed, PayableAidLine approval)
    {
        var basis = PaymentRows.Basis(date, AidTerm.Of(failed.PeriodStart).ToString(), approval.ReviewedBy, approval.ReviewedAtUtc);
        var full = $"{basis}；重新发放 {failed.Reference}";
        return full.Length <= 300 ? full : basis;
    }
}
