using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TechSchoolAid.Web.Tests;

/// <summary>
/// Issue 13, item 9 over HTTP: the audit log filtered by person, school, student, action and date, with the person's name
/// and organisation, the action's Chinese name and the values as labelled Chinese fields; every bad filter a 400 in Chinese
/// naming the field (a read: nothing to write).
/// </summary>
public sealed class AuditApiTests(TestApp app) : IClassFixture<TestApp>
{
    private const string School = "44010004"; // 市管, city 4401

    private static async Task<JsonElement> GetAsync(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(url);
        return await Api.ReadJson(response, expected);
    }

    private static async Task<string> DisplayNameAsync(HttpClient client) =>
        (await GetAsync(client, "/api/v1/me")).GetProperty("displayName").GetString()!;

    [Fact]
    public async Task ByPersonActionAndStudent_ShowsPeopleChineseActionNamesAndLabelledFields()
    {
        using var school = await app.ClientFor($"school-{School}");
        using var city = await app.ClientFor("city-4401");
        var id = await Api.RegisterAsync(school, School, name: "审计乙");
        await Api.VerifyAsync(school, School, id);
        await Api.SubmitAsync(school, School, id);
        using (var approve = await city.PostAsJsonAsync("/api/v1/registrations/approve", new { studentIds = new[] { id } }))
        {
            await Api.ReadJson(approve, HttpStatusCode.OK);
        }

        var reviewer = await DisplayNameAsync(city);
        using var province = await app.ClientFor("prov-44");
        var page = await GetAsync(province, $"/api/v1/audit-events?person={Uri.EscapeDataString(reviewer)}&action=student.approved&student={Uri.EscapeDataString("审计乙")}");
        var approved = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("city-4401", approved.GetProperty("actor").GetString());
        Assert.Equal($"{reviewer} · 广州市", approved.GetProperty("actorName").GetString());
        Assert.Equal("注册审核通过", approved.GetProperty("actionName").GetString());
        Assert.StartsWith("审计乙", approved.GetProperty("subjectLabel").GetString(), StringComparison.Ordinal);
        var fields = approved.GetProperty("fields").EnumerateArray().ToList();
        var state = fields.Single(f => f.GetProperty("field").GetString() == "state");
        Assert.Equal("状态", state.GetProperty("label").GetString());
        Assert.True(state.GetProperty("changed").GetBoolean());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", state.GetProperty("old").GetString()!);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", state.GetProperty("new").GetString()!);
        Assert.Contains(fields, f => f.GetProperty("label").GetString() == "学籍号");

        // The school sees its own events by the same person; another city sees none of them.
        var own = await GetAsync(school, $"/api/v1/audit-events?person={Uri.EscapeDataString(reviewer)}&student={Uri.EscapeDataString("审计乙")}");
        Assert.Equal(1, own.GetProperty("total").GetInt32());
        using var otherCity = await app.ClientFor("city-4403");
        Assert.Equal(0, (await GetAsync(otherCity, $"/api/v1/audit-events?student={Uri.EscapeDataString("审计乙")}")).GetProperty("total").GetInt32());

        // By school name, by a module's prefix.
        var bySchool = await GetAsync(province, $"/api/v1/audit-events?school={Uri.EscapeDataString("华信")}&action=student.&pageSize=500");
        Assert.Contains(bySchool.GetProperty("items").EnumerateArray(), e => e.GetProperty("subjectId").GetString() == id.ToString());
    }

    [Theory]
    [InlineData("from=2026-10-20&to=2026-10-01", "to", "早于开始日期")]
    [InlineData("from=0001-01-01", "from", "日期超出")]
    [InlineData("to=2026-02-30", "to", "")]
    [InlineData("person=%E7%8E%8B%E2%80%AE%E8%8A%B3", "person", "控制字符")]
    [InlineData("school=a%00b", "school", "控制字符")]
    [InlineData("student=123456789012345678901234567890123456789012345678901", "student", "不能超过 50 个字符")]
    [InlineData("action=student.%01", "action", "控制字符")]
    public async Task BadFilter_400InChineseNamingTheField(string query, string field, string message)
    {
        using var province = await app.ClientFor("prov-44");
        var problem = await GetAsync(province, $"/api/v1/audit-events?{query}", HttpStatusCode.BadRequest);
        var detail = problem.GetProperty("detail").GetString() ?? "";
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", detail);
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"no errors.{field} in {problem}");
        var texts = detail + string.Concat(errors.GetProperty(field).EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(message, texts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SchoolClerk_MayNotReadTheAuditLog()
    {
        using var clerk = await app.ClientFor($"school-{School}-records");
        using var response = await clerk.GetAsync("/api/v1/audit-events?person=x");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
