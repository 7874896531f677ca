using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;
using TechSchoolAid.Modules.Organizations.Domain;

namespace TechSchoolAid.Web.Tests;

/// <summary>Money records a closing test needs, written through the shared entities' constructors (the payments area builds them in production).</summary>
internal static class FundsClosingData
{
    private static int _reference;

    /// <summary>How far a line's batch got: built only, exported to the bank, or reconciled with the line paid.</summary>
    public enum Stage
    {
        Built,
        Exported,
        Paid,
    }

    /// <summary>A batch of one grant line for the student over the period; answers the batch's and the line's ids.</summary>
    public static async Task<(Guid Batch, Guid Line)> LineAsync(TestApp app, string school, Guid student, DateOnly start, DateOnly end, long amountFen, Stage stage)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("test-closing");
        var db = scope.ServiceProvider.GetRequiredService<TsaDbContext>();
        var org = await db.Set<Organization>().FirstAsync(o => o.Code == school);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var card = await db.Set<BankCard>().FirstOrDefaultAsync(c => c.StudentId == student && c.IsCurrent);
        if (card is null)
        {
            card = new BankCard(Guid.NewGuid(), student, org.Id, org.ScopePath, CardKind.AidBankCard, [1, 2, 3], "**** **** 1234", Guid.NewGuid().ToString("N"),
                "测试学生", "中国工商银行", "test", now);
            db.Add(card);
        }

        var term = new AidTerm(start.Month >= 9 ? start.Year : start.Year - 1, start.Month >= 9 ? Semester.Autumn : Semester.Spring);
        var batch = new PaymentBatch(Guid.NewGuid(), org.Id, org.Code, org.Name, org.ScopePath, AidItem.Grant, term, start, end, $"{start.Year}年{start.Month}月",
            start.AddDays(9), isRepayment: true, "test", now);
        var reference = $"T{Interlocked.Increment(ref _reference):000000}{Guid.NewGuid().ToString("N")[..8]}";
        var line = new PaymentLine(Guid.NewGuid(), batch, student, Guid.NewGuid(), card.Id, reference, "测试学生", card.NumberMasked, "测试学生", amountFen,
            "在籍；审批：city-4401 2026-09-20", null);
        batch.SetLines(1, amountFen);
        if (stage != Stage.Built)
        {
            batch.MarkExported("test", now);
        }

        if (stage == Stage.Paid)
        {
            line.Settle(true, null, start.AddDays(10));
            batch.Reconcile(1, amountFen, 0, 0, "test", now);
        }

        db.AddRange(batch, line);
        await db.SaveChangesAsync();
        return (batch.Id, line.Id);
    }

    /// <summary>An allocation of the year from the school's supervisor to the school.</summary>
    public static async Task AllocationAsync(TestApp app, string school, int year, long amountFen)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("test-closing");
        var db = scope.ServiceProvider.GetRequiredService<TsaDbContext>();
        var org = await db.Set<Organization>().FirstAsync(o => o.Code == school);
        var parentPath = ScopePaths.ParentOf(org.ScopePath);
        var parent = await db.Set<Organization>().FirstAsync(o => o.ScopePath == parentPath);
        db.Add(new Allocation(Guid.NewGuid(), year, AidItem.Grant, FundsSource.Central, parent.Id, parent.ScopePath, org.Id, org.Name, org.ScopePath, amountFen,
            $"测试财教〔{year}〕1号", new DateOnly(year, 3, 1), null, "test", app.Clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync();
    }

    public static async Task<T> ReadAsync<T>(TestApp app, Func<TsaDbContext, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("test-closing");
        return await read(scope.ServiceProvider.GetRequiredService<TsaDbContext>());
    }
}

/// <summary>Records of the closing area that the authorization matrix needs in a school, made directly.</summary>
internal static class FundsClosingRecords
{
    private static int _term = 1000;

    public static async Task<Guid> RecoveryAsync(TestApp app, string school)
    {
        var student = await app.SeededStudentOf(school);
        var (_, lineId) = await FundsClosingData.LineAsync(app, school, student, new(2026, 9, 1), new(2026, 9, 30), 30_000, FundsClosingData.Stage.Paid);
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("test-closing");
        var db = scope.ServiceProvider.GetRequiredService<TsaDbContext>();
        var line = await db.Set<PaymentLine>().FirstAsync(l => l.Id == lineId);
        var recovery = new PaymentRecovery(Guid.NewGuid(), line, "2026年9月", 10_000, new DateOnly(2026, 9, 20), "退学（2026-09-20）", "test", app.Clock.GetUtcNow().UtcDateTime);
        db.Add(recovery);
        await db.SaveChangesAsync();
        return recovery.Id;
    }

    public static async Task<Guid> CompensationAsync(TestApp app, string school)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("test-closing");
        var db = scope.ServiceProvider.GetRequiredService<TsaDbContext>();
        var org = await db.Set<Organization>().FirstAsync(o => o.Code == school);
        var compensation = new WaiverCompensation(Guid.NewGuid(), org.Id, org.Name, org.ScopePath, new AidTerm(Interlocked.Increment(ref _term), Semester.Autumn), 3, 600_000,
            new DateOnly(2026, 10, 10), "test", app.Clock.GetUtcNow().UtcDateTime);
        db.Add(compensation);
        await db.SaveChangesAsync();
        return compensation.Id;
    }

    public static async Task<Guid> VoucherAsync(TestApp app, string school)
    {
        var student = await app.SeededStudentOf(school);
        var (batchId, _) = await FundsClosingData.LineAsync(app, school, student, new(2026, 4, 1), new(2026, 4, 30), 30_000, FundsClosingData.Stage.Paid);
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("test-closing");
        var db = scope.ServiceProvider.GetRequiredService<TsaDbContext>();
        var batch = await db.Set<PaymentBatch>().FirstAsync(b => b.Id == batchId);
        var content = "%PDF-1.4\n%%EOF\n"u8.ToArray();
        var voucher = new FundsVoucher(Guid.NewGuid(), batchId, null, batch.SchoolId, batch.ScopePath, batch.FiscalYear, VoucherKind.BankReceipt, "回单.pdf", "application/pdf",
            content, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), null, "test", app.Clock.GetUtcNow().UtcDateTime);
        db.Add(voucher);
        await db.SaveChangesAsync();
        return voucher.Id;
    }

    /// <summary>Draws up balancing accounts of nothing (a year without money) and closes the year, as the user.</summary>
    public static async Task CloseAsync(TestApp app, string userName, string orgCode, int year)
    {
        using var client = await app.ClientFor(userName);
        using var drawn = await client.PostAsJsonAsync($"/api/v1/funds/accounts/{orgCode}/{year}/draw-up", new { receivedFen = 0, paidFen = 0, returnedFen = 0, balanceFen = 0 });
        await Api.ReadJson(drawn, System.Net.HttpStatusCode.OK);
        using var closed = await client.PostAsync($"/api/v1/funds/accounts/{orgCode}/{year}/close", null);
        await Api.ReadJson(closed, System.Net.HttpStatusCode.OK);
    }
}
