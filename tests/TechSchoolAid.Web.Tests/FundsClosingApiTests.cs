using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;

namespace TechSchoolAid.Web.Tests;

/// <summary>
/// Issue 10 items 4–6 over HTTP: a back-dated withdrawal stops the payments after it and lists the paid month for
/// recovery; vouchers checked by content; the yearly work file with its manifest; final accounts drawn up, refused
/// while they do not balance, closed (the year then read-only), reopened; the ministry's table.
/// </summary>
public sealed class FundsClosingApiTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

    private static MultipartFormDataContent Voucher(byte[] bytes, string fileName, string kind)
    {
        var form = Api.FileContent(bytes, fileName, "application/octet-stream");
        form.Add(new StringContent(kind), "kind");
        return form;
    }

    private static string FirstError(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    [Fact]
    public async Task BackDatedWithdrawal_StopsWaitingLines_ListsPaidDaysForRecovery_OnTheTodoPanels_AndTraces()
    {
        const string school = "44010007";
        var student = await StatusChangeApi.ActiveStudentAsync(app, school);
        var (_, september) = await FundsClosingData.LineAsync(app, school, student, new(2026, 9, 1), new(2026, 9, 30), 20_000, FundsClosingData.Stage.Paid);
        var (_, october) = await FundsClosingData.LineAsync(app, school, student, new(2026, 10, 1), new(2026, 10, 31), 31_000, FundsClosingData.Stage.Paid);
        var (_, november) = await FundsClosingData.LineAsync(app, school, student, new(2026, 11, 1), new(2026, 11, 30), 20_000, FundsClosingData.Stage.Built);

        using var admin = await app.ClientFor($"school-{school}");
        var change = (await StatusChangeApi.EnterAsync(admin, student, "Withdrawal", "2026-10-12")).GetProperty("id").GetGuid();
        await StatusChangeApi.AttachAsync(admin, change); // a withdrawal is approved only with its evidence
        await StatusChangeApi.PostAsync(admin, change, "submit");
        using (var city = await app.ClientFor(StatusChangeApi.SupervisorOf(school)))
        {
            await StatusChangeApi.PostAsync(city, change, "approve");
            var todo = await Api.ReadJson(await city.GetAsync("/api/v1/todo"), HttpStatusCode.OK);
            Assert.Contains(todo.EnumerateArray(), t => t.GetProperty("title").GetString() == "下级学校有应追回资金尚未追回");
        }

        var states = await FundsClosingData.ReadAsync(app, db => db.Set<PaymentLine>().Where(l => l.StudentId == student).ToDictionaryAsync(l => l.Id, l => l.State));
        Assert.Equal(PaymentLineState.Stopped, states[november]);
        Assert.Equal(PaymentLineState.Paid, states[october]);

        var list = await Api.ReadJson(await admin.GetAsync("/api/v1/funds/recoveries?open=true&pageSize=500"), HttpStatusCode.OK);
        var mine = list.GetProperty("items").EnumerateArray().Where(r => r.GetProperty("studentId").GetGuid() == student).ToList();
        var recovery = Assert.Single(mine);                                        // September ended before the change: nothing to recover
        Assert.Equal(october, recovery.GetProperty("lineId").GetGuid());
        Assert.Equal(31_000 * 19 / 31, recovery.GetProperty("amountFen").GetInt64()); // 13–31 October: 19 of 31 days
        Assert.Contains("退学", recovery.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var todoSchool = await Api.ReadJson(await admin.GetAsync("/api/v1/todo"), HttpStatusCode.OK);
        Assert.Contains(todoSchool.EnumerateArray(), t => t.GetProperty("title").GetString() == "应追回资金尚未追回");

        var id = recovery.GetProperty("id").GetGuid();
        using (var tooMuch = await admin.PostAsJsonAsync($"/api/v1/funds/recoveries/{id}/recovery", new { recoveredOn = "2026-10-14", amountFen = 31_001 }))
        {
            var problem = await Api.ReadJson(tooMuch, HttpStatusCode.BadRequest);
            Assert.Contains("不能超过该笔已发放金额", FirstError(problem, "amountFen"), StringComparison.Ordinal);
        }

        using (var negative = await admin.PostAsJsonAsync($"/api/v1/funds/recoveries/{id}/recovery", new { recoveredOn = "2026-10-14", amountFen = -5 }))
        {
            Assert.Contains("追回金额", FirstError(await Api.ReadJson(negative, HttpStatusCode.BadRequest), "amountFen"), StringComparison.Ordinal);
        }

        using (var controlChars = await admin.PostAsJsonAsync($"/api/v1/funds/recoveries/{id}/recovery", new { recoveredOn = "2026-10-14", amountFen = 100, note = "已退\u202E款" }))
        {
            await Api.ReadJson(controlChars, HttpStatusCode.BadRequest);
        }

        Assert.Null(await FundsClosingData.ReadAsync(app, db => db.Set<PaymentRecovery>().Where(r => r.Id == id).Select(r => r.RecoveredOn).FirstAsync()));

        using (var done = await admin.PostAsJsonAsync($"/api/v1/funds/recoveries/{id}/recovery", new { recoveredOn = "2026-10-14", amountFen = 31_000 * 19 / 31, note = "学生家长已退回" }))
        {
            var row = await Api.ReadJson(done, HttpStatusCode.OK);
            Assert.True(row.GetProperty("isRecovered").GetBoolean());
        }

        var trace = await Api.ReadJson(await admin.GetAsync($"/api/v1/funds/payment-lines/{october}/trace"), HttpStatusCode.OK);
        Assert.Contains("审批", trace.GetProperty("basis").GetString(), StringComparison.Ordinal);
        Assert.Equal("退学", trace.GetProperty("statusNow").GetString());
        Assert.True(trace.GetProperty("recovery").GetProperty("isRecovered").GetBoolean());
        Assert.NotEmpty(trace.GetProperty("statusHistory").EnumerateArray());
        Assert.Equal(september, (await Api.ReadJson(await admin.GetAsync($"/api/v1/funds/payment-lines/{september}/trace"), HttpStatusCode.OK)).GetProperty("lineId").GetGuid());
    }

    [Fact]
    public async Task Vouchers_CheckedByContent_HashedListedDownloaded_AndTheWorkFileCarriesThemWithTheManifest()
    {
        const string school = "44010004";
        var student = await app.SeededStudentOf(school);
        var (batch, _) = await FundsClosingData.LineAsync(app, school, student, new(2026, 3, 1), new(2026, 3, 31), 20_000, FundsClosingData.Stage.Paid);
        using var finance = await app.ClientFor($"school-{school}-finance");

        async Task<int> Count() => await FundsClosingData.ReadAsync(app, db => db.Set<FundsVoucher>().CountAsync(v => v.BatchId == batch));

        using (var pngNamedPdf = await finance.PostAsync($"/api/v1/funds/batches/{batch}/vouchers", Voucher(StatusChangeApi.Png, "银行回单.pdf", "BankReceipt")))
        {
            Assert.Contains("内容与扩展名不符", FirstError(await Api.ReadJson(pngNamedPdf, HttpStatusCode.BadRequest), "file"), StringComparison.Ordinal);
        }

        using (var exe = await finance.PostAsync($"/api/v1/funds/batches/{batch}/vouchers", Voucher([.. "MZ"u8, 0x90, 0, 3, 0], "签领名单.pdf", "SignedList")))
        {
            Assert.Contains("PDF、JPG 或 PNG", FirstError(await Api.ReadJson(exe, HttpStatusCode.BadRequest), "file"), StringComparison.Ordinal);
        }

        using (var undefinedKind = await finance.PostAsync($"/api/v1/funds/batches/{batch}/vouchers", Voucher(Pdf, "回单.pdf", "99")))
        {
            Assert.NotEmpty(FirstError(await Api.ReadJson(undefinedKind, HttpStatusCode.BadRequest), "kind"));
        }

        Assert.Equal(0, await Count());

        var added = await Api.ReadJson(await finance.PostAsync($"/api/v1/funds/batches/{batch}/vouchers", Voucher(Pdf, "银行回单.pdf", "BankReceipt")), HttpStatusCode.Created);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Pdf)), added.GetProperty("sha256").GetString());
        Assert.Equal(1, await Count());

        using (var download = await finance.GetAsync($"/api/v1/funds/vouchers/{added.GetProperty("id").GetGuid()}/file"))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").First());
            Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        }

        var listed = await Api.ReadJson(await finance.GetAsync($"/api/v1/funds/vouchers/{school}/2026"), HttpStatusCode.OK);
        var owner = listed.GetProperty("owners").EnumerateArray().Single(o => o.GetProperty("id").GetGuid() == batch);
        Assert.Equal("银行回单", owner.GetProperty("vouchers")[0].GetProperty("kindText").GetString());

        using var zipResponse = await finance.GetAsync($"/api/v1/funds/work-file/{school}/2026");
        Assert.Equal(HttpStatusCode.OK, zipResponse.StatusCode);
        Assert.Equal("application/zip", zipResponse.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await zipResponse.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var manifest = await ReadEntryAsync(zip, "清单.csv");
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(Pdf)), manifest, StringComparison.Ordinal);
        foreach (var entry in zip.Entries.Where(e => e.FullName != "清单.csv"))
        {
            await using var s = entry.Open();
            using var buffer = new MemoryStream();
            await s.CopyToAsync(buffer);
            Assert.Contains($"{entry.FullName},{Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()))},{buffer.Length}", manifest, StringComparison.Ordinal);
        }

        Assert.Contains(zip.Entries, e => e.FullName.StartsWith("发放名单/", StringComparison.Ordinal));
        Assert.Contains(zip.Entries, e => e.FullName == "资助认定与审批/资助审批名单.csv");
        Assert.Contains(zip.Entries, e => e.FullName.StartsWith("凭证/", StringComparison.Ordinal) && e.FullName.EndsWith(".pdf", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FinalAccounts_RefusedWhileTheyDoNotBalance_ClosedTheYearIsReadOnly_Reopened()
    {
        const string school = "44010010";
        const int year = 2024;
        var student = await app.SeededStudentOf(school);
        await FundsClosingData.AllocationAsync(app, school, year, 100_000);
        var (batch, _) = await FundsClosingData.LineAsync(app, school, student, new(2024, 10, 1), new(2024, 10, 31), 60_000, FundsClosingData.Stage.Paid);
        using var admin = await app.ClientFor($"school-{school}");
        var url = $"/api/v1/funds/accounts/{school}/{year}";

        var refund = await Api.ReadJson(await admin.PostAsJsonAsync($"{url}/returns", new { target = "Superior", amountFen = 10_000, returnedOn = "2024-12-20", documentNumber = "退款〔2024〕8号" }), HttpStatusCode.OK);
        Assert.Equal(new[] { 100_000L, 60_000, 10_000, 30_000 }, Figures(refund.GetProperty("computed")));

        // Declared figures that do not add up: stored, and every mismatch named; closing refused.
        var wrong = await Api.ReadJson(await admin.PostAsJsonAsync($"{url}/draw-up", new { receivedFen = 100_000, paidFen = 60_000, returnedFen = 10_000, balanceFen = 20_000 }), HttpStatusCode.OK);
        Assert.False(wrong.GetProperty("balances").GetBoolean());
        Assert.Contains(wrong.GetProperty("mismatches").EnumerateArray(), m => m.GetString()!.Contains("不等于支出 + 退回 + 结余", StringComparison.Ordinal));
        Assert.Contains(wrong.GetProperty("mismatches").EnumerateArray(), m => m.GetString()!.Contains("填报的结余", StringComparison.Ordinal));
        using (var refused = await admin.PostAsync($"{url}/close", null))
        {
            Assert.Contains("决算不平衡", FirstError(await Api.ReadJson(refused, HttpStatusCode.BadRequest), "accounts"), StringComparison.Ordinal);
        }

        Assert.False(await FundsClosingData.ReadAsync(app, db => db.Set<FundsYear>().AnyAsync(y => y.FiscalYear == year && y.IsClosed && y.ScopePath.EndsWith($"/{school}/"))));

        // Bad figures: refused, nothing written.
        foreach (var (body, field, words) in new (object, string, string)[]
        {
            (new { receivedFen = -1, paidFen = 0, returnedFen = 0, balanceFen = 0 }, "receivedFen", "收到资金不能为负数"),
            (new { receivedFen = 1, paidFen = 99_000_000_000_000_000L, returnedFen = 0, balanceFen = 0 }, "paidFen", "支出超出合理范围"),
            (new { receivedFen = 1, paidFen = 1, returnedFen = 0 }, "balanceFen", "请填写结余"),
        })
        {
            using var bad = await admin.PostAsJsonAsync($"{url}/draw-up", body);
            Assert.Contains(words, FirstError(await Api.ReadJson(bad, HttpStatusCode.BadRequest), field), StringComparison.Ordinal);
        }

        Assert.Equal(20_000, await FundsClosingData.ReadAsync(app, db => db.Set<FinalAccount>().Where(a => a.FiscalYear == year && a.ScopePath.EndsWith($"/{school}/"))
            .Select(a => a.DeclaredBalanceFen).SingleAsync()));

        using (var zero = await admin.PostAsJsonAsync($"{url}/returns", new { target = "Treasury", amountFen = 0, returnedOn = "2024-12-20", documentNumber = "x" }))
        {
            Assert.Contains("必须大于 0", FirstError(await Api.ReadJson(zero, HttpStatusCode.BadRequest), "amountFen"), StringComparison.Ordinal);
        }

        using (var badTarget = await admin.PostAsJsonAsync($"{url}/returns", new { target = 7, amountFen = 100, returnedOn = "2024-12-20", documentNumber = "x" }))
        {
            await Api.ReadJson(badTarget, HttpStatusCode.BadRequest);
        }

        Assert.Equal(1, await FundsClosingData.ReadAsync(app, db => db.Set<FundsRefund>().CountAsync(r => r.FiscalYear == year && r.ScopePath.EndsWith($"/{school}/"))));

        var right = await Api.ReadJson(await admin.PostAsJsonAsync($"{url}/draw-up", new { receivedFen = 100_000, paidFen = 60_000, returnedFen = 10_000, balanceFen = 30_000 }), HttpStatusCode.OK);
        Assert.True(right.GetProperty("balances").GetBoolean());
        Assert.Contains("close", right.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));

        // Two clerks close at once: one closes, the other is told so (409), never 500.
        using var other = await app.ClientFor($"school-{school}");
        var both = await Task.WhenAll(admin.PostAsync($"{url}/close", null), other.PostAsync($"{url}/close", null));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], both.Select(r => r.StatusCode).Order().ToArray());
        foreach (var r in both)
        {
            r.Dispose();
        }

        // The closed year is read-only: a voucher, a return, a new draw-up — 409 in Chinese.
        using (var voucher = await admin.PostAsync($"/api/v1/funds/batches/{batch}/vouchers", Voucher(Pdf, "回单.pdf", "BankReceipt")))
        {
            var problem = await Api.ReadJson(voucher, HttpStatusCode.Conflict);
            Assert.Contains("已关闭", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var late = await admin.PostAsJsonAsync($"{url}/returns", new { target = "Treasury", amountFen = 100, returnedOn = "2024-12-21", documentNumber = "迟到" }))
        {
            await Api.ReadJson(late, HttpStatusCode.Conflict);
        }

        Assert.Equal(0, await FundsClosingData.ReadAsync(app, db => db.Set<FundsVoucher>().CountAsync(v => v.BatchId == batch)));

        using (var noReason = await admin.PostAsJsonAsync($"{url}/reopen", new { reason = " " }))
        {
            Assert.Contains("原因", FirstError(await Api.ReadJson(noReason, HttpStatusCode.BadRequest), "reason"), StringComparison.Ordinal);
        }

        var reopened = await Api.ReadJson(await admin.PostAsJsonAsync($"{url}/reopen", new { reason = "财政部门要求更正退款文号" }), HttpStatusCode.OK);
        Assert.False(reopened.GetProperty("isClosed").GetBoolean());
        Assert.Equal("财政部门要求更正退款文号", reopened.GetProperty("reopenReason").GetString());
        await Api.ReadJson(await admin.PostAsync($"/api/v1/funds/batches/{batch}/vouchers", Voucher(Pdf, "回单.pdf", "BankReceipt")), HttpStatusCode.Created);

        using var export = await admin.GetAsync($"{url}/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task MinistryTable_ShowsEveryProvince_OthersAreRefused()
    {
        await FundsClosingData.AllocationAsync(app, "44030005", 2023, 500_000);
        using var ministry = await app.ClientFor("ministry");
        var table = await Api.ReadJson(await ministry.GetAsync("/api/v1/funds/accounts/2023/provinces"), HttpStatusCode.OK);
        var guangdong = table.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("provinceCode").GetString() == "44");
        Assert.Equal(500_000, guangdong.GetProperty("figures").GetProperty("receivedFen").GetInt64());
        Assert.True(table.GetProperty("rows").GetArrayLength() > 1);
        var national = await Api.ReadJson(await ministry.GetAsync("/api/v1/funds/accounts/000000/2023"), HttpStatusCode.OK);
        Assert.Equal(table.GetProperty("total").GetProperty("receivedFen").GetInt64(), national.GetProperty("computed").GetProperty("receivedFen").GetInt64());

        using var province = await app.ClientFor("prov-44");
        using var refused = await province.GetAsync("/api/v1/funds/accounts/2023/provinces");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var badYear = await province.GetAsync("/api/v1/funds/accounts/44/1800");
        Assert.Contains("年度", FirstError(await Api.ReadJson(badYear, HttpStatusCode.BadRequest), "fiscalYear"), StringComparison.Ordinal);
    }

    private static long[] Figures(JsonElement f) =>
        [f.GetProperty("receivedFen").GetInt64(), f.GetProperty("paidFen").GetInt64(), f.GetProperty("returnedFen").GetInt64(), f.GetProperty("balanceFen").GetInt64()];

    private static async Task<string> ReadEntryAsync(ZipArchive zip, string name)
    {
        await using var s = zip.GetEntry(name)!.Open();
        using var reader = new StreamReader(s, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
