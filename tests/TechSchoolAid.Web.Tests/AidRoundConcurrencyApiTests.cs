using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace TechSchoolAid.Web.Tests;

/// <summary>
/// Optimistic concurrency on the aid lists (ADR 0015, as for registration batches and status changes): a list's and a
/// line's version as the ETag, If-Match on every decision, 428 without it, 409 for a stale or losing writer, never a 500.
/// </summary>
public sealed class AidRoundConcurrencyApiTests(TestApp app) : AidRoundConcurrencyApiTestsBase(app), IClassFixture<TestApp>;

/// <summary>The same on PostgreSQL, where the losers are refused by row locks instead of SQLite's single writer.</summary>
public sealed class PostgresAidRoundConcurrencyApiTests(PostgresTestApp app) : AidRoundConcurrencyApiTestsBase(app), IClassFixture<PostgresTestApp>;

public abstract class AidRoundConcurrencyApiTestsBase(TestApp app)
{
    private const string School = "44010004";

    [Fact]
    public async Task EntryTier_WithoutIfMatch428_StaleIfMatch409_AndTheFirstWriterKeepsItsValue()
    {
        var round = await AidRoundApi.RoundAsync(app, School, "Grant", "draft");
        var tiers = round.GetProperty("tiers").EnumerateArray().Select(t => t.GetInt64()).ToList();
        Assert.True(tiers.Count >= 2, "the province's policy has at least two tiers");
        var entry = await AidRoundApi.FirstEntryAsync(app, School, AidRoundApi.IdOf(round));
        using var aid = await app.ClientFor($"school-{School}-aid");
        var seen = await ETagAsync(aid, $"/api/v1/aid-entries/{entry}");

        using (var bare = await aid.PostAsJsonAsync($"/api/v1/aid-entries/{entry}/tier", new { yearAmountFen = tiers[0] }))
        {
            Assert.Equal((HttpStatusCode)428, bare.StatusCode);
            Assert.Contains("If-Match", await bare.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var first = await PostAsync(aid, $"/api/v1/aid-entries/{entry}/tier", new { yearAmountFen = tiers[0] }, seen))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using (var stale = await PostAsync(aid, $"/api/v1/aid-entries/{entry}/tier", new { yearAmountFen = tiers[1] }, seen))
        {
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
            using var problem = JsonDocument.Parse(await stale.Content.ReadAsStringAsync());
            Assert.Matches("[\u4e00-\u9fff]", problem.RootElement.GetProperty("detail").GetString()!);
        }

        var now = await AidRoundApi.GetAsync(aid, $"/api/v1/aid-entries/{entry}");
        Assert.Equal(tiers[0], now.GetProperty("yearAmountFen").GetInt64());
        Assert.NotEqual(seen, await ETagAsync(aid, $"/api/v1/aid-entries/{entry}"));
    }

    [Fact]
    public async Task Review_TenConcurrentApprovesAndReturns_ExactlyOneWinsTheRestAre409()
    {
        var id = AidRoundApi.IdOf(await AidRoundApi.RoundAsync(app, School, "Waiver", "submitted"));
        using var city = await app.ClientFor("city-4401");
        var etag = await ETagAsync(city, $"/api/v1/aid-rounds/{id}");

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            object body = i % 2 == 0 ? new { decision = "Approve", note = "材料齐全" } : new { decision = "Return", note = "请补充公示材料" };
            using var response = await PostAsync(city, $"/api/v1/aid-rounds/{id}/review", body, etag);
            return response.StatusCode;
        }));

        Assert.DoesNotContain(answers, s => (int)s >= 500);
        Assert.Single(answers, s => s == HttpStatusCode.OK);
        Assert.Equal(9, answers.Count(s => s == HttpStatusCode.Conflict));
    }

    private static async Task<EntityTagHeaderValue> ETagAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag ?? throw new InvalidOperationException($"{path} answered no ETag");
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, EntityTagHeaderValue ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(ifMatch);
        return await client.SendAsync(request);
    }
}
