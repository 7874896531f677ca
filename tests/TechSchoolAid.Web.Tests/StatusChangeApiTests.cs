using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TechSchoolAid.Web.Tests;

/// <summary>Small HTTP steps for status changes, shared by the API tests and the authorization matrix.</summary>
public static class StatusChangeApi
{
    /// <summary>The direct supervisor's demo account: schools 1–3 of a province are 省管, the others 市管.</summary>
    public static string SupervisorOf(string school) =>
        int.Parse(school[4..], System.Globalization.CultureInfo.InvariantCulture) <= 3 ? $"prov-{school[..2]}" : $"city-{school[..4]}";

    /// <summary>A fresh student of a school whose registration was approved by its supervisor: 在籍.</summary>
    public static async Task<Guid> ActiveStudentAsync(TestApp app, string school)
    {
        var (batchId, ids) = await Api.NewBatchAsync(app, school);
        using var reviewer = await app.ClientFor(SupervisorOf(school));
        using var response = await Api.DecideBatchAsync(reviewer, "approve", batchId, new { batchId });
        await Api.ReadJson(response, HttpStatusCode.OK);
        return ids[0];
    }

    public static async Task<JsonElement> EnterAsync(HttpClient client, Guid student, string kind, string occurredOn = "2026-10-12", string? toSchoolCode = null)
    {
        // A suspension has its period (issue 13, item 7): back half a year later.
        var expectedReturnOn = kind == "Suspension" ? DateOnly.Parse(occurredOn, System.Globalization.CultureInfo.InvariantCulture).AddMonths(6).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null;
        using var response = await client.PostAsJsonAsync($"/api/v1/students/{student}/status-changes", new { kind, occurredOn, expectedReturnOn, reason = "本人及监护人书面申请", toSchoolCode });
        return await Api.ReadJson(response, HttpStatusCode.Created);
    }

    /// <summary>Uploads the scanned application to a change: a kind that requires evidence is not approved without it (issue 13, item 2).</summary>
    public static async Task AttachAsync(HttpClient client, Guid change)
    {
        using var response = await client.PostAsync($"/api/v1/status-changes/{change}/evidence", Api.FileContent(Png, "本人及监护人申请.png", "image/png"));
        await Api.ReadJson(response, HttpStatusCode.Created);
    }

    public static async Task<JsonElement> PostAsync(HttpClient client, Guid change, string step, object? body = null)
    {
        using var response = await Api.SendIfMatchAsync(client, HttpMethod.Post, $"/api/v1/status-changes/{change}/{step}", body ?? new { }, $"/api/v1/status-changes/{change}");
        return await Api.ReadJson(response, HttpStatusCode.OK);
    }

    /// <summary>
    /// A change at a school entered and submitted by its records officer, taken up to "draft", "submitted" or "approved"
    /// (by the school's administrator or its supervisor: a second person, as four eyes asks).
    /// </summary>
    public static async Task<Guid> ChangeAsync(TestApp app, string school, string kind, string upTo)
    {
        var student = await ActiveStudentAsync(app, school);
        using var clerk = await app.ClientFor($"school-{school}-records");
        var id = (await EnterAsync(clerk, student, kind)).GetProperty("id").GetGuid();
        await AttachAsync(clerk, id);
        if (upTo == "draft")
        {
            return id;
        }

        await PostAsync(clerk, id, "submit");
        if (upTo == "approved")
        {
            using var supervisor = await app.ClientFor(kind is "Withdrawal" or "Expulsion" or "Death" or "Completion" ? SupervisorOf(school) : $"school-{school}");
            await PostAsync(supervisor, id, "approve");
        }

        return id;
    }

    /// <summary>A transfer proposed by <paramref name="from"/> to <paramref name="to"/>: answers the receiving school's row.</summary>
    public static async Task<Guid> InboundTransferAsync(TestApp app, string from, string to)
    {
        var student = await ActiveStudentAsync(app, from);
        using var sender = await app.ClientFor($"school-{from}");
        var id = (await EnterAsync(sender, student, "Transfer", toSchoolCode: to)).GetProperty("id").GetGuid();
        var submitted = await PostAsync(sender, id, "submit");
        return submitted.GetProperty("counterpartId").GetGuid();
    }

    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
}

/// <summary>Status changes through HTTP (STA-1, STA-2, STA-5): the due date, problem details, a transfer across provinces.</summary>
public sealed class StatusChangeApiTests(TestApp app) : IClassFixture<TestApp>
{
    private const string School = "44010004";

    [Fact]
    public async Task Post_Change_201WithDueDateAndLocation()
    {
        var student = await StatusChangeApi.ActiveStudentAsync(app, School);
        using var clerk = await app.ClientFor($"school-{School}-records");
        using var response = await clerk.PostAsJsonAsync($"/api/v1/students/{student}/status-changes", new { kind = "Suspension", occurredOn = "2026-09-28", reason = "因病休学一年", expectedReturnOn = "2027-09-01" });
        var json = await Api.ReadJson(response, HttpStatusCode.Created);
        Assert.Equal("2026-10-16", json.GetProperty("dueDate").GetString());
        Assert.Equal("Draft", json.GetProperty("state").GetString());
        Assert.Equal("DueSoon", json.GetProperty("deadlineStatus").GetString());
        Assert.Equal($"/api/v1/status-changes/{json.GetProperty("id").GetGuid()}", response.Headers.Location?.ToString());

        using var list = await clerk.GetAsync("/api/v1/status-changes?dueSoon=true&kind=Suspension");
        var page = await Api.ReadJson(list, HttpStatusCode.OK);
        Assert.Contains(page.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == json.GetProperty("id").GetGuid());
    }

    [Theory]
    [InlineData("2026-10-16", "occurredOn", "晚于今天")]
    [InlineData("2026-08-31", "occurredOn", "早于入学日期")]
    public async Task Post_BadDate_400ProblemKeyedByField(string date, string field, string text)
    {
        var student = await StatusChangeApi.ActiveStudentAsync(app, School);
        using var clerk = await app.ClientFor($"school-{School}");
        using var response = await clerk.PostAsJsonAsync($"/api/v1/students/{student}/status-changes", new { kind = "Suspension", occurredOn = date, reason = "测试" });
        var problem = await Api.ReadJson(response, HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(text, problem.GetProperty("errors").GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task Post_ResumptionWithoutSuspension_409Problem()
    {
        var student = await StatusChangeApi.ActiveStudentAsync(app, School);
        using var clerk = await app.ClientFor($"school-{School}");
        using var response = await clerk.PostAsJsonAsync($"/api/v1/students/{student}/status-changes", new { kind = "Resumption", occurredOn = "2026-10-12", reason = "复学" });
        var problem = await Api.ReadJson(response, HttpStatusCode.Conflict);
        Assert.Contains("没有休学", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Transfer_TwoCitiesTwoProvinces_CompletesAndEligibilityMoves()
    {
        var student = await StatusChangeApi.ActiveStudentAsync(app, School);
        using var sender = await app.ClientFor($"school-{School}");
        using var receiver = await app.ClientFor("school-51010004");
        var outId = (await StatusChangeApi.EnterAsync(sender, student, "Transfer", "2026-10-09", "51010004")).GetProperty("id").GetGuid();
        await StatusChangeApi.AttachAsync(sender, outId);
        var inId = (await StatusChangeApi.PostAsync(sender, outId, "submit")).GetProperty("counterpartId").GetGuid();
        await StatusChangeApi.PostAsync(receiver, inId, "accept");
        using (var city = await app.ClientFor("city-4401"))
        {
            await StatusChangeApi.PostAsync(city, outId, "approve");
        }

        using (var city = await app.ClientFor("city-5101"))
        {
            var done = await StatusChangeApi.PostAsync(city, inId, "approve");
            Assert.Equal("Approved", done.GetProperty("state").GetString());
            var newId = done.GetProperty("newStudentId").GetGuid();
            using var eligible = await receiver.GetAsync($"/api/v1/students/{newId}/aid-eligibility?date=2026-10-10");
            Assert.True((await Api.ReadJson(eligible, HttpStatusCode.OK)).GetProperty("eligible").GetBoolean());
        }

        using var old = await sender.GetAsync($"/api/v1/students/{student}/aid-eligibility?date=2026-10-10");
        var answer = await Api.ReadJson(old, HttpStatusCode.OK);
        Assert.False(answer.GetProperty("eligible").GetBoolean());
        Assert.Contains("转出", answer.GetProperty("reason").GetString());

        using var rates = await sender.GetAsync("/api/v1/status-changes/on-time-rates");
        var rows = await Api.ReadJson(rates, HttpStatusCode.OK);
        Assert.Contains(rows.EnumerateArray(), r => r.GetProperty("schoolCode").GetString() == School);
    }

    [Fact]
    public async Task Evidence_NotPdfJpgPng_400_Png_201AndDownloadable()
    {
        var change = await StatusChangeApi.ChangeAsync(app, School, "Suspension", "draft");
        using var clerk = await app.ClientFor($"school-{School}-records");
        using var bad = await clerk.PostAsync($"/api/v1/status-changes/{change}/evidence", Api.FileContent("MZ not an image"u8.ToArray(), "证明.png", "image/png"));
        var problem = await Api.ReadJson(bad, HttpStatusCode.BadRequest);
        Assert.Contains("PDF、JPG 或 PNG", problem.GetProperty("detail").GetString());

        using var good = await clerk.PostAsync($"/api/v1/status-changes/{change}/evidence", Api.FileContent(StatusChangeApi.Png, "诊断证明.png", "image/png"));
        var file = await Api.ReadJson(good, HttpStatusCode.Created);
        Assert.Equal(64, file.GetProperty("sha256").GetString()!.Length);
        using var download = await clerk.GetAsync($"/api/v1/status-changes/{change}/evidence/{file.GetProperty("id").GetGuid()}");
        Assert.Equal(StatusChangeApi.Png, await download.Content.ReadAsByteArrayAsync());
    }
}
