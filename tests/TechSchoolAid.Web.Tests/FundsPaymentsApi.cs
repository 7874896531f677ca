using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace TechSchoolAid.Web.Tests;

/// <summary>Reads of the demo's payments (as the ministry, which sees everything) for the payment tests and the matrix rows.</summary>
public static class FundsPaymentsApi
{
    private static int _cards;

    /// <summary>The regular (not repayment) demo batch of a school.</summary>
    public static async Task<Guid> BatchOf(TestApp app, string school)
    {
        using var ministry = await app.ClientFor("ministry");
        var page = await ministry.GetFromJsonAsync<JsonElement>($"/api/v1/funds/payment-batches?schoolCode={school}&pageSize=200");
        return page.GetProperty("items").EnumerateArray().Where(b => !b.GetProperty("isRepayment").GetBoolean())
            .Select(b => b.GetProperty("id").GetGuid()).First();
    }

    /// <summary>Students of a school with their cards (as the ministry).</summary>
    public static async Task<List<JsonElement>> CardRowsOf(TestApp app, string school, bool withoutCard)
    {
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
    public static async Task<Guid> CompensationOf(TestApp app, string schoolName)
    {
        using var ministry = await app.ClientFor("ministry");
        var list = await ministry.GetFromJsonAsync<JsonElement>("/api/v1/funds/waiver-compensations");
        return list.EnumerateArray().First(c => c.GetProperty("schoolName").GetString() == schoolName).GetProperty("id").GetGuid();
    }

    public static async Task<string> SchoolNameOf(TestApp app, string school)
    {
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
