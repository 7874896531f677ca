using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;
using TechSchoolAid.Modules.Funds.Features.Closing;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Funds.Seeding;

/// <summary>
/// The demo's vouchers on a batch, a back-dated status change to recover, and a past year whose final accounts balance and
/// which is closed — at the demo school 44010004 (市管, city 4401, province 44). 2025: the central grant passed down
/// ministry → province → city → school, a November batch paid to three students with its bank receipt and signed list, the
/// unspent rest paid back to the treasury, the school's accounts drawn up and its year closed (the city's and the
/// province's 2025 balance and are left for their finance owners to close). 2026: the student whose suspension was
/// approved after December's grant was paid is listed for recovery.
/// </summary>
internal static class ClosingDemoData
{
    private const string SchoolCode = "44010004";
    private const int PastYear = 2025;

    /// <summary>The demo's monthly grant: 2,300 元 a year paid over 10 months (the grant standard seeded in the aid policies).</summary>
    private const long MonthlyGrantFen = 23_000;

    public static async Task SeedAsync(IServiceProvider sp, TimeProvider clock, CancellationToken ct)
    {
        var accessor = sp.GetRequiredService<ActorAccessor>();
        var before = accessor.Actor;
        try
        {
            accessor.Actor = Actor.System("demo-funds-closing");
            var db = sp.GetRequiredService<TsaDbContext>();
            var school = await db.Organizations().FirstOrDefaultAsync(o => o.Code == SchoolCode, ct);
            if (school is null)
            {
                return;
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var students = await db.StudentRowsInScope().Where(s => s.SchoolId == school.Id && s.RegistrationApproved).OrderBy(s => s.Name).Take(40).ToListAsync(ct);
            var active = students.Where(s => s.Status == EnrolmentStatus.Active).Take(3).ToList();
            if (active.Count == 0)
            {
                return;
            }

            var cards = new Dictionary<Guid, BankCard>();
            foreach (var s in students)
            {
                var card = await db.Set<BankCard>().FirstOrDefaultAsync(c => c.StudentId == s.Id && c.IsCurrent, ct);
                if (card is null)
                {
                    var last4 = (Math.Abs(s.Id.GetHashCode()) % 10_000).ToString("0000", System.Globalization.CultureInfo.InvariantCulture);
                    card = new BankCard(Guid.CreateVersion7(), s.Id, school.Id, school.ScopePath, CardKind.AidBankCard, [0], $"**** **** **** {last4}",
                        Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()), s.Name, "中国工商银行广州分行", "demo", now);
                    db.Add(card);
                }

                cards[s.Id] = card;
            }

            // 2025: a paid November batch with its vouchers.
            var november = await PaidBatchAsync(db, school, active, cards, new DateOnly(PastYear, 11, 1), new DateOnly(PastYear, 11, 30), now, ct);
            AddVouchers(db, november, now, clock);

            // A batch of this year (the payments demo's, if any) carries a bank receipt too.
            var current = await db.Set<PaymentBatch>().Where(b => b.SchoolId == school.Id && b.FiscalYear == now.Year).OrderBy(b => b.PeriodStart).FirstOrDefaultAsync(ct);
            if (current is not null)
            {
                db.Add(Voucher(current, VoucherKind.BankReceipt, "银行代发回单.pdf", DemoPdf, "银行代发业务回单", now));
            }

            // The grant of 2025 down the chain, the rest returned to the treasury, the school's accounts drawn up and closed.
            await db.SaveChangesAsync(ct);
            await PastYearAsync(sp, db, school, november.TotalFen, now, clock, ct);

            // 2026: the December grant was paid before a back-dated suspension was approved: listed for recovery.
            if (students.FirstOrDefault(s => s.Status is EnrolmentStatus.Suspended or EnrolmentStatus.Withdrawn && s.StatusSince is not null) is { } stopped)
            {
                var since = stopped.StatusSince!.Value;
                var month = new DateOnly(since.Year, since.Month, 1).AddMonths(1);
                if (!await db.Set<PaymentBatch>().AnyAsync(b => b.SchoolId == school.Id && b.Item == AidItem.Grant && b.PeriodStart == month && !b.IsRepayment, ct))
                {
                    await PaidBatchAsync(db, school, [stopped], cards, month, month.AddMonths(1).AddDays(-1), now, ct);
                    await db.SaveChangesAsync(ct);
                    await sp.GetRequiredService<IPaymentStops>().StopAfterAsync(stopped.Id, since, $"休学（{since:yyyy-MM-dd}）", ct);
                    await db.SaveChangesAsync(ct);
                }
            }
        }
        finally
        {
            accessor.Actor = before;
        }
    }

    private static async Task<PaymentBatch> PaidBatchAsync(TsaDbContext db, OrgRow school, List<StudentRow> students, Dictionary<Guid, BankCard> cards,
        DateOnly start, DateOnly end, DateTime now, CancellationToken ct)
    {
        var term = new AidTerm(start.Month >= 9 ? start.Year : start.Year - 1, start.Month >= 9 ? Semester.Autumn : Semester.Spring);
        var paymentDate = start.AddDays(9);
        var batch = new PaymentBatch(Guid.CreateVersion7(), school.Id, school.Code, school.Name, school.ScopePath, AidItem.Grant, term, start, end,
            $"{start.Year}年{start.Month}月", paymentDate, isRepayment: false, "demo", now);
        var n = await db.Set<PaymentLine>().CountAsync(ct);
        foreach (var s in students)
        {
            var card = cards[s.Id];
            var line = new PaymentLine(Guid.CreateVersion7(), batch, s.Id, Guid.CreateVersion7(), card.Id, $"D{start:yyyyMM}{school.Code}{++n:00000}", s.Name, card.NumberMasked,
                card.HolderName, MonthlyGrantFen, $"{paymentDate:yyyy-MM-dd} 在籍（全日制、学籍已审核）；国家助学金 {term} 审核通过（演示数据）", null);
            line.Settle(true, null, paymentDate.AddDays(2));
            db.Add(line);
        }

        batch.SetLines(students.Count, students.Count * MonthlyGrantFen);
        batch.MarkExported("demo", now);
        batch.Reconcile(students.Count, students.Count * MonthlyGrantFen, 0, 0, "demo", now);
        db.Add(batch);
        return batch;
    }

    private static async Task PastYearAsync(IServiceProvider sp, TsaDbContext db, OrgRow school, long paidFen, DateTime now, TimeProvider clock, CancellationToken ct)
    {
        var cityPath = ScopePaths.ParentOf(school.ScopePath);
        var provincePath = ScopePaths.ParentOf(cityPath);
        var orgs = await db.Organizations().Where(o => o.ScopePath == "/" || o.ScopePath == provincePath || o.ScopePath == cityPath).ToListAsync(ct);
        var ministry = orgs.Single(o => o.ScopePath == "/");
        var province = orgs.Single(o => o.ScopePath == provincePath);
        var city = orgs.Single(o => o.ScopePath == cityPath);
        const long Returned = 11_000;
        var amount = paidFen + Returned;
        var central = new Allocation(Guid.CreateVersion7(), PastYear, AidItem.Grant, FundsSource.Central, ministry.Id, ministry.ScopePath, province.Id, province.Name,
            province.ScopePath, amount, "财教〔2025〕演示1号", new DateOnly(PastYear, 3, 20), null, "demo", now);
        var toCity = new Allocation(Guid.CreateVersion7(), PastYear, AidItem.Grant, FundsSource.Central, province.Id, province.ScopePath, city.Id, city.Name,
            city.ScopePath, amount, "粤财教〔2025〕演示2号", new DateOnly(PastYear, 4, 10), central.Id, "demo", now);
        var toSchool = new Allocation(Guid.CreateVersion7(), PastYear, AidItem.Grant, FundsSource.Central, city.Id, city.ScopePath, school.Id, school.Name,
            school.ScopePath, amount, "穗财教〔2025〕演示3号", new DateOnly(PastYear, 5, 6), toCity.Id, "demo", now);
        db.AddRange(central, toCity, toSchool);
        db.Add(new FundsRefund(Guid.CreateVersion7(), school.Id, school.ScopePath, PastYear, RefundTarget.Treasury, Returned, new DateOnly(PastYear, 12, 15),
            "非税收入缴款书 4401-2025-0001", "学生转学后剩余的助学金缴回国库（演示数据）", "demo", now));
        await db.SaveChangesAsync(ct);

        var computed = await sp.GetRequiredService<FinalAccountsCalculator>().ForAsync(school, PastYear, ct);
        if (FinalAccountsCalculator.Mismatches(computed, computed.Figures).Count > 0)
        {
            return; // the payments demo left 2025 lines waiting for the bank: the year stays open
        }

        var f = computed.Figures;
        var account = new FinalAccount(Guid.CreateVersion7(), school.Id, school.Name, school.ScopePath, PastYear);
        account.DrawUp((f.ReceivedFen, f.PaidFen, f.ReturnedFen, f.BalanceFen), (f.ReceivedFen, f.PaidFen, f.ReturnedFen, f.BalanceFen), "演示数据", $"school-{school.Code}-finance", now);
        var year = new FundsYear(Guid.CreateVersion7(), school.Id, school.ScopePath, PastYear);
        year.Close($"school-{school.Code}-finance", now);
        db.AddRange(account, year);
        db.Record(FundsAuditActions.YearClosed, year.Id.ToString(), school.ScopePath, null, new { fiscalYear = PastYear, figures = f, demo = true }, clock);
        await db.SaveChangesAsync(ct);
    }

    private static void AddVouchers(TsaDbContext db, PaymentBatch batch, DateTime now, TimeProvider clock)
    {
        db.Add(Voucher(batch, VoucherKind.BankReceipt, "银行代发回单.pdf", DemoPdf, "中国工商银行代发业务回单", now));
        db.Add(Voucher(batch, VoucherKind.SignedList, "助学金签领名单.png", DemoPng, "学生签领名单扫描件", now));
        db.Record(FundsAuditActions.VoucherAdded, batch.Id.ToString(), batch.ScopePath, null, new { demo = true, files = 2 }, clock);
    }

    private static FundsVoucher Voucher(PaymentBatch batch, VoucherKind kind, string name, byte[] content, string note, DateTime now) =>
        new(Guid.CreateVersion7(), batch.Id, null, batch.SchoolId, batch.ScopePath, batch.FiscalYear, kind, name,
            name.EndsWith(".pdf", StringComparison.Ordinal) ? "application/pdf" : "image/png", content,
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), note, "demo", now);

    private static readonly byte[] DemoPdf = System.Text.Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
        "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    // A 1×1 white PNG.
    private static readonly byte[] DemoPng = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==");
}
