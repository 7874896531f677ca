using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.CrossCheck.Contracts;
using TechSchoolAid.Modules.CrossCheck.Domain;
using TechSchoolAid.Modules.Organizations.Domain;
using TechSchoolAid.Seeding;

namespace TechSchoolAid.Web.Tests;

/// <summary>
/// Optimistic concurrency (ADR 0015): versions as ETags, If-Match on edits and decisions, 409 for a stale or losing
/// writer, never a 500 and never a silently lost update. School 44010010 (市管 under city 4401) is this class's own.
/// </summary>
public sealed class ConcurrencyApiTests(TestApp app) : ConcurrencyApiTestsBase(app), IClassFixture<TestApp>;

/// <summary>The same on PostgreSQL, where the losers are refused by row locks instead of SQLite's single writer.</summary>
public sealed class PostgresConcurrencyApiTests(PostgresTestApp app) : ConcurrencyApiTestsBase(app), IClassFixture<PostgresTestApp>;

public abstract class ConcurrencyApiTestsBase(TestApp app)
{
    private const string School = "44010010";

    /// <summary>A school with its own aid staff (school-44010004-aid), for the cross-check clearances.</summary>
    private const string AidSchool = "44010004";

    [Fact]
    public async Task DecideBatch_TwentyConcurrentApprovesAndReturns_ExactlyOneWinsTheRestAre409()
    {
        var (batchId, ids) = await Api.NewBatchAsync(app, School, students: 2);
        using var city = await app.ClientFor("city-4401");
        var etag = await ETagAsync(city, $"/api/v1/registrations/batches/{batchId}");

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            var approve = i % 2 == 0;
            using var request = new HttpRequestMessage(HttpMethod.Post, approve ? "/api/v1/registrations/approve" : "/api/v1/registrations/return")
            {
                Content = JsonContent.Create(approve ? new { batchId } : (object)new { batchId, reason = "材料与本人不符" }),
            };
            request.Headers.IfMatch.Add(etag);
            using var response = await city.SendAsync(request);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(), approve);
        }));

        Assert.DoesNotContain(answers, a => (int)a.StatusCode >= 500);
        var winner = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Equal(19, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        Assert.All(answers.Where(a => a.StatusCode == HttpStatusCode.Conflict), a =>
        {
            using var problem = System.Text.Json.JsonDocument.Parse(a.Body);
            Assert.Equal("与现有数据冲突", problem.RootElement.GetProperty("title").GetString());
            Assert.Matches("[\u4e00-\u9fff]", problem.RootElement.GetProperty("detail").GetString()!);
        });

        // Both students took the winner's decision, and nothing else.
        using var school = await app.ClientFor($"school-{School}");
        foreach (var id in ids)
        {
            var state = (await Api.GetStudentAsync(school, id)).GetProperty("registrationState").GetString();
            Assert.Equal(winner.approve ? "Approved" : "Returned", state);
        }
    }

    [Fact]
    public async Task DecideBatch_WithoutIfMatch_Returns428InChineseAndChangesNothing()
    {
        var (batchId, ids) = await Api.NewBatchAsync(app, School);
        using var city = await app.ClientFor("city-4401");
        using var response = await city.PostAsJsonAsync("/api/v1/registrations/approve", new { batchId });
        var json = await Api.ReadJson(response, (HttpStatusCode)428);
        Assert.Contains("If-Match", json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("缺少版本号", json.GetProperty("title").GetString());
        using var school = await app.ClientFor($"school-{School}");
        Assert.Equal("Submitted", (await Api.GetStudentAsync(school, ids[0])).GetProperty("registrationState").GetString());
    }

    [Fact]
    public async Task DecideBatch_StaleIfMatch_Returns409AndChangesNothing()
    {
        var (batchId, ids) = await Api.NewBatchAsync(app, School);
        using var city = await app.ClientFor("city-4401");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/registrations/approve") { Content = JsonContent.Create(new { batchId }) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"7\""));
        using var response = await city.SendAsync(request);
        var json = await Api.ReadJson(response, HttpStatusCode.Conflict);
        Assert.Equal(VersionPreconditions.StaleMessage, json.GetProperty("detail").GetString());
        using var school = await app.ClientFor($"school-{School}");
        Assert.Equal("Submitted", (await Api.GetStudentAsync(school, ids[0])).GetProperty("registrationState").GetString());
    }

    [Fact]
    public async Task UpdateStudent_FromAStaleRead_Returns409AndKeepsTheOtherClerksEdit()
    {
        using var clerk = await app.ClientFor($"school-{School}");
        var idNumber = IdNumbers.Next();
        var id = await Api.RegisterAsync(clerk, School, idNumber);
        var seen = await ETagAsync(clerk, $"/api/v1/students/{id}");

        using var first = await PutAsync(clerk, id, idNumber, "2026级数控甲班", seen);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var stale = await PutAsync(clerk, id, idNumber, "2026级数控乙班", seen);
        var json = await Api.ReadJson(stale, HttpStatusCode.Conflict);
        Assert.Equal(VersionPreconditions.StaleMessage, json.GetProperty("detail").GetString());

        Assert.Equal("2026级数控甲班", (await Api.GetStudentAsync(clerk, id)).GetProperty("className").GetString());
        Assert.NotEqual(seen, await ETagAsync(clerk, $"/api/v1/students/{id}"));
    }

    [Fact]
    public async Task UpdateStudent_TwentyConcurrentEditsOfOneVersion_ExactlyOneIsKeptTheRestAre409()
    {
        using var clerk = await app.ClientFor($"school-{School}");
        var idNumber = IdNumbers.Next();
        var id = await Api.RegisterAsync(clerk, School, idNumber);
        var seen = await ETagAsync(clerk, $"/api/v1/students/{id}");

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            using var response = await PutAsync(clerk, id, idNumber, $"2026级数控{i}班", seen);
            return (response.StatusCode, ClassName: $"2026级数控{i}班");
        }));

        Assert.DoesNotContain(answers, a => (int)a.StatusCode >= 500);
        var kept = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Equal(19, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(kept.ClassName, (await Api.GetStudentAsync(clerk, id)).GetProperty("className").GetString());
    }

    [Fact]
    public async Task UpdateStudent_WithoutIfMatch_Returns428AndChangesNothing()
    {
        using var clerk = await app.ClientFor($"school-{School}");
        var idNumber = IdNumbers.Next();
        var id = await Api.RegisterAsync(clerk, School, idNumber);
        using var response = await PutAsync(clerk, id, idNumber, "2026级数控丙班", ifMatch: null);
        await Api.ReadJson(response, (HttpStatusCode)428);
        Assert.Equal("2026级数控1班", (await Api.GetStudentAsync(clerk, id)).GetProperty("className").GetString());
    }

    [Fact]
    public async Task DecideStatusChange_TwentyConcurrentApprovesAndReturns_ExactlyOneWinsTheRestAre409()
    {
        var change = await StatusChangeApi.ChangeAsync(app, School, "Withdrawal", "submitted");
        using var city = await app.ClientFor("city-4401");
        var etag = await ETagAsync(city, $"/api/v1/status-changes/{change}");

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/status-changes/{change}/{(i % 2 == 0 ? "approve" : "return")}")
            {
                Content = JsonContent.Create(new { reason = "缺少退学申请书" }),
            };
            request.Headers.IfMatch.Add(etag);
            using var response = await city.SendAsync(request);
            return response.StatusCode;
        }));

        Assert.DoesNotContain(answers, a => (int)a >= 500);
        Assert.Single(answers, a => a == HttpStatusCode.OK);
        Assert.Equal(19, answers.Count(a => a == HttpStatusCode.Conflict));
        using var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/status-changes/{change}/undo") { Content = JsonContent.Create(new { reason = "经核实系误报" }) };
        stale.Headers.IfMatch.Add(etag);
        using var refused = await city.SendAsync(stale);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }

    [Fact]
    public async Task DecideGraduationRound_TwentyConcurrentApprovesAndReturns_ExactlyOneWinsTheRestAre409()
    {
        var round = GraduationApi.IdOf(await GraduationApi.RoundAsync(app, School, "submitted", 1));
        using var city = await app.ClientFor("city-4401");
        var etag = await ETagAsync(city, $"/api/v1/graduation-rounds/{round}");

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            var approve = i % 2 == 0;
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/graduation-rounds/{round}/{(approve ? "approve" : "return")}")
            {
                Content = JsonContent.Create(new { reason = "缺少课程成绩单" }),
            };
            request.Headers.IfMatch.Add(etag);
            using var response = await city.SendAsync(request);
            return (response.StatusCode, approve);
        }));

        Assert.DoesNotContain(answers, a => (int)a.StatusCode >= 500);
        var winner = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Equal(19, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(winner.approve ? "Approved" : "Returned", await GraduationStateAsync(city, round));
    }

    [Fact]
    public async Task DecideGraduationRound_StaleIfMatch_Returns409_MissingIfMatch_Returns428_AndNothingChanges()
    {
        var round = GraduationApi.IdOf(await GraduationApi.RoundAsync(app, School, "submitted", 1));
        using var city = await app.ClientFor("city-4401");
        var before = await ETagAsync(city, $"/api/v1/graduation-rounds/{round}");

        using var stale = await PostAsync(city, $"/api/v1/graduation-rounds/{round}/approve", new { }, new EntityTagHeaderValue("\"999\""));
        Assert.Equal(VersionPreconditions.StaleMessage, (await Api.ReadJson(stale, HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        using var missing = await PostAsync(city, $"/api/v1/graduation-rounds/{round}/approve", new { }, ifMatch: null);
        Assert.Contains("If-Match", (await Api.ReadJson(missing, (HttpStatusCode)428)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.Equal("Submitted", await GraduationStateAsync(city, round));
        Assert.Equal(before, await ETagAsync(city, $"/api/v1/graduation-rounds/{round}"));
    }

    [Fact]
    public async Task DecideHardship_TwentyConcurrentDecisions_ExactlyOneWinsTheRestAre409()
    {
        var id = await HardshipApi.AssessmentAsync(app, School, "reviewed");
        using var admin = await app.ClientFor($"school-{School}");
        var etag = await ETagAsync(admin, $"/api/v1/hardship/{id}");
        string[] levels = ["Extreme", "Hardship", "Moderate"];

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            using var response = await PostAsync(admin, $"/api/v1/hardship/{id}/decision", new { level = levels[i % 3] }, etag);
            return (response.StatusCode, Level: levels[i % 3]);
        }));

        Assert.DoesNotContain(answers, a => (int)a.StatusCode >= 500);
        var winner = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Equal(19, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        using var detail = await admin.GetAsync($"/api/v1/hardship/{id}");
        Assert.Equal(winner.Level, (await Api.ReadJson(detail, HttpStatusCode.OK)).GetProperty("row").GetProperty("level").GetString());
    }

    [Fact]
    public async Task DecideHardship_StaleIfMatch_Returns409_MissingIfMatch_Returns428_AndNothingChanges()
    {
        var id = await HardshipApi.AssessmentAsync(app, School, "reviewed");
        using var admin = await app.ClientFor($"school-{School}");
        var before = await ETagAsync(admin, $"/api/v1/hardship/{id}");

        using var stale = await PostAsync(admin, $"/api/v1/hardship/{id}/decision", HardshipApi.Decision, new EntityTagHeaderValue("\"999\""));
        Assert.Equal(VersionPreconditions.StaleMessage, (await Api.ReadJson(stale, HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        using var missing = await PostAsync(admin, $"/api/v1/hardship/{id}/decision", HardshipApi.Decision, ifMatch: null);
        Assert.Contains("If-Match", (await Api.ReadJson(missing, (HttpStatusCode)428)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var detail = await admin.GetAsync($"/api/v1/hardship/{id}");
        Assert.Equal(JsonValueKind.Null, (await Api.ReadJson(detail, HttpStatusCode.OK)).GetProperty("row").GetProperty("level").ValueKind);
        Assert.Equal(before, await ETagAsync(admin, $"/api/v1/hardship/{id}"));
    }

    [Fact]
    public async Task ClearCrossCheckCase_TwentyConcurrentClearances_ExactlyOneWinsTheRestAre409()
    {
        var id = await PlantCaseAsync();
        using var aid = await app.ClientFor($"school-{AidSchool}-aid");
        var etag = await ETagAsync(aid, $"/api/v1/crosscheck/cases/{id}");
        // Not WithdrawHere: it revokes the aid line, which this planted case does not have.
        string[] actions = ["Keep", "Transferred"];

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            using var response = await ClearAsync(aid, id, actions[i % 2], etag);
            return (response.StatusCode, Action: actions[i % 2]);
        }));

        Assert.DoesNotContain(answers, a => (int)a.StatusCode >= 500);
        var winner = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Equal(19, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        using var detail = await aid.GetAsync($"/api/v1/crosscheck/cases/{id}");
        var state = (await Api.ReadJson(detail, HttpStatusCode.OK)).GetProperty("state").GetString();
        Assert.Equal(winner.Action == "Keep" ? "Kept" : "Transferred", state);
    }

    [Fact]
    public async Task ClearCrossCheckCase_StaleIfMatch_Returns409_MissingIfMatch_Returns428_AndNothingChanges()
    {
        var id = await PlantCaseAsync();
        using var aid = await app.ClientFor($"school-{AidSchool}-aid");
        var before = await ETagAsync(aid, $"/api/v1/crosscheck/cases/{id}");

        using var stale = await ClearAsync(aid, id, "Keep", new EntityTagHeaderValue("\"999\""));
        Assert.Equal(VersionPreconditions.StaleMessage, (await Api.ReadJson(stale, HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        using var missing = await ClearAsync(aid, id, "Keep", ifMatch: null);
        Assert.Contains("If-Match", (await Api.ReadJson(missing, (HttpStatusCode)428)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var detail = await aid.GetAsync($"/api/v1/crosscheck/cases/{id}");
        var json = await Api.ReadJson(detail, HttpStatusCode.OK);
        Assert.Equal("Open", json.GetProperty("state").GetString());
        Assert.False(json.GetProperty("hasEvidence").GetBoolean());
        Assert.Equal(before, await ETagAsync(aid, $"/api/v1/crosscheck/cases/{id}"));
    }

    [Fact]
    public async Task GetStudent_AnswersItsVersionAsStrongETag()
    {
        using var clerk = await app.ClientFor($"school-{School}");
        var id = await Api.RegisterAsync(clerk, School);
        var etag = await ETagAsync(clerk, $"/api/v1/students/{id}");
        Assert.False(etag.IsWeak);
        Assert.Matches("^\"[0-9]+\"$", etag.Tag);
    }

    private static async Task<EntityTagHeaderValue> ETagAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag ?? throw new InvalidOperationException($"{url} answered no ETag");
    }

    /// <summary>An open ministry match at the aid school, written as the system (no aid list is needed for the clearance).</summary>
    private async Task<Guid> PlantCaseAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("test");
        var db = scope.ServiceProvider.GetRequiredService<TsaDbContext>();
        var school = await db.Set<Organization>().IgnoreQueryFilters().SingleAsync(o => o.Code == AidSchool);
        var today = app.Services.GetRequiredService<TimeProvider>().Today();
        var line = new ApprovedAidLine(Guid.NewGuid(), school.Id, school.Code, school.Name, school.ScopePath, $"person-{Guid.NewGuid():N}", AidItem.Waiver,
            2026, Semester.Autumn, "比对测试", "440524********5368");
        var c = new CrossCheckCase(Guid.NewGuid(), CrossCheckKind.MinistryMatch, 202610, Guid.NewGuid(), line, "广州市轻工职业学校", today, today.AddDays(10));
        db.Add(c);
        await db.SaveChangesAsync();
        return c.Id;
    }

    private static async Task<HttpResponseMessage> ClearAsync(HttpClient client, Guid id, string action, EntityTagHeaderValue? ifMatch)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(action), "action" },
            { new StringContent("经核实，该生本学期在本校就读，对方名单有误。"), "note" },
        };
        var file = new ByteArrayContent(CrossCheckDemoData.DemoPdf());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "证明.pdf");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/crosscheck/cases/{id}/clearance") { Content = form };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(ifMatch);
        }

        return await client.SendAsync(request);
    }

    private static async Task<string?> GraduationStateAsync(HttpClient client, Guid round)
    {
        using var response = await client.GetAsync($"/api/v1/graduation-rounds/{round}");
        return (await Api.ReadJson(response, HttpStatusCode.OK)).GetProperty("round").GetProperty("state").GetString();
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object body, EntityTagHeaderValue? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(ifMatch);
        }

        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, Guid id, string idNumber, string className, EntityTagHeaderValue? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/students/{id}")
        {
            Content = JsonContent.Create(Api.NewStudent(idNumber, tweak: b => b["className"] = className), options: Api.Json),
        };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(ifMatch);
        }

        return await client.SendAsync(request);
    }
}
