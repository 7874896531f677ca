using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Aid.Hardship.Domain;

namespace TechSchoolAid.Web.Tests;

/// <summary>Small HTTP steps for AID-1 hardship identification, shared by the API tests and the authorization matrix.</summary>
public static class HardshipApi
{
    private static readonly ConcurrentDictionary<(TestApp, string), Guid> Cache = new();
    private static readonly ConcurrentDictionary<(TestApp, string), bool> Notices = new();

    /// <summary>
    /// The school's advance notice for 2026-2027 (提前告知), receiving applications from the test clock's day: applications
    /// need it (issue 11 item 9). Published once per school and app, by the school's administrator.
    /// </summary>
    public static async Task NoticeAsync(TestApp app, string school)
    {
        if (Notices.ContainsKey((app, school)))
        {
            return;
        }

        using var admin = await app.ClientFor($"school-{school}");
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        using var response = await admin.PostAsJsonAsync("/api/v1/hardship/notices", Notice(today));
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
        Notices[(app, school)] = true;
    }

    public static object Notice(DateOnly applyFrom, int schoolYear = 2026) => new
    {
        schoolYear,
        content = "本学年家庭经济困难学生认定：个人申请、班级评议、学校认定、公示、建档",
        whoMayApply = "家庭经济困难的在籍学生",
        documents = "认定申请表、个人承诺书",
        applyFrom = applyFrom.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        applyTo = applyFrom.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };

    public static object Application(bool commitment = true) => new
    {
        schoolYear = 2026,
        semester = "Autumn",
        familySituation = "母亲长期患病，家庭年收入不足一万元",
        priorityGroups = new[] { "MinimumLivingAllowance" },
        watchGroups = new[] { "SevereIllnessDisaster" },
        commitmentSigned = commitment,
        commitmentSignedOn = "2026-10-12",
    };

    public static readonly object Panel = new { members = new[] { "班主任王老师", "学生代表李明", "家长代表张华" }, reviewedOn = "2026-10-15" };
    public static readonly object Decision = new { level = "Hardship" };
    public static readonly object Publication = new { from = "2026-10-15", to = "2026-10-21" };

    public static async Task<JsonElement> PostAsync(HttpClient client, string path, object? body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = path.StartsWith("/api/v1/hardship/", StringComparison.Ordinal)
            ? await Api.StepAsync(client, HttpMethod.Post, path, body)
            : body is null ? await client.PostAsync(path, null) : await client.PostAsJsonAsync(path, body);
        return await Api.ReadJson(response, expected);
    }

    /// <summary>A fresh assessment at a school made by its administrator, taken up to "applied", "reviewed", "decided" or "published".</summary>
    public static async Task<Guid> AssessmentAsync(TestApp app, string school, string upTo)
    {
        var student = await StatusChangeApi.ActiveStudentAsync(app, school);
        await NoticeAsync(app, school);
        using var admin = await app.ClientFor($"school-{school}");
        var id = (await PostAsync(admin, $"/api/v1/students/{student}/hardship", Application(), HttpStatusCode.Created)).GetProperty("row").GetProperty("id").GetGuid();
        string[] steps = ["applied", "reviewed", "decided", "published", "counted"];
        var last = Array.IndexOf(steps, upTo);
        if (last >= 1)
        {
            await PostAsync(admin, $"/api/v1/hardship/{id}/panel-review", Panel);
        }

        if (last >= 2)
        {
            await PostAsync(admin, $"/api/v1/hardship/{id}/decision", Decision);
        }

        if (last >= 3)
        {
            await PostAsync(admin, $"/api/v1/hardship/{id}/publication", Publication);
        }

        if (last >= 4)
        {
            await EndPublicationAsync(app, id);
        }

        return id;
    }

    /// <summary>
    /// Ends a running publication yesterday (the clock of a shared app cannot move): a level counts for aid only once its
    /// publication is over without an upheld objection (教财〔2018〕16号 四).
    /// </summary>
    public static async Task EndPublicationAsync(TestApp app, Guid assessment)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("test-publication");
        var db = scope.ServiceProvider.GetRequiredService<TsaDbContext>();
        await db.Set<HardshipAssessment>().IgnoreQueryFilters().Where(a => a.Id == assessment).ExecuteUpdateAsync(u => u
            .SetProperty(a => a.PublishedFrom, new DateOnly(2026, 10, 8))
            .SetProperty(a => a.PublishedTo, new DateOnly(2026, 10, 14)));
    }

    /// <summary>One applied assessment per school and app, made once (for cells that never reach the record).</summary>
    public static async Task<Guid> AnyOf(TestApp app, string school)
    {
        if (!Cache.TryGetValue((app, school), out var id))
        {
            id = await AssessmentAsync(app, school, "applied");
            Cache[(app, school)] = id;
        }

        return id;
    }
}

public sealed class HardshipApiTests(TestApp app) : IClassFixture<TestApp>
{
    private const string School = "44010004";

    [Fact]
    public async Task FullCycle_OverHttp_RefusesOutOfOrderSteps_AndPublicListHidesDetails()
    {
        using var aid = await app.ClientFor("school-44010004-aid");
        var student = await StatusChangeApi.ActiveStudentAsync(app, School);
        await HardshipApi.NoticeAsync(app, School);
        var created = await HardshipApi.PostAsync(aid, $"/api/v1/students/{student}/hardship", HardshipApi.Application(), HttpStatusCode.Created);
        var id = created.GetProperty("row").GetProperty("id").GetGuid();
        Assert.Equal("已申请", created.GetProperty("row").GetProperty("stateText").GetString());
        Assert.Equal("低保家庭", created.GetProperty("row").GetProperty("priorityGroups")[0].GetString());

        using (var early = await Api.StepAsync(aid, HttpMethod.Post, $"/api/v1/hardship/{id}/decision", HardshipApi.Decision))
        {
            var problem = await Api.ReadJson(early, HttpStatusCode.Conflict);
            Assert.Contains("尚未经班级认定评议小组评议", problem.GetRawText(), StringComparison.Ordinal);
        }

        await HardshipApi.PostAsync(aid, $"/api/v1/hardship/{id}/panel-review", HardshipApi.Panel);
        await HardshipApi.PostAsync(aid, $"/api/v1/hardship/{id}/decision", HardshipApi.Decision);
        using (var tooShort = await Api.StepAsync(aid, HttpMethod.Post, $"/api/v1/hardship/{id}/publication", new { from = "2026-10-15", to = "2026-10-19" }))
        {
            var problem = await Api.ReadJson(tooShort, HttpStatusCode.BadRequest);
            Assert.Contains("少于资助政策规定的 5 个工作日", problem.GetRawText(), StringComparison.Ordinal);
        }

        await HardshipApi.PostAsync(aid, $"/api/v1/hardship/{id}/publication", HardshipApi.Publication);

        using (var list = await aid.GetAsync($"/api/v1/schools/{School}/hardship-publication"))
        {
            var entries = await Api.ReadJson(list, HttpStatusCode.OK);
            Assert.True(entries.GetArrayLength() >= 1);
            foreach (var e in entries.EnumerateArray())
            {
                Assert.Equal(["className", "level", "name", "publishedFrom", "publishedTo"], e.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            }

            Assert.DoesNotContain("母亲长期患病", entries.GetRawText(), StringComparison.Ordinal);
        }

        var objected = await HardshipApi.PostAsync(aid, $"/api/v1/hardship/{id}/objection", new { text = "对等级有异议" });
        Assert.Equal("2026-10-22", objected.GetProperty("row").GetProperty("objectionDueDate").GetString());
        using (var archive = await Api.StepAsync(aid, HttpMethod.Post, $"/api/v1/hardship/{id}/archive"))
        {
            await Api.ReadJson(archive, HttpStatusCode.Conflict); // publication still running
        }

        var answered = await HardshipApi.PostAsync(aid, $"/api/v1/hardship/{id}/objection-answer", new { answer = "经复核，维持原认定" });
        Assert.Equal("school-44010004-aid", answered.GetProperty("objectionAnsweredBy").GetString());
        Assert.Equal("school-44010004-aid", answered.GetProperty("decidedBy").GetString());
        Assert.Equal("母亲长期患病，家庭年收入不足一万元", answered.GetProperty("familySituation").GetString());

        using var city = await app.ClientFor("city-4401");
        using var seen = await city.GetAsync($"/api/v1/hardship/{id}");
        var detail = await Api.ReadJson(seen, HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("familySituation").ValueKind);
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("objectionText").ValueKind);
    }

    [Fact]
    public async Task Application_WithoutCommitment_IsRefusedWithField_AndNothingWritten()
    {
        using var aid = await app.ClientFor("school-44010004-aid");
        var student = await StatusChangeApi.ActiveStudentAsync(app, School);
        using var response = await aid.PostAsJsonAsync($"/api/v1/students/{student}/hardship", HardshipApi.Application(commitment: false));
        var problem = await Api.ReadJson(response, HttpStatusCode.BadRequest);
        Assert.Contains("个人承诺", problem.GetProperty("errors").GetProperty("commitmentSigned")[0].GetString(), StringComparison.Ordinal);
        using var history = await aid.GetAsync($"/api/v1/students/{student}/hardship");
        Assert.Equal(0, (await Api.ReadJson(history, HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task Finance_IsForbidden_AndListFiltersByLevel()
    {
        var id = await HardshipApi.AssessmentAsync(app, School, "decided");
        using var finance = await app.ClientFor("school-44010004-finance");
        using (var refused = await Api.StepAsync(finance, HttpMethod.Post, $"/api/v1/hardship/{id}/publication", HardshipApi.Publication))
        {
            await Api.ReadJson(refused, HttpStatusCode.Forbidden);
        }

        using var list = await finance.GetAsync($"/api/v1/hardship?schoolCode={School}&level=Hardship&state=Decided");
        var rows = await Api.ReadJson(list, HttpStatusCode.OK);
        Assert.Contains(rows.EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);
        Assert.All(rows.EnumerateArray(), r => Assert.Equal("困难", r.GetProperty("levelText").GetString()));
    }
}
