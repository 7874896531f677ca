using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace TechSchoolAid.Web.Tests;

/// <summary>
/// Payments (FND-1, STA-5) through the API on the demo data: the school's finance officer of 44010004 has a batch whose
/// return file failed one line; the card is corrected, the line paid again, its bank file exported and its return file
/// matched; every bad input of issue 10 that belongs to payments is refused in Chinese, naming the field, writing nothing.
/// </summary>
public sealed class FundsPaymentsApiTests(TestApp app) : FundsPaymentsApiTestsBase(app), IClassFixture<TestApp>;

/// <summary>The same on PostgreSQL (binary COPY of the lines, the set updates of the return file, the partial unique indexes).</summary>
public sealed class FundsPaymentsPostgresApiTests(PostgresTestApp app) : FundsPaymentsApiTestsBase(app), IClassFixture<PostgresTestApp>;

public abstract class FundsPaymentsApiTestsBase(TestApp app)
{
    private const string School = "44010004";
    private const string Finance = "school-44010004-finance";

    [Fact]
    public async Task FailedLine_CardCorrected_PaidAgain_BankFileExported_ReturnFileMatched_HistoryShowsBoth()
    {
        await FundsPaymentsApi.EnsurePaidAsync(app, School);
        using var finance = await app.ClientFor(Finance);
        var failed = (await finance.GetFromJsonAsync<JsonElement>($"/api/v1/funds/failed-payments?schoolCode={School}")).EnumerateArray().ToList();
        var line = Assert.Single(failed);
        Assert.Equal("户名与账号不符", line.GetProperty("bankReason").GetString());
        Assert.False(line.GetProperty("cardCorrected").GetBoolean());
        var student = line.GetProperty("studentId").GetGuid();
        var name = line.GetProperty("studentName").GetString()!;

        // Not corrected yet: nothing to pay again.
        using (var none = await finance.PostAsJsonAsync("/api/v1/funds/payment-batches/repayments", new { schoolCode = School }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        }

        var history = await finance.GetFromJsonAsync<JsonElement>($"/api/v1/funds/students/{student}/payments");
        var oldCard = history.GetProperty("cards")[0].GetProperty("id").GetGuid();
        var number = FundsPaymentsApi.NewCardNumber();
        using (var corrected = await finance.PostAsJsonAsync($"/api/v1/funds/cards/{oldCard}/correction",
                   new { kind = "SocialSecurityCard", number, holderName = name, bankName = "中国工商银行" }))
        {
            var card = await Api.ReadJson(corrected, HttpStatusCode.OK);
            Assert.Equal("**** **** **** " + number[^4..], card.GetProperty("numberMasked").GetString());
            Assert.DoesNotContain(number, card.GetRawText(), StringComparison.Ordinal);
        }

        Assert.True((await finance.GetFromJsonAsync<JsonElement>($"/api/v1/funds/failed-payments?schoolCode={School}"))[0].GetProperty("cardCorrected").GetBoolean());
        using var repaid = await finance.PostAsJsonAsync("/api/v1/funds/payment-batches/repayments", new { schoolCode = School });
        var result = await Api.ReadJson(repaid, HttpStatusCode.Created);
        Assert.Equal(1, result.GetProperty("included").GetInt32());
        Assert.Equal(line.GetProperty("amountFen").GetInt64(), result.GetProperty("totalFen").GetInt64());
        var batch = result.GetProperty("batch").GetProperty("id").GetGuid();
        Assert.True(result.GetProperty("batch").GetProperty("isRepayment").GetBoolean());
        Assert.Empty((await finance.GetFromJsonAsync<JsonElement>($"/api/v1/funds/failed-payments?schoolCode={School}")).EnumerateArray());

        // The bank file: CSV, UTF-8 with BOM, the full new number, yuan with 2 decimals; not cacheable.
        using var file = await finance.GetAsync($"/api/v1/funds/payment-batches/{batch}/bank-file?format=csv");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("no-store", file.Headers.CacheControl?.ToString());
        var bytes = await file.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var rows = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("姓名,卡号,金额,摘要,流水号", rows[0]);
        var cells = rows[1].Split(',');
        Assert.Equal(name, cells[0]);
        Assert.Equal(number, cells[1]);
        Assert.Equal((line.GetProperty("amountFen").GetInt64() / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), cells[2]);

        // The bank's answer: paid.
        var answer = $"流水号,姓名,卡号,金额,结果,失败原因\r\n{cells[4]},{cells[0]},{cells[1]},{cells[2]},成功,\r\n";
        using var imported = await finance.PostAsync($"/api/v1/funds/payment-batches/{batch}/return-file", Api.CsvFile(answer, "回盘.csv"));
        var report = await Api.ReadJson(imported, HttpStatusCode.OK);
        Assert.True(report.GetProperty("accepted").GetBoolean());
        Assert.Equal(64, report.GetProperty("sha256").GetString()!.Length);
        var detail = await finance.GetFromJsonAsync<JsonElement>($"/api/v1/funds/payment-batches/{batch}");
        Assert.Equal("Reconciled", detail.GetProperty("batch").GetProperty("state").GetString());
        Assert.Equal(report.GetProperty("sha256").GetString(), detail.GetProperty("returnFile").GetProperty("sha256").GetString());

        // The student's history: the failed line (now 已重新发放) and the repayment (paid), both cards.
        history = await finance.GetFromJsonAsync<JsonElement>($"/api/v1/funds/students/{student}/payments");
        var states = history.GetProperty("payments").EnumerateArray().Select(p => p.GetProperty("state").GetString()).Order().ToList();
        Assert.Equal(["Paid", "Repaid"], states);
        Assert.Equal(2, history.GetProperty("cards").GetArrayLength());
        Assert.Contains(history.GetProperty("payments").EnumerateArray(), p => p.GetProperty("repaysLineId").ValueKind == JsonValueKind.String);
    }

    [Fact]
    public async Task Batch_ForAPeriodAlreadyBuilt_IsRefused_AndAPreviewListsWhoIsLeftOutAndWhy()
    {
        await FundsPaymentsApi.EnsurePaidAsync(app, School);
        using var finance = await app.ClientFor(Finance);
        using var again = await finance.PostAsJsonAsync("/api/v1/funds/payment-batches", new { schoolCode = School, paymentDate = "2026-10-15" });
        var problem = await Api.ReadJson(again, HttpStatusCode.Conflict);
        Assert.Contains("paymentDate", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("不能重复发放", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The province switches to monthly from October: a preview of October lists the term's lines as already paid.
        using (var prov = await app.ClientFor("prov-44"))
        using (var rule = await prov.PutAsJsonAsync("/api/v1/funds/payment-rules/44", new { frequency = "Monthly", payDay = 15, effectiveFrom = "2026-10-01" }))
        {
            await Api.ReadJson(rule, HttpStatusCode.OK);
        }

        try
        {
            using var preview = await finance.PostAsJsonAsync("/api/v1/funds/payment-batches", new { schoolCode = School, paymentDate = "2026-10-15", preview = true });
            var result = await Api.ReadJson(preview, HttpStatusCode.OK);
            Assert.Equal("2026年10月", result.GetProperty("periodLabel").GetString());
            Assert.Equal(0, result.GetProperty("included").GetInt32());
            var reasons = result.GetProperty("excluded").EnumerateArray().Select(e => e.GetProperty("reason").GetString()!).ToList();
            Assert.Contains(reasons, r => r.Contains("已发放", StringComparison.Ordinal));
            Assert.Contains(reasons, r => r.Contains("未登记银行卡", StringComparison.Ordinal));
        }
        finally
        {
            using var prov = await app.ClientFor("prov-44");
            using var back = await prov.PutAsJsonAsync("/api/v1/funds/payment-rules/44", new { frequency = "PerSemester", payDay = 10, effectiveFrom = "2026-10-01" });
            await Api.ReadJson(back, HttpStatusCode.OK);
        }
    }

    [Theory]
    [InlineData("number", "6222021234567890124", "Luhn")]
    [InlineData("number", "62220212345", "13 至 19 位")]
    [InlineData("number", "6222O21234567890123", "只能由数字")]
    [InlineData("holderName", null, "不一致")]
    [InlineData("holderName", "张\u202E三", "方向")]
    [InlineData("bankName", "", "开户银行")]
    public async Task Card_BadInput_IsRefused_NamingTheField_AndNothingWritten(string field, string? value, string message)
    {
        await FundsPaymentsApi.EnsurePaidAsync(app, School);
        using var finance = await app.ClientFor(Finance);
        var row = (await FundsPaymentsApi.CardRowsOf(app, School, true)).First();
        var student = row.GetProperty("studentId").GetGuid();
        var body = new Dictionary<string, object?>
        {
            ["kind"] = "AidBankCard", ["number"] = FundsPaymentsApi.NewCardNumber(), ["holderName"] = row.GetProperty("name").GetString(), ["bankName"] = "中国银行",
        };
        body[field] = value ?? "不是本人";
        using var response = await finance.PostAsJsonAsync($"/api/v1/funds/students/{student}/card", body);
        var problem = await Api.ReadJson(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var errors), problem.GetRawText());
        Assert.Contains(message, errors[0].GetString(), StringComparison.Ordinal);
        var history = await finance.GetFromJsonAsync<JsonElement>($"/api/v1/funds/students/{student}/payments");
        Assert.Equal(0, history.GetProperty("cards").GetArrayLength());
    }

    [Fact]
    public async Task Card_UndefinedKind_AndWaiverBatch_AndNegativePayDay_AreRefused_NamingTheField()
    {
        using var finance = await app.ClientFor(Finance);
        var row = (await FundsPaymentsApi.CardRowsOf(app, School, true)).First();
        using (var kind = await finance.PostAsJsonAsync($"/api/v1/funds/students/{row.GetProperty("studentId").GetGuid()}/card",
                   new { kind = 99, number = FundsPaymentsApi.NewCardNumber(), holderName = row.GetProperty("name").GetString(), bankName = "中国银行" }))
        {
            var problem = await Api.ReadJson(kind, HttpStatusCode.BadRequest);
            Assert.Contains("kind", problem.GetRawText(), StringComparison.Ordinal);
        }

        using (var waiver = await finance.PostAsJsonAsync("/api/v1/funds/payment-batches", new { schoolCode = School, item = "Waiver", paymentDate = "2026-10-15" }))
        {
            var problem = await Api.ReadJson(waiver, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("item", out _));
        }

        using var prov = await app.ClientFor("prov-44");
        foreach (var day in new[] { -1, 0, 31 })
        {
            using var rule = await prov.PutAsJsonAsync("/api/v1/funds/payment-rules/44", new { frequency = "Monthly", payDay = day, effectiveFrom = "2026-12-01" });
            var problem = await Api.ReadJson(rule, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("payDay", out _));
        }

        var rules = await prov.GetFromJsonAsync<JsonElement>("/api/v1/funds/payment-rules/44");
        Assert.DoesNotContain(rules.EnumerateArray(), r => r.GetProperty("effectiveFrom").GetString() == "2026-12-01");
    }
}

/// <summary>Return files with a problem (issue 10's bad inputs), each refused whole with a report per row, nothing written; on their own app, since they pay the demo's failed line again.</summary>
public sealed class FundsReturnFileApiTests(TestApp app) : IClassFixture<TestApp>
{
    private const string School = "44010004";
    private const string Finance = "school-44010004-finance";

    [Theory]
    [InlineData("unknown", "流水号", "未知流水号")]
    [InlineData("duplicate", "流水号", "重复")]
    [InlineData("amount", "金额", "不一致")]
    [InlineData("negative", "金额", "大于 0")]
    [InlineData("name", "姓名", "不一致")]
    [InlineData("columns", "结果", "缺少列")]
    public async Task ReturnFile_WithAProblem_IsRefusedWhole_WithAReportPerRow_AndNothingWritten(string fault, string field, string message)
    {
        // The demo's batch is reconciled: the bank's answer is to a repayment batch of the demo's failed line, exported.
        using var finance = await app.ClientFor(Finance);
        var batch = await ExportedBatchAsync(finance);
        using var file = await finance.GetAsync($"/api/v1/funds/payment-batches/{batch}/bank-file?format=csv");
        var lines = Encoding.UTF8.GetString((await file.Content.ReadAsByteArrayAsync())[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => l.Split(',')).ToList();
        var sb = new StringBuilder(fault == "columns" ? "流水号,姓名,卡号,金额,失败原因\r\n" : "流水号,姓名,卡号,金额,结果,失败原因\r\n");
        foreach (var c in lines)
        {
            var (reference, name, amount) = fault switch
            {
                "unknown" => ("X" + c[4], c[0], c[2]),
                "amount" => (c[4], c[0], "1.00"),
                "negative" => (c[4], c[0], "-5.00"),
                "name" => (c[4], "别人", c[2]),
                _ => (c[4], c[0], c[2]),
            };
            sb.Append(fault == "columns" ? $"{reference},{name},{c[1]},{amount},\r\n" : $"{reference},{name},{c[1]},{amount},成功,\r\n");
            if (fault == "duplicate")
            {
                sb.Append($"{reference},{name},{c[1]},{amount},成功,\r\n");
            }
        }

        using var imported = await finance.PostAsync($"/api/v1/funds/payment-batches/{batch}/return-file", Api.CsvFile(sb.ToString(), "回盘.csv"));
        var report = await Api.ReadJson(imported, HttpStatusCode.UnprocessableEntity);
        Assert.False(report.GetProperty("accepted").GetBoolean());
        Assert.Contains(report.GetProperty("problems").EnumerateArray(),
            p => p.GetProperty("field").GetString() == field && p.GetProperty("message").GetString()!.Contains(message, StringComparison.Ordinal));
        var detail = await finance.GetFromJsonAsync<JsonElement>($"/api/v1/funds/payment-batches/{batch}");
        Assert.Equal("Exported", detail.GetProperty("batch").GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, detail.TryGetProperty("returnFile", out var rf) ? rf.ValueKind : JsonValueKind.Null);
    }

    /// <summary>A batch of 44010004 in the 已导出 state: a repayment of the demo's failed line after its card is corrected (once per test class).</summary>
    private async Task<Guid> ExportedBatchAsync(HttpClient finance)
    {
        await FundsPaymentsApi.EnsurePaidAsync(app, School);
        await Gate.WaitAsync();
        try
        {
            if (_exported is { } known)
            {
                return known;
            }

            var failed = (await finance.GetFromJsonAsync<JsonElement>($"/api/v1/funds/failed-payments?schoolCode={School}")).EnumerateArray().First();
            if (!failed.GetProperty("cardCorrected").GetBoolean())
            {
                var student = failed.GetProperty("studentId").GetGuid();
                var card = (await finance.GetFromJsonAsync<JsonElement>($"/api/v1/funds/students/{student}/payments")).GetProperty("cards")
                    .EnumerateArray().First(c => c.GetProperty("isCurrent").GetBoolean()).GetProperty("id").GetGuid();
                using var corrected = await finance.PostAsJsonAsync($"/api/v1/funds/cards/{card}/correction",
                    new { kind = "SocialSecurityCard", number = FundsPaymentsApi.NewCardNumber(), holderName = failed.GetProperty("studentName").GetString(), bankName = "中国工商银行" });
                await Api.ReadJson(corrected, HttpStatusCode.OK);
            }

            using var repaid = await finance.PostAsJsonAsync("/api/v1/funds/payment-batches/repayments", new { schoolCode = School });
            var batch = (await Api.ReadJson(repaid, HttpStatusCode.Created)).GetProperty("batch").GetProperty("id").GetGuid();
            using var export = await finance.GetAsync($"/api/v1/funds/payment-batches/{batch}/bank-file?format=xlsx");
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
            _exported = batch;
            return batch;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Guid? _exported;
}
