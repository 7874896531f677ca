using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Funds.Features.Closing;

/// <summary>Received, paid, returned and balance of a fiscal year, in fen.</summary>
public sealed record AccountFigures(long ReceivedFen, long PaidFen, long ReturnedFen, long BalanceFen)
{
    public static AccountFigures Of(long received, long paid, long returned) => new(received, paid, returned, received - paid - returned);

    public AccountFigures Plus(AccountFigures o) =>
        new(ReceivedFen + o.ReceivedFen, PaidFen + o.PaidFen, ReturnedFen + o.ReturnedFen, BalanceFen + o.BalanceFen);
}

/// <summary>One line of where a figure comes from ("收到上级下达资金", 1,200,000.00).</summary>
public sealed record AccountSource(string Figure, string Label, long AmountFen);

/// <summary>What the system's own records say for one organisation and year, with where each figure comes from.</summary>
public sealed record ComputedAccounts(AccountFigures Figures, List<AccountSource> Sources, int PendingLines, long PendingFen);

/// <summary>One province in the ministry's table: the province as a whole (every level in it), for one year.</summary>
public sealed record ProvinceAccounts(string ProvinceCode, string ProvinceName, AccountFigures Figures);

/// <summary>
/// The final accounts (决算, FND-2) computed from the money records, for one organisation or for every province at once.
/// <list type="bullet">
/// <item>A school received the allocations made to it and the waiver compensation paid to it; it paid the grant lines
/// the bank paid, and applied the compensation to the waived tuition; money recovered after a back-dated status change
/// (STA-5) comes back in the year it is recovered and reduces what was paid.</item>
/// <item>A city or a province received the allocations made to it; it paid what it passed on (its allocations to the
/// level below and the waiver compensation to the schools it supervises directly).</item>
/// <item>Every level returned what it entered as given back (to the level above or the treasury).</item>
/// <item>A province as a whole (the ministry's table) received the money entering it — allocations that do not pass
/// on another allocation (the central allocation, and the provincial and local shares where they start) — and paid
/// what reached students: paid grant lines, waiver compensation applied, less recoveries. The ministry's own accounts
/// are the sum of the provinces.</item>
/// </list>
/// The balance is received − paid − returned; it is never negative when the records are complete.
/// </summary>
public sealed class FinalAccountsCalculator(TsaDbContext db)
{
    public async Task<ComputedAccounts> ForAsync(OrgRow org, int year, CancellationToken ct)
    {
        if (org.Level == OrgLevel.Ministry)
        {
            var provinces = await ProvincesAsync(year, ct);
            var total = provinces.Aggregate(AccountFigures.Of(0, 0, 0), (a, p) => a.Plus(p.Figures));
            var (pendingCount, pendingFen) = await PendingAsync("/", year, ct);
            return new ComputedAccounts(total, [
                new("received", "各省收到的资金合计（中央下达及省、市县安排）", total.ReceivedFen),
                new("paid", "发放到学生的资金合计（助学金发放成功、免学费补助，扣除已追回）", total.PaidFen),
                new("returned", "各级退回上级或缴回国库的资金合计", total.ReturnedFen),
            ], pendingCount, pendingFen);
        }

        var allocations = db.Set<Allocation>().AsNoTracking().Where(a => a.FiscalYear == year && !a.IsCancelled);
        var received = await allocations.Where(a => a.ToOrganizationId == org.Id).SumAsync(a => (long?)a.AmountFen, ct) ?? 0;
        var returned = await db.Set<FundsRefund>().AsNoTracking().Where(r => r.OrganizationId == org.Id && r.FiscalYear == year)
            .SumAsync(r => (long?)r.AmountFen, ct) ?? 0;
        var sources = new List<AccountSource> { new("received", "收到上级下达的资金", received) };
        long paid;
        var pending = (0, 0L);
        if (org.Level == OrgLevel.School)
        {
            var compensation = await db.Set<WaiverCompensation>().AsNoTracking().Where(c => c.SchoolId == org.Id && c.FiscalYear == year)
                .SumAsync(c => (long?)c.AmountFen, ct) ?? 0;
            var lines = await db.Set<PaymentLine>().AsNoTracking()
                .Where(l => l.ScopePath == org.ScopePath && l.FiscalYear == year && l.State == PaymentLineState.Paid)
                .SumAsync(l => (long?)l.AmountFen, ct) ?? 0;
            var recovered = await db.Set<PaymentRecovery>().AsNoTracking()
                .Where(r => r.ScopePath == org.ScopePath && r.RecoveredFiscalYear == year).SumAsync(r => r.RecoveredFen, ct) ?? 0;
            received += compensation;
            paid = lines + compensation - recovered;
            sources.Add(new("received", "收到的免学费补助资金", compensation));
            sources.Add(new("paid", "助学金发放成功（银行回盘）", lines));
            sources.Add(new("paid", "免学费补助资金用于免除学费", compensation));
            sources.Add(new("paid", "减：异动后追回的资金", -recovered));
            pending = await PendingAsync(org.ScopePath, year, ct);
        }
        else
        {
            var passedOn = await allocations.Where(a => a.FromScopePath == org.ScopePath).SumAsync(a => (long?)a.AmountFen, ct) ?? 0;
            var below = await db.Set<WaiverCompensation>().AsNoTracking().Where(c => c.FiscalYear == year && c.ScopePath.StartsWith(org.ScopePath))
                .Select(c => new { c.ScopePath, c.AmountFen }).ToListAsync(ct);
            var compensation = below.Where(c => ScopePathsOf(c.ScopePath) == org.ScopePath).Sum(c => c.AmountFen);
            paid = passedOn + compensation;
            sources.Add(new("paid", "向下级分配下达的资金", passedOn));
            sources.Add(new("paid", "拨付直属学校的免学费补助资金", compensation));
        }

        sources.Add(new("returned", "退回上级或缴回国库", returned));
        return new ComputedAccounts(AccountFigures.Of(received, paid, returned), sources, pending.Item1, pending.Item2);
    }

    /// <summary>Every province as a whole, in one pass over each table (grouped by the province's segment of the path, "/44/…" → "44").</summary>
    public async Task<List<ProvinceAccounts>> ProvincesAsync(int year, CancellationToken ct)
    {
        var received = await db.Set<Allocation>().AsNoTracking()
            .Where(a => a.FiscalYear == year && !a.IsCancelled && a.ParentId == null && a.ScopePath.Length > 1)
            .GroupBy(a => a.ScopePath.Substring(1, 2)).Select(g => new { g.Key, Fen = g.Sum(a => a.AmountFen) }).ToDictionaryAsync(g => g.Key, g => g.Fen, ct);
        var lines = await db.Set<PaymentLine>().AsNoTracking()
            .Where(l => l.FiscalYear == year && l.State == PaymentLineState.Paid)
            .GroupBy(l => l.ScopePath.Substring(1, 2)).Select(g => new { g.Key, Fen = g.Sum(l => l.AmountFen) }).ToDictionaryAsync(g => g.Key, g => g.Fen, ct);
        var compensation = await db.Set<WaiverCompensation>().AsNoTracking().Where(c => c.FiscalYear == year)
            .GroupBy(c => c.ScopePath.Substring(1, 2)).Select(g => new { g.Key, Fen = g.Sum(c => c.AmountFen) }).ToDictionaryAsync(g => g.Key, g => g.Fen, ct);
        var recovered = await db.Set<PaymentRecovery>().AsNoTracking().Where(r => r.RecoveredFiscalYear == year)
            .GroupBy(r => r.ScopePath.Substring(1, 2)).Select(g => new { g.Key, Fen = g.Sum(r => r.RecoveredFen) ?? 0 }).ToDictionaryAsync(g => g.Key, g => g.Fen, ct);
        var returned = await db.Set<FundsRefund>().AsNoTracking().Where(r => r.FiscalYear == year && r.ScopePath.Length > 1)
            .GroupBy(r => r.ScopePath.Substring(1, 2)).Select(g => new { g.Key, Fen = g.Sum(r => r.AmountFen) }).ToDictionaryAsync(g => g.Key, g => g.Fen, ct);
        var provinces = await db.Organizations().Where(o => o.Level == OrgLevel.Province).OrderBy(o => o.Code).Select(o => new { o.Code, o.Name }).ToListAsync(ct);
        return provinces.Select(p => new ProvinceAccounts(p.Code, p.Name, AccountFigures.Of(
            received.GetValueOrDefault(p.Code),
            lines.GetValueOrDefault(p.Code) + compensation.GetValueOrDefault(p.Code) - recovered.GetValueOrDefault(p.Code),
            returned.GetValueOrDefault(p.Code)))).ToList();
    }

    /// <summary>
    /// Every mismatch, in Chinese: the rule received = paid + returned + balance on the declared figures, each declared
    /// figure against the records, a negative balance, and money whose result is still unknown (lines waiting for the bank).
    /// </summary>
    public static List<string> Mismatches(ComputedAccounts computed, AccountFigures? declared)
    {
        var found = new List<string>();
        var c = computed.Figures;
        if (c.BalanceFen < 0)
        {
            found.Add($"系统记录的支出与退回合计（{Yuan(c.PaidFen + c.ReturnedFen)} 元）超过收到的资金（{Yuan(c.ReceivedFen)} 元），差额 {Yuan(-c.BalanceFen)} 元：请核对是否有未登记的下达资金");
        }

        if (computed.PendingLines > 0)
        {
            found.Add($"尚有 {computed.PendingLines} 笔发放（{Yuan(computed.PendingFen)} 元）待银行回盘，结果未定，不能完成决算");
        }

        if (declared is null)
        {
            found.Add("尚未编制决算：请填报收到、支出、退回和结余金额");
            return found;
        }

        var sum = declared.PaidFen + declared.ReturnedFen + declared.BalanceFen;
        if (declared.ReceivedFen != sum)
        {
            found.Add($"填报的收到资金（{Yuan(declared.ReceivedFen)} 元）不等于支出 + 退回 + 结余（{Yuan(sum)} 元），相差 {Yuan(declared.ReceivedFen - sum)} 元");
        }

        Compare(found, "收到资金", declared.ReceivedFen, c.ReceivedFen);
        Compare(found, "支出", declared.PaidFen, c.PaidFen);
        Compare(found, "退回资金", declared.ReturnedFen, c.ReturnedFen);
        Compare(found, "结余", declared.BalanceFen, c.BalanceFen);
        return found;
    }

    public static string Yuan(long fen) => (fen / 100m).ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture);

    private static void Compare(List<string> found, string what, long declared, long computed)
    {
        if (declared != computed)
        {
            found.Add($"填报的{what}（{Yuan(declared)} 元）与系统记录（{Yuan(computed)} 元）不一致，相差 {Yuan(declared - computed)} 元");
        }
    }

    private static string ScopePathsOf(string path) => Kernel.ScopePaths.ParentOf(path);

    private async Task<(int, long)> PendingAsync(string scopePath, int year, CancellationToken ct)
    {
        var pending = await db.Set<PaymentLine>().AsNoTracking()
            .Where(l => l.FiscalYear == year && l.State == PaymentLineState.Pending && l.ScopePath.StartsWith(scopePath))
            .GroupBy(_ => 1).Select(g => new { Count = g.Count(), Fen = g.Sum(l => l.AmountFen) }).FirstOrDefaultAsync(ct);
        return pending is null ? (0, 0) : (pending.Count, pending.Fen);
    }
}
