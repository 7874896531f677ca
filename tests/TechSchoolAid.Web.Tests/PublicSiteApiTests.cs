using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TechSchoolAid.Web.Tests;

/// <summary>
/// PUB-1 through the API: the public files and follows a complaint, the school answers it; every bad input of issue 12
/// in this area is refused in Chinese naming the field, and nothing is written.
/// </summary>
public sealed class PublicSiteApiTests(TestApp app) : IClassFixture<TestApp>
{
    private async Task<HttpResponseMessage> PostPublic(string path, object body, string? address = null)
    {
        using var client = app.AnonymousClient();
        using var request = PublicSiteApi.Post(path, body, address);
        return await client.SendAsync(request);
    }

    private async Task AssertRefused(object body, string field, string words)
    {
        var before = await PublicSiteApi.CountAsync(app);
        using var response = await PostPublic("/api/v1/public/complaints", body);
        var json = await Api.ReadJson(response, HttpStatusCode.BadRequest);
        var errors = json.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error for {field}: {json}");
        Assert.Contains(words, messages[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await PublicSiteApi.CountAsync(app));
    }

    [Fact]
    public async Task PublicFilesAndFollows_SchoolAnswers_PublicSeesTheAnswer()
    {
        var text = "学校说我不符合助学金条件，但我是建档立卡家庭，请核实。<b>谢谢</b>";
        using var filed = await PostPublic("/api/v1/public/complaints", PublicSiteApi.Complaint("44010004", text: text, phone: "13712345678"));
        var receipt = await Api.ReadJson(filed, HttpStatusCode.Created);
        var number = receipt.GetProperty("trackingNumber").GetString()!;
        Assert.Matches("^TS-2026-[2-9A-Z]{4}-[2-9A-Z]{4}$", number);
        Assert.Equal("2026-11-05", receipt.GetProperty("dueOn").GetString());
        Assert.Contains("将于 2026-11-05 前答复", receipt.GetProperty("message").GetString(), StringComparison.Ordinal);

        using var school = await app.ClientFor("school-44010004-aid");
        var page = await school.GetFromJsonAsync<JsonElement>($"/api/v1/complaints?trackingNumber={number}");
        var id = page.GetProperty("items")[0].GetProperty("id").GetGuid();
        var detail = await school.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}");
        Assert.Equal("137****5678", detail.GetProperty("phoneMasked").GetString());
        Assert.Equal("王*", detail.GetProperty("nameMasked").GetString());
        Assert.Equal(text, detail.GetProperty("text").GetString()); // stored as typed, markup and all: pages escape it
        Assert.DoesNotContain("13712345678", detail.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("answer", detail.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));

        // Another school of the same city does not see it.
        using var other = await app.ClientFor("school-44010007");
        using (var hidden = await other.GetAsync($"/api/v1/complaints/{id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        using (var noUpheld = await Api.StepAsync(school, HttpMethod.Post, $"/api/v1/complaints/{id}/answer", new { answer = "已核实" }))
        {
            var problem = await Api.ReadJson(noUpheld, HttpStatusCode.BadRequest);
            Assert.Contains("投诉是否属实", problem.GetProperty("errors").GetProperty("upheld")[0].GetString(), StringComparison.Ordinal);
        }

        using (var answered = await Api.StepAsync(school, HttpMethod.Post, $"/api/v1/complaints/{id}/answer", new { answer = "经核实，已将你列入助学金名单。", upheld = true }))
        {
            var body = await Api.ReadJson(answered, HttpStatusCode.OK);
            Assert.Equal("Answered", body.GetProperty("status").GetString());
        }

        using var tracked = await PostPublic("/api/v1/public/complaints/track", new { trackingNumber = number, phoneLastFour = "5678" });
        var progress = await Api.ReadJson(tracked, HttpStatusCode.OK);
        Assert.Equal("已答复", progress.GetProperty("status").GetString());
        Assert.Equal("经核实，已将你列入助学金名单。", progress.GetProperty("answer").GetString());
        Assert.DoesNotContain("5678", progress.GetRawText().Replace(number, "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("王", progress.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPhoneDigits_AnswerExactlyLikeAnUnknownNumber()
    {
        var number = await PublicSiteApi.FileAsync(app, PublicSiteApi.Complaint("44010004", phone: "13612345678"));
        using var wrong = await PostPublic("/api/v1/public/complaints/track", new { trackingNumber = number, phoneLastFour = "0000" });
        using var unknown = await PostPublic("/api/v1/public/complaints/track", new { trackingNumber = "TS-2026-ZZZZ-ZZZZ", phoneLastFour = "5678" });
        using var malformed = await PostPublic("/api/v1/public/complaints/track", new { trackingNumber = "不是编号", phoneLastFour = "56" });
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Equal(wrong.StatusCode, unknown.StatusCode);
        Assert.Equal(wrong.StatusCode, malformed.StatusCode);
        var a = await wrong.Content.ReadAsStringAsync();
        Assert.Equal(a, await unknown.Content.ReadAsStringAsync());
        Assert.Equal(a, await malformed.Content.ReadAsStringAsync());
        Assert.Equal(wrong.Content.Headers.ContentType?.ToString(), unknown.Content.Headers.ContentType?.ToString());
        Assert.Contains("未查询到", a, StringComparison.Ordinal);
    }

    [Fact]
    public Task EmptyText_Refused() => AssertRefused(PublicSiteApi.Complaint("44010004", text: "   "), "text", "请填写");

    [Fact]
    public Task TwentyThousandCharacterText_Refused() => AssertRefused(PublicSiteApi.Complaint("44010004", text: new string('投', 20_000)), "text", "不能超过");

    [Fact]
    public Task TwoThousandAndOneCharacterText_Refused() => AssertRefused(PublicSiteApi.Complaint("44010004", text: new string('诉', 2_001)), "text", "2000");

    [Theory]
    [InlineData("12345")]
    [InlineData("23800138000")]
    [InlineData("1380013800")]
    [InlineData("abc")]
    [InlineData("")]
    public Task PhoneThatIsNotAPhone_Refused(string phone) => AssertRefused(PublicSiteApi.Complaint("44010004", phone: phone), "phone", "电话");

    [Fact]
    public Task ControlCharacters_Refused() => AssertRefused(PublicSiteApi.Complaint("44010004", text: "内容\u0007响铃"), "text", "控制字符");

    [Fact]
    public Task BidiCharacters_Refused()
    {
        var body = PublicSiteApi.Complaint("44010004");
        body["name"] = "王\u202E五";
        return AssertRefused(body, "name", "文字方向");
    }

    [Fact]
    public Task UndefinedKind_Refused()
    {
        var body = PublicSiteApi.Complaint("44010004");
        body["kind"] = 99;
        return AssertRefused(body, "kind", "");
    }

    [Fact]
    public Task UnknownSchool_Refused() => AssertRefused(PublicSiteApi.Complaint("99999999"), "schoolCode", "未找到该学校");

    [Fact]
    public Task NoSubject_Refused() => AssertRefused(PublicSiteApi.Complaint(null), "schoolCode", "请选择");

    [Fact]
    public async Task Html_IsStoredAsText_AndTheReceiptCarriesNoMarkup()
    {
        var text = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        var number = await PublicSiteApi.FileAsync(app, PublicSiteApi.Complaint("44010004", text: text));
        var id = await PublicSiteApi.IdOfAsync(app, number);
        using var ministry = await app.ClientFor("ministry");
        var detail = await ministry.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}");
        Assert.Equal(text, detail.GetProperty("text").GetString());
    }

    [Fact]
    public async Task SameComplaintFiftyTimesInAMinute_CreatesOne()
    {
        var before = await PublicSiteApi.CountAsync(app);
        var address = PublicSiteApi.NextAddress();
        var body = PublicSiteApi.Complaint("44010004", text: "同一内容反复提交" + Guid.NewGuid().ToString("N"));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 50; i++)
        {
            using var response = await PostPublic("/api/v1/public/complaints", body, address);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var problem = await Api.ReadJson(response, HttpStatusCode.TooManyRequests);
                Assert.Contains("提交过于频繁", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            }
            else if (response.StatusCode == HttpStatusCode.Conflict)
            {
                var problem = await Api.ReadJson(response, HttpStatusCode.Conflict);
                Assert.Contains("请勿重复提交", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            }
        }

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(HttpStatusCode.Created, statuses[0]);
        Assert.Equal(4, statuses.Count(s => s == HttpStatusCode.Conflict));     // the rest of the address's 5 a minute
        Assert.Equal(45, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(before + 1, await PublicSiteApi.CountAsync(app));

        // The same text from another address is still the same complaint (same phone, same school): refused.
        using var elsewhere = await PostPublic("/api/v1/public/complaints", body);
        Assert.Equal(HttpStatusCode.Conflict, elsewhere.StatusCode);
        Assert.Equal(before + 1, await PublicSiteApi.CountAsync(app));
    }

    [Fact]
    public async Task Honeypot_AnswersLikeSuccess_ButStoresNothing()
    {
        var before = await PublicSiteApi.CountAsync(app);
        var body = PublicSiteApi.Complaint("44010004");
        body["website"] = "http://spam.example";
        using var response = await PostPublic("/api/v1/public/complaints", body);
        var receipt = await Api.ReadJson(response, HttpStatusCode.Created);
        Assert.Equal(before, await PublicSiteApi.CountAsync(app));
        using var tracked = await PostPublic("/api/v1/public/complaints/track", new { trackingNumber = receipt.GetProperty("trackingNumber").GetString(), phoneLastFour = "5678" });
        Assert.Equal(HttpStatusCode.NotFound, tracked.StatusCode);
    }

    [Fact]
    public async Task Hotline_KeptByTheProvince_ShownToThePublic_BadPhoneRefused()
    {
        using var province = await app.ClientFor("prov-44");
        using (var bad = await province.PutAsJsonAsync("/api/v1/hotlines/44", new { consultationPhone = "电话", complaintPhone = "020-00004400", address = "广州", hours = "工作日" }))
        {
            var problem = await Api.ReadJson(bad, HttpStatusCode.BadRequest);
            Assert.Contains("咨询电话", problem.GetProperty("errors").GetProperty("consultationPhone")[0].GetString(), StringComparison.Ordinal);
        }

        using (var ok = await province.PutAsJsonAsync("/api/v1/hotlines/44", new
        {
            consultationPhone = "020-00000044", complaintPhone = "12345", address = "广州市（测试）<script>x</script>", hours = "工作日 9:00-17:00", email = "zz@example.cn",
        }))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var anonymous = app.AnonymousClient();
        var lines = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/public/hotlines");
        var gd = lines.EnumerateArray().Single(l => l.GetProperty("organizationCode").GetString() == "44");
        Assert.Equal("12345", gd.GetProperty("complaintPhone").GetString());
        Assert.Equal("000000", lines[0].GetProperty("organizationCode").GetString());

        using var city = await app.ClientFor("city-4401");
        using var refused = await city.PutAsJsonAsync("/api/v1/hotlines/44", new { consultationPhone = "020-00000044", complaintPhone = "12345", address = "广州", hours = "工作日" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task SchoolSearch_FindsByNameOrCode()
    {
        using var anonymous = app.AnonymousClient();
        var byCode = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/public/schools?q=44010004");
        Assert.Equal("44010004", byCode[0].GetProperty("code").GetString());
        var name = byCode[0].GetProperty("name").GetString()!;
        var byName = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/public/schools?q={Uri.EscapeDataString(name[..4])}");
        Assert.Contains(byName.EnumerateArray(), s => s.GetProperty("code").GetString() == "44010004");
        Assert.Equal(0, (await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/public/schools?q=")).GetArrayLength());
    }

    [Fact]
    public async Task Deadline_SetByTheMinistryWithItsSource_PastDateRefused()
    {
        using var ministry = await app.ClientFor("ministry");
        using var past = await ministry.PostAsJsonAsync("/api/v1/complaint-deadlines", new { kind = "Complaint", answerWorkingDays = 10, validFrom = "2026-01-01", source = "测试" });
        var problem = await Api.ReadJson(past, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("validFrom", out _));
        using var noSource = await ministry.PostAsJsonAsync("/api/v1/complaint-deadlines", new { kind = "Complaint", answerWorkingDays = 10, validFrom = "2026-12-01" });
        Assert.True((await Api.ReadJson(noSource, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("source", out _));
        var list = await ministry.GetFromJsonAsync<JsonElement>("/api/v1/complaint-deadlines");
        Assert.Contains(list.EnumerateArray(), d => d.GetProperty("source").GetString()!.Contains("信访工作条例", StringComparison.Ordinal));
    }
}
