using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TechSchoolAid.Web.Tests;

/// <summary>Small HTTP steps for supervision (STA-3, STA-4), shared by the API tests and the authorization matrix.</summary>
public static class SupervisionApi
{
    private static readonly ConcurrentDictionary<(TestApp, string, string), Guid> Cache = new();

    /// <summary>A campaign over one school, opened by <paramref name="opener"/> (default: the school's direct supervisor).</summary>
    public static async Task<Guid> OpenCampaignAsync(TestApp app, string school, string? opener = null)
    {
        using var client = await app.ClientFor(opener ?? StatusChangeApi.SupervisorOf(school));
        using var response = await client.PostAsJsonAsync("/api/v1/presence-campaigns",
            new { name = "秋季学期人籍一致核验", defaultMethod = "OnSite", startsOn = "2026-10-01", endsOn = "2027-03-31", schoolCodes = new[] { school } });
        return (await Api.ReadJson(response, HttpStatusCode.Created)).GetProperty("campaign").GetProperty("id").GetGuid();
    }

    /// <summary>One campaign per school and app, opened by the school's direct supervisor.</summary>
    public static async Task<Guid> CampaignOf(TestApp app, string school)
    {
        if (!Cache.TryGetValue((app, "campaign", school), out var id))
        {
            id = await OpenCampaignAsync(app, school);
            Cache[(app, "campaign", school)] = id;
        }

        return id;
    }

    public static async Task<JsonElement> RecordAsync(HttpClient client, Guid campaign, Guid student, string result, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/presence-campaigns/{campaign}/results", new { studentId = student, result, method = "RemoteRollCall" });
        return await Api.ReadJson(response, expected);
    }

    /// <summary>A fresh flag at a school: a new active student found absent in the school's campaign; answered by the school if asked.</summary>
    public static async Task<Guid> FlagAsync(TestApp app, string school, bool answered)
    {
        var student = await StatusChangeApi.ActiveStudentAsync(app, school);
        using var supervisor = await app.ClientFor(StatusChangeApi.SupervisorOf(school));
        await RecordAsync(supervisor, await CampaignOf(app, school), student, "Absent");
        using var list = await supervisor.GetAsync($"/api/v1/hanging-flags?studentId={student}");
        var id = (await Api.ReadJson(list, HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("id").GetGuid();
        if (answered)
        {
            using var admin = await app.ClientFor($"school-{school}");
            using var response = await admin.PostAsJsonAsync($"/api/v1/hanging-flags/{id}/answer", new { text = "学生在外实习，已联系确认" });
            await Api.ReadJson(response, HttpStatusCode.OK);
        }

        return id;
    }

    public static async Task<Guid> SharedFlagOf(TestApp app, string school)
    {
        if (!Cache.TryGetValue((app, "flag", school), out var id))
        {
            id = await FlagAsync(app, school, answered: false);
            Cache[(app, "flag", school)] = id;
        }

        return id;
    }

    /// <summary>A measure against a school issued by its direct supervisor; with a rectification date only if asked.</summary>
    public static async Task<Guid> MeasureAsync(TestApp app, string school, string? rectificationDueOn = null)
    {
        using var supervisor = await app.ClientFor(StatusChangeApi.SupervisorOf(school));
        using var response = await supervisor.PostAsJsonAsync($"/api/v1/schools/{school}/supervision-measures",
            new { kind = "Warning", reason = "学籍异动多次逾期办理", evidenceText = "2026 年秋季 3 条异动逾期", rectificationDueOn });
        return (await Api.ReadJson(response, HttpStatusCode.Created)).GetProperty("measure").GetProperty("id").GetGuid();
    }

    public static async Task<Guid> SharedMeasureOf(TestApp app, string school)
    {
        if (!Cache.TryGetValue((app, "measure", school), out var id))
        {
            id = await MeasureAsync(app, school);
            Cache[(app, "measure", school)] = id;
        }

        return id;
    }

    public static async Task<(Guid Measure, Guid File)> MeasureFileOf(TestApp app, string school)
    {
        var measure = await SharedMeasureOf(app, school);
        if (!Cache.TryGetValue((app, "file", school), out var file))
        {
            using var supervisor = await app.ClientFor(StatusChangeApi.SupervisorOf(school));
            using var response = await supervisor.PostAsync($"/api/v1/supervision-measures/{measure}/files", Api.FileContent(StatusChangeApi.Png, "证据.png", "image/png"));
            file = (await Api.ReadJson(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
            Cache[(app, "file", school)] = file;
        }

        return (measure, file);
    }
}

/// <summary>Supervision through HTTP (STA-3, STA-4): campaigns and the outside-campaign refusal, flags answered and reviewed, measures.</summary>
public sealed class SupervisionApiTests(TestApp app) : IClassFixture<TestApp>
{
    private const string School = "44010004";   // 市管, city 4401
    private const string SameCity = "44010007"; // 市管, city 4401

    [Fact]
    public async Task Campaign_ResultForStudentOutsideCampaign_400ProblemDetails_NothingWritten()
    {
        using var city = await app.ClientFor("city-4401");
        var campaign = await SupervisionApi.OpenCampaignAsync(app, School);
        using var detailResponse = await city.GetAsync($"/api/v1/presence-campaigns/{campaign}");
        var detail = await Api.ReadJson(detailResponse, HttpStatusCode.OK);
        Assert.True(detail.GetProperty("actions").GetProperty("record").GetBoolean());
        Assert.Equal(School, detail.GetProperty("schools")[0].GetProperty("schoolCode").GetString());

        var inside = await StatusChangeApi.ActiveStudentAsync(app, School);
        var recorded = await SupervisionApi.RecordAsync(city, campaign, inside, "Present");
        Assert.Equal("在校", recorded.GetProperty("resultText").GetString());
        Assert.Equal("远程点名", recorded.GetProperty("methodText").GetString());

        var outsider = await StatusChangeApi.ActiveStudentAsync(app, SameCity);
        using var refused = await city.PostAsJsonAsync($"/api/v1/presence-campaigns/{campaign}/results", new { studentId = outsider, result = "Absent" });
        var problem = await Api.ReadJson(refused, HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("不在核验批次", problem.GetProperty("errors").GetProperty("studentId")[0].GetString());
        using var flags = await city.GetAsync($"/api/v1/hanging-flags?studentId={outsider}");
        Assert.Equal(0, (await Api.ReadJson(flags, HttpStatusCode.OK)).GetProperty("total").GetInt32());

        using var badEnum = await city.PostAsJsonAsync($"/api/v1/presence-campaigns/{campaign}/results", new { studentId = inside, result = "Maybe" });
        Assert.Equal(HttpStatusCode.BadRequest, badEnum.StatusCode);

        using var roster = await city.GetAsync($"/api/v1/presence-campaigns/{campaign}/students?result=Present");
        Assert.Equal(1, (await Api.ReadJson(roster, HttpStatusCode.OK)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Flag_AnsweredBySchool_AcceptedByCity_TodoShowsEachSide()
    {
        var flag = await SupervisionApi.FlagAsync(app, School, answered: false);
        using var clerk = await app.ClientFor($"school-{School}-records");
        using var todo = await clerk.GetAsync("/api/v1/todo");
        Assert.Contains("疑似空挂学籍待说明", (await Api.ReadJson(todo, HttpStatusCode.OK)).ToString());

        using var empty = await clerk.PostAsJsonAsync($"/api/v1/hanging-flags/{flag}/answer", new { text = "" });
        Assert.Contains("情况说明", (await Api.ReadJson(empty, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("text")[0].GetString());
        using var answered = await clerk.PostAsJsonAsync($"/api/v1/hanging-flags/{flag}/answer", new { text = "该生在外顶岗实习，已电话确认" });
        Assert.Equal("Answered", (await Api.ReadJson(answered, HttpStatusCode.OK)).GetProperty("flag").GetProperty("state").GetString());

        using var province = await app.ClientFor("prov-44");
        using var notMine = await province.PostAsJsonAsync($"/api/v1/hanging-flags/{flag}/accept", new { text = "" });
        await Api.ReadJson(notMine, HttpStatusCode.Forbidden);

        using var city = await app.ClientFor("city-4401");
        using var accepted = await city.PostAsJsonAsync($"/api/v1/hanging-flags/{flag}/accept", new { text = "情况属实" });
        var body = await Api.ReadJson(accepted, HttpStatusCode.OK);
        Assert.Equal("说明已认可", body.GetProperty("flag").GetProperty("stateText").GetString());
        Assert.False(body.GetProperty("actions").GetProperty("review").GetBoolean());
    }

    [Fact]
    public async Task Measure_NonSupervisor403_SupervisorIssues_SchoolRectifies_SupervisorCloses()
    {
        var body = new { kind = "Interview", reason = "核验发现 2 名学生不在校仍在籍", evidenceText = "核验批次结果", rectificationDueOn = "2026-11-30" };
        using var province = await app.ClientFor("prov-44");
        using var refused = await province.PostAsJsonAsync($"/api/v1/schools/{School}/supervision-measures", body);
        var problem = await Api.ReadJson(refused, HttpStatusCode.Forbidden);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("直接主管部门", problem.GetProperty("detail").GetString());

        using var city = await app.ClientFor("city-4401");
        using var issued = await city.PostAsJsonAsync($"/api/v1/schools/{School}/supervision-measures", body);
        var created = await Api.ReadJson(issued, HttpStatusCode.Created);
        var id = created.GetProperty("measure").GetProperty("id").GetGuid();
        Assert.Equal("约谈", created.GetProperty("measure").GetProperty("kindText").GetString());
        Assert.Equal($"/api/v1/supervision-measures/{id}", issued.Headers.Location?.ToString());

        using var early = await city.PostAsJsonAsync($"/api/v1/supervision-measures/{id}/close", new { text = "" });
        await Api.ReadJson(early, HttpStatusCode.Conflict);

        using var school = await app.ClientFor($"school-{School}");
        using var list = await school.GetAsync("/api/v1/supervision-measures?open=true");
        Assert.Contains(id.ToString(), (await Api.ReadJson(list, HttpStatusCode.OK)).ToString());
        using var rectified = await school.PostAsJsonAsync($"/api/v1/supervision-measures/{id}/rectification", new { text = "已建立异动周报制度" });
        Assert.Equal("Rectified", (await Api.ReadJson(rectified, HttpStatusCode.OK)).GetProperty("measure").GetProperty("state").GetString());
        using var closed = await city.PostAsJsonAsync($"/api/v1/supervision-measures/{id}/close", new { text = "整改到位" });
        Assert.Equal("Closed", (await Api.ReadJson(closed, HttpStatusCode.OK)).GetProperty("measure").GetProperty("state").GetString());

        using var compliance = await city.GetAsync($"/api/v1/supervision/compliance?schoolCode={School}");
        var row = (await Api.ReadJson(compliance, HttpStatusCode.OK))[0];
        Assert.Equal(School, row.GetProperty("schoolCode").GetString());
        Assert.True(row.TryGetProperty("onTimeRate", out _));
    }

    [Fact]
    public async Task OpenApi_ListsSupervisionEndpoints()
    {
        using var client = await app.ClientFor("ministry");
        var doc = await client.GetStringAsync("/openapi/v1.json");
        foreach (var path in new[] { "/api/v1/presence-campaigns", "/api/v1/presence-campaigns/{id}/results", "/api/v1/hanging-flags", "/api/v1/hanging-flags/{id}/answer",
                     "/api/v1/schools/{schoolCode}/supervision-measures", "/api/v1/supervision-measures/{id}/close", "/api/v1/supervision/compliance" })
        {
            Assert.Contains($"\"{path}\"", doc);
        }
    }
}
