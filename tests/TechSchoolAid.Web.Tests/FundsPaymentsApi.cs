using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace TechSchoolAid.Web.Tests;

/// <summary>
/// The payments a test needs, made through the API (the test app seeds no aid lists): an approved grant list of the school,
/// cards for all its students but one, the term's batch exported and its return file failing the first line; and the
/// term's waiver compensation paid by the school's supervisor. Once per app and school. Reads as the ministry.
/// </summary>
public static class FundsPaymentsApi
{
    private static readonly ConcurrentDictionary<(TestApp, string), Lazy<Task>> Paid = new();
    private static readonly ConcurrentDictionary<(TestApp, string), Lazy<Task>> Compensated = new();
    private static int _cards;

    /// <summary>The school's autumn 2026 grant batch, built, exported and answered by the bank with one failed line.</summary>
    public static Task EnsurePaidAsync(TestApp app, string school) =>
        Paid.GetOrAdd((app, school), _ => new Lazy<Task>(() => PayAsync(app, school))).Value;

    /// <summary>The school's autumn 2026 waiver compensation, recorded by its direct supervisor.</summary>
    public static Task EnsureCompensatedAsync(TestApp app, string school) =>
        Compensated.GetOrAdd((app, school), _ => new Lazy<Task>(() => CompensateAsync(app, school))).Value;

    private static async Task PayAsync(TestApp app, string school)
    {
        await HardshipApi.AssessmentAsync(app, school, "counted");
        await HardshipApi.AssessmentAsync(app, school, "counted");
        await AidRoundApi.RoundAsync(app, school, "Grant", "reviewed");
        using var admin = await app.ClientFor($"school-{school}");
        var granted = (await CardRowsOf(app, school, true)).Where(r => r.GetProperty("hasApprovedGrant").GetBoolean()).ToList();
        foreach (var row in granted.Take(granted.Count - 1))
        {
            using var recorded = await admin.PostAsJsonAsync($"/api/v1/funds/students/{row.GetProperty("studentId").GetGuid()}/card",
                new { kind = "SocialSecurityCard", number = NewCardNumber(), holderName = row.GetProperty("name").GetString(), bankName = "中国工商银行" });
            await Api.ReadJson(recorded, HttpStatusCode.Created);
        }

        using var built = await admin.PostAsJsonAsync("/api/v1/funds/payment-batches", new { schoolCode = school, paymentDate = "2026-10-15" });
        var batch = (await Api.ReadJson(built, HttpStatusCode.Created)).GetProperty("batch").GetProperty("id").GetGuid();
        using var file = await admin.GetAsync($"/api/v1/funds/payment-batches/{batch}/bank-file?format=csv");
        var rows = Encoding.UTF8.GetString((await file.Content.ReadAsByteArrayAsync())[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => l.Split(',')).ToList();
        var answer = new StringBuilder("流水号,姓名,卡号,金额,结果,失败原因\r\n");
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            answer.Append(CultureInfo.InvariantCulture, $"{r[4]},{r[0]},{r[1]},{r[2]},{(i == 0 ? "失败,户名与账号不符" : "成功,")}\r\n");
        }

        using var imported = await admin.PostAsync($"/api/v1/funds/payment-batches/{batch}/return-file", Api.CsvFile(answer.ToString(), "回盘.csv"));
        await Api.ReadJson(imported, HttpStatusCode.OK);
    }

    private static async Task CompensateAsync(TestApp app, string school)
    {
        await AidRoundApi.RoundAsync(app, school, "Waiver", "reviewed");
        using var supervisor = await app.ClientFor(StatusChangeApi.SupervisorOf(school));
        using var recorded = await supervisor.PostAsJsonAsync("/api/v1/funds/waiver-compensations",
            new { schoolCode = school, schoolYear = 2026, semester = "Autumn", paidOn = "2026-10-12" });
        await Api.ReadJson(recorded, HttpStatusCode.Created);
    }

    /// <summary>The regular (not repayment) batch of a school.</summary>
    public static async Task<Guid> BatchOf(TestApp app, string school)
    {
        await EnsurePaidAsync(app, school);
        using var ministry = await app.ClientFor("ministry");
        var page = await ministry.GetFromJsonAsync<JsonElement>($"/api/v1/funds/payment-batches?schoolCode={school}&pageSize=200");
        return page.GetProperty("items").EnumerateArray().Where(b => !b.GetProperty("isRepayment").GetBoolean())
            .Select(b => b.GetProperty("id").GetGuid()).First();
    }

    /// <summary>Students of a school with their cards (as the ministry).</summary>
    public static async Task<List<JsonElement>> CardRowsOf(TestApp app, string school, bool withoutCard)
    {
        if (!withoutCard)
        {
            await EnsurePaidAsync(app, school);
        }

        using var ministry = await app.ClientFor("ministry");
        var page = await ministry.GetFromJsonAsync<JsonElement>($"/api/v1/funds/schools/{school}/cards?pageSize=200&withoutCard={(withoutCard ? "true" : "false")}");
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    /// <summary>A student of the school with a current card: (student id, name, card id).</summary>
    public static async Task<(Guid Student, string Name, Guid Card)> CardHolderOf(TestApp app, string school)
    {
        var row = (await CardRowsOf(app, school, false)).First(r => r.GetProperty("card").ValueKind == JsonValueKind.Object);
        return (row.GetProperty("studentId").GetGuid(), row.GetProperty("name").GetString()!, row.GetProperty("card").GetProperty("id").GetGuid());
    }

    /// <summary>The id of the demo's waiver compensation of a school.</summary>
    public static async Task<Guid> CompensationOf(TestApp app, string school, string schoolName)
    {
        await EnsureCompensatedAsync(app, school);
        using var ministry = await app.ClientFor("ministry");
        var list = await ministry.GetFromJsonAsync<JsonElement>("/api/v1/funds/waiver-compensations");
        return list.EnumerateArray().First(c => c.GetProperty("schoolName").GetString() == schoolName).GetProperty("id").GetGuid();
    }

    public static async Task<string> SchoolNameOf(TestApp app, string school)
    {
        await EnsurePaidAsync(app, school);
        using var ministry = await app.ClientFor("ministry");
        var list = await ministry.GetFromJsonAsync<JsonElement>($"/api/v1/funds/payment-batches?schoolCode={school}");
        return list.GetProperty("items")[0].GetProperty("schoolName").GetString()!;
    }

    /// <summary>A new 19-digit number that passes the Luhn check, different on every call.</summary>
    public static string NewCardNumber()
    {
        var n = Interlocked.Increment(ref _cards);
        var body = "622848" + Environment.ProcessId.ToString("D6", CultureInfo.InvariantCulture)[^6..] + n.ToString("D6", CultureInfo.InvariantCulture);
        for (var check = 0; check <= 9; check++)
        {
            if (Luhn(body + check))
            {
                return body + check;
            }
        }

        throw new InvalidOperationException("no check digit");
    }

    public static bool Luhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d = d * 2 > 9 ? (d * 2) - 9 : d * 2;
            }

            sum += d;
        }

        return sum % 10 == 0;
    }
}
