using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TechSchoolAid.Web.Tests;

/// <summary>Filing and finding complaints through the API, each filing from its own client address (the per-address limit stays out of the way).</summary>
public static class PublicSiteApi
{
    private static int _address;

    /// <summary>A fresh documentation address (198.18.0.0/15, the benchmarking range) for one public request.</summary>
    public static string NextAddress()
    {
        var n = Interlocked.Increment(ref _address);
        return $"198.18.{n / 250 % 250}.{n % 250 + 1}";
    }

    public static Dictionary<string, object?> Complaint(string? schoolCode, string? provinceCode = null, string? text = null, string phone = "13912345678",
        string kind = "Complaint") => new()
        {
            ["kind"] = kind,
            ["schoolCode"] = schoolCode,
            ["provinceCode"] = provinceCode,
            ["text"] = text ?? $"国家助学金未按时发放，请学校说明原因（测试 {Guid.NewGuid():N}）",
            ["name"] = "王五",
            ["phone"] = phone,
        };

    public static HttpRequestMessage Post(string path, object body, string? address = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add(ClientAddressFromHeader.Header, address ?? NextAddress());
        return request;
    }

    /// <summary>Files a complaint as the public; returns its tracking number.</summary>
    public static async Task<string> FileAsync(TestApp app, object body)
    {
        using var client = app.AnonymousClient();
        using var request = Post("/api/v1/public/complaints", body);
        using var response = await client.SendAsync(request);
        var json = await Api.ReadJson(response, HttpStatusCode.Created);
        return json.GetProperty("trackingNumber").GetString()!;
    }

    /// <summary>The id of a complaint, found by the ministry (which sees everything) by its tracking number.</summary>
    public static async Task<Guid> IdOfAsync(TestApp app, string trackingNumber)
    {
        using var ministry = await app.ClientFor("ministry");
        var page = await ministry.GetFromJsonAsync<JsonElement>($"/api/v1/complaints?trackingNumber={trackingNumber}");
        return page.GetProperty("items")[0].GetProperty("id").GetGuid();
    }

    /// <summary>How many complaints the ministry sees (every complaint of the country).</summary>
    public static async Task<int> CountAsync(TestApp app)
    {
        using var ministry = await app.ClientFor("ministry");
        var page = await ministry.GetFromJsonAsync<JsonElement>("/api/v1/complaints?pageSize=1");
        return page.GetProperty("total").GetInt32();
    }

    public static async Task<Guid> FiledIdAsync(TestApp app, string? schoolCode, string? provinceCode = null) =>
        await IdOfAsync(app, await FileAsync(app, Complaint(schoolCode, provinceCode)));
}
