using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Funds.Domain;

namespace TechSchoolAid.Web.Tests;

/// <summary>FND-3 over HTTP: the indicators per province and school, the province's targets and self-evaluation, the ministry's ranking, and bad input refused.</summary>
public sealed class FundsPerformanceApiTests(TestApp app) : IClassFixture<TestApp>
{
    private static object Targets(int year, int execution = 90, int? version = null) => new
    {
        fiscalYear = year, executionRatePercent = execution, timelinessPercent = 95, approvalOnTimePercent = 100, duplicatesClearedPercent = 100,
        rectificationPercent = 90, version,
    };

    [Fact]
    public async Task Indicators_TargetsSelfEvaluation_AndTheMinistryRanking()
    {
        // An approved waiver list of 2026 at 44010004: the approvals indicator has a denominator.
        await AidRoundApi.RoundAsync(app, "44010004", "Waiver", "reviewed");
        using var ministry = await app.ClientFor("ministry");
        await FundsBudgetApi.AllocateAsync(ministry, FundsBudgetApi.Allocation(2026, "Waiver", "Central", "44", 1_000_000, "2026-03-01"));

        using var province = await app.ClientFor("prov-44");
        var targets = await AidRoundApi.GetAsync(province, "/api/v1/funds/performance?fiscalYear=2026");
        Assert.True(targets.GetProperty("canManage").GetBoolean());
        using var set = await province.PutAsJsonAsync("/api/v1/funds/performance/targets", Targets(2026));
        var saved = await Api.ReadJson(set, HttpStatusCode.OK);
        Assert.Equal(90, saved.GetProperty("executionRatePercent").GetInt32());
        using var evaluated = await province.PutAsJsonAsync("/api/v1/funds/performance/self-evaluation", new { fiscalYear = 2026, score = 86, notes = "资金按时下达，个别学校发放滞后，已督促整改。" });
        Assert.Equal(86, (await Api.ReadJson(evaluated, HttpStatusCode.OK)).GetProperty("score").GetInt32());

        var report = await AidRoundApi.GetAsync(province, "/api/v1/funds/performance?fiscalYear=2026");
        Assert.Equal(86, report.GetProperty("selfEvaluation").GetProperty("score").GetInt32());
        var own = report.GetProperty("provinces").EnumerateArray().Single();
        Assert.Equal("44", own.GetProperty("code").GetString());
        var execution = Indicator(own, "execution");
        Assert.Equal(1_000_000, execution.GetProperty("denominator").GetInt64());
        Assert.Equal(90, execution.GetProperty("targetPercent").GetInt32());
        var approvals = Indicator(own, "approval");
        Assert.True(approvals.GetProperty("denominator").GetInt64() >= 1);
        Assert.Equal(approvals.GetProperty("denominator").GetInt64(), approvals.GetProperty("numerator").GetInt64()); // approved the day the list was submitted, before 30 November
        var school = report.GetProperty("schools").EnumerateArray().Single(s => s.GetProperty("code").GetString() == "44010004");
        Assert.True(Indicator(school, "approval").GetProperty("denominator").GetInt64() >= 1);

        // The ministry ranks the provinces in its scope, with their self-evaluation scores.
        var national = await AidRoundApi.GetAsync(ministry, "/api/v1/funds/performance?fiscalYear=2026");
        var ranked = national.GetProperty("provinces").EnumerateArray().ToList();
        Assert.Contains(ranked, p => p.GetProperty("code").GetString() == "51");
        var gd = ranked.Single(p => p.GetProperty("code").GetString() == "44");
        Assert.Equal(1, gd.GetProperty("rank").GetInt32());
        Assert.Equal(86, gd.GetProperty("selfScore").GetInt32());
        Assert.Empty(national.GetProperty("schools").EnumerateArray());
        Assert.False(national.GetProperty("canManage").GetBoolean());
    }

    [Theory]
    [InlineData(101)]
    [InlineData(-1)]
    public async Task SelfEvaluation_ScoreOutside0To100_RefusedNamingScore_NothingWritten(int score)
    {
        using var province = await app.ClientFor("prov-44");
        var before = await CountAsync();
        using var response = await province.PutAsJsonAsync("/api/v1/funds/performance/self-evaluation", new { fiscalYear = 2025, score, notes = "自评说明" });
        var problem = await Api.ReadJson(response, HttpStatusCode.BadRequest);
        Assert.Contains("0 至 100", problem.GetProperty("errors").GetProperty("score")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("executionRatePercent", 120)]
    [InlineData("rectificationPercent", -5)]
    public async Task Targets_OutsideZeroToHundred_RefusedNamingTheField(string field, int value)
    {
        using var province = await app.ClientFor("prov-44");
        var body = new Dictionary<string, object?>
        {
            ["fiscalYear"] = 2024, ["executionRatePercent"] = 90, ["timelinessPercent"] = 90, ["approvalOnTimePercent"] = 90, ["duplicatesClearedPercent"] = 90,
            ["rectificationPercent"] = 90, [field] = value,
        };
        using var response = await province.PutAsJsonAsync("/api/v1/funds/performance/targets", body);
        var problem = await Api.ReadJson(response, HttpStatusCode.BadRequest);
        Assert.Contains("0 至 100", problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        var report = await AidRoundApi.GetAsync(province, "/api/v1/funds/performance?fiscalYear=2024");
        Assert.Equal(JsonValueKind.Null, report.GetProperty("targets").ValueKind);
    }

    [Fact]
    public async Task Targets_StaleVersion_409_AndOnlyTheProvinceAdministratorSetsThem()
    {
        using var province = await app.ClientFor("prov-44");
        using var first = await province.PutAsJsonAsync("/api/v1/funds/performance/targets", Targets(2023));
        var version = (await Api.ReadJson(first, HttpStatusCode.OK)).GetProperty("version").GetInt32();
        using var second = await province.PutAsJsonAsync("/api/v1/funds/performance/targets", Targets(2023, 80, version));
        await Api.ReadJson(second, HttpStatusCode.OK);
        using var stale = await province.PutAsJsonAsync("/api/v1/funds/performance/targets", Targets(2023, 70, version));
        Assert.Contains("已被他人修改", (await Api.ReadJson(stale, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var city = await app.ClientFor("city-4401");
        using var refused = await city.PutAsJsonAsync("/api/v1/funds/performance/targets", Targets(2023));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private static JsonElement Indicator(JsonElement row, string key) =>
        row.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("key").GetString() == key);

    private async Task<int> CountAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("test-count");
        return await scope.ServiceProvider.GetRequiredService<TsaDbContext>().Set<PerformanceSelfEvaluation>().IgnoreQueryFilters().CountAsync();
    }
}
