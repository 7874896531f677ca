using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Graduation.Contracts;
using TechSchoolAid.Seeding;

namespace TechSchoolAid.Web.Tests;

/// <summary>Small HTTP steps for graduation (GRD-1/GRD-2), shared by the API tests and the authorization matrix.</summary>
public static class GraduationApi
{
    /// <summary>A demo graduate of 44010010's approved round (docs/certificate-number.md's worked example).</summary>
    public const string DemoNumber = "20264401001011000019";

    public const string DemoHolder = "陈嘉怡";

    private static int _person = 100;

    /// <summary>Active students of a school whose schooling has ended, written as the system (demo data has them only at 44010007).</summary>
    public static async Task<List<Guid>> CandidatesAsync(TestApp app, string school, int count)
    {
        var first = Interlocked.Add(ref _person, count) - count;
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("test");
        return await GraduationDemoData.AddCandidatesAsync(scope.ServiceProvider.GetRequiredService<TsaDbContext>(), scope.ServiceProvider.GetRequiredService<PersonalDataProtector>(),
            app.Services.GetRequiredService<TimeProvider>(), school, count, first, CancellationToken.None);
    }

    /// <summary>
    /// A round at a school made by its administrator, taken up to "draft" (no candidates), "assessed", "submitted" or
    /// "approved" (by its direct supervisor); with candidates, the last one's courses failed when <paramref name="failLast"/>.
    /// </summary>
    public static async Task<JsonElement> RoundAsync(TestApp app, string school, string upTo, int candidates = 2, bool failLast = false)
    {
        var ids = upTo == "draft" ? [] : await CandidatesAsync(app, school, candidates);
        using var admin = await app.ClientFor($"school-{school}");
        using var opened = await admin.PostAsJsonAsync($"/api/v1/schools/{school}/graduation-rounds", new { name = "2026年夏季毕业", graduationDate = "2026-07-01", studentIds = upTo == "draft" ? null : ids });
        var round = await Api.ReadJson(opened, HttpStatusCode.Created);
        var id = round.GetProperty("round").GetProperty("id").GetGuid();
        if (upTo == "draft")
        {
            return round;
        }

        var entries = round.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ToList();
        using var assessed = await Api.StepAsync(admin, HttpMethod.Put, $"/api/v1/graduation-rounds/{id}/assessments",
            new { items = entries.Select((e, i) => new { entryId = e, conductPassed = true, coursesPassed = !(failLast && i == entries.Count - 1) }) });
        round = await Api.ReadJson(assessed, HttpStatusCode.OK);
        if (upTo == "assessed")
        {
            return round;
        }

        using var submitted = await Api.StepAsync(admin, HttpMethod.Post, $"/api/v1/graduation-rounds/{id}/submit");
        round = await Api.ReadJson(submitted, HttpStatusCode.OK);
        if (upTo == "submitted")
        {
            return round;
        }

        using var supervisor = await app.ClientFor(StatusChangeApi.SupervisorOf(school));
        using var approved = await Api.StepAsync(supervisor, HttpMethod.Post, $"/api/v1/graduation-rounds/{id}/approve");
        return await Api.ReadJson(approved, HttpStatusCode.OK);
    }

    public static Guid IdOf(JsonElement round) => round.GetProperty("round").GetProperty("id").GetGuid();

    public static string NumberOf(JsonElement round, int entry) => round.GetProperty("entries")[entry].GetProperty("certificateNumber").GetString()!;
}

public sealed class GraduationApiTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task PublicLookup_RightNumberAndName_AnswersOnlyWhatTheCertificateShows()
    {
        using var client = app.AnonymousClient();
        using var response = await client.GetAsync($"/api/v1/public/certificates/{GraduationApi.DemoNumber}?name={Uri.EscapeDataString(GraduationApi.DemoHolder)}");
        var json = await Api.ReadJson(response, HttpStatusCode.OK);
        Assert.Equal(["number", "certificateKind", "school", "major", "level", "graduationDate", "valid", "status"], json.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("毕业证书", json.GetProperty("certificateKind").GetString());
        Assert.Equal("2026-07-01", json.GetProperty("graduationDate").GetString());
        Assert.DoesNotContain(GraduationApi.DemoHolder, json.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicLookup_WrongNameUnknownOrMisspeltNumber_AnswerByteForByteAlike()
    {
        using var client = app.AnonymousClient();
        var misspelt = GraduationApi.DemoNumber[..18] + "13"[..1] + "4"; // check character wrong
        var answers = new List<(HttpStatusCode Status, string? Type, string Body)>();
        foreach (var url in new[]
        {
            $"/api/v1/public/certificates/{GraduationApi.DemoNumber}?name={Uri.EscapeDataString("王五")}",
            $"/api/v1/public/certificates/{GraduationApi.DemoNumber}",
            $"/api/v1/public/certificates/20264401000411099998?name={Uri.EscapeDataString(GraduationApi.DemoHolder)}",
            $"/api/v1/public/certificates/{misspelt}?name={Uri.EscapeDataString(GraduationApi.DemoHolder)}",
            $"/api/v1/public/certificates/not-a-number?name=x",
        })
        {
            using var response = await client.GetAsync(url);
            answers.Add((response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync()));
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NotFound, a.Status));
        Assert.Single(answers.Select(a => a.Type).Distinct());
        Assert.Single(answers.Select(a => a.Body).Distinct());
        Assert.Contains("未查询到", answers[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Round_OverHttp_RefusesUnassessedAndNonSupervisor_ThenIssuesValidNumbers()
    {
        const string school = "44030005"; // 市管, city 4403
        var ids = await GraduationApi.CandidatesAsync(app, school, 3);
        using var admin = await app.ClientFor($"school-{school}");
        using var opened = await admin.PostAsJsonAsync($"/api/v1/schools/{school}/graduation-rounds", new { name = "2026年夏季毕业", graduationDate = "2026-07-01" });
        var round = await Api.ReadJson(opened, HttpStatusCode.Created);
        Assert.Equal(3, round.GetProperty("entries").GetArrayLength());
        Assert.Equal(ids.Order(), round.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("studentId").GetGuid()).Order());
        var id = GraduationApi.IdOf(round);

        using var early = await Api.StepAsync(admin, HttpMethod.Post, $"/api/v1/graduation-rounds/{id}/submit");
        var problem = await Api.ReadJson(early, HttpStatusCode.Conflict);
        Assert.Contains("未完成毕业评定", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var entries = round.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ToList();
        using var assessed = await Api.StepAsync(admin, HttpMethod.Put, $"/api/v1/graduation-rounds/{id}/assessments",
            new { items = entries.Select((e, i) => new { entryId = e, conductPassed = true, coursesPassed = i > 0 }) });
        await Api.ReadJson(assessed, HttpStatusCode.OK);
        using var submitted = await Api.StepAsync(admin, HttpMethod.Post, $"/api/v1/graduation-rounds/{id}/submit");
        await Api.ReadJson(submitted, HttpStatusCode.OK);

        using var province = await app.ClientFor("prov-44");
        using var notMine = await Api.StepAsync(province, HttpMethod.Post, $"/api/v1/graduation-rounds/{id}/approve");
        Assert.Contains("直接主管部门", (await Api.ReadJson(notMine, HttpStatusCode.Forbidden)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var city = await app.ClientFor("city-4403");
        using var approved = await Api.StepAsync(city, HttpMethod.Post, $"/api/v1/graduation-rounds/{id}/approve");
        var done = await Api.ReadJson(approved, HttpStatusCode.OK);
        Assert.Equal("Approved", done.GetProperty("round").GetProperty("state").GetString());
        var numbers = done.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("certificateNumber").GetString()!).ToList();
        Assert.All(numbers, n => Assert.True(CertificateNumber.IsValid(n), n));
        Assert.Equal(3, numbers.Distinct().Count());
        Assert.Single(numbers, n => CertificateNumber.KindOf(n) == CertificateKind.Completion);

        using var certificate = await admin.GetAsync($"/api/v1/certificates/{numbers[1]}");
        var staffView = await Api.ReadJson(certificate, HttpStatusCode.OK);
        Assert.Equal(done.GetProperty("entries")[1].GetProperty("studentName").GetString(), staffView.GetProperty("holderName").GetString());
        using var elsewhere = await (await app.ClientFor("school-44010004")).GetAsync($"/api/v1/certificates/{numbers[1]}");
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }
}

/// <summary>The same application with a low limit, so the 429 is reached without slowing other tests.</summary>
public sealed class RateLimitedTestApp : TestApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("PublicLookup:PermitPerMinute", "3");
    }
}

public sealed class CertificateRateLimitTests(RateLimitedTestApp app) : IClassFixture<RateLimitedTestApp>
{
    [Fact]
    public async Task PublicLookup_BeyondTheLimit_429ProblemDetailsInChinese()
    {
        using var client = app.AnonymousClient();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.GetAsync($"/api/v1/public/certificates/{GraduationApi.DemoNumber}?name={Uri.EscapeDataString(GraduationApi.DemoHolder)}");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var limited = await client.GetAsync($"/api/v1/public/certificates/{GraduationApi.DemoNumber}?name={Uri.EscapeDataString(GraduationApi.DemoHolder)}");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.True(limited.Headers.RetryAfter is not null);
        var body = await Api.ReadJson(limited, HttpStatusCode.TooManyRequests);
        Assert.Equal(429, body.GetProperty("status").GetInt32());
        Assert.Contains("查询过于频繁", body.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The page shares the limit, and answers in HTML.
        using var page = await client.GetAsync("/certificates");
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("请求过多", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

/// <summary>The public page: static server rendering, a plain form, no circuit.</summary>
public sealed class CertificatePageTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task LookupPage_StaticFormPostedWithoutScript_ShowsResultAndNoCircuit()
    {
        using var client = app.AnonymousClient();
        using var get = await client.GetAsync($"/certificates?number={GraduationApi.DemoNumber}");
        var html = await get.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.DoesNotContain("<!--Blazor:{\"type\":\"server\"", html, StringComparison.Ordinal); // no interactive component marker
        Assert.Contains($"value=\"{GraduationApi.DemoNumber}\"", html, StringComparison.Ordinal);
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "certificate-lookup",
            ["__RequestVerificationToken"] = token,
            ["Input.Number"] = GraduationApi.DemoNumber,
            ["Input.Name"] = GraduationApi.DemoHolder,
        });
        using var post = await client.PostAsync("/certificates", form);
        var result = System.Net.WebUtility.HtmlDecode(await post.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("data-testid=\"lookup-result\"", result, StringComparison.Ordinal);
        Assert.Contains("毕业证书", result, StringComparison.Ordinal);
    }
}
