using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel;

namespace TechSchoolAid.Web.Tests;

/// <summary>
/// The policy rules of the notice through the API: the national average as a floor, national approval deadlines, the
/// reopening bounded by the term, lines approved late marked in every view, and the 计划单列市's central shares.
/// </summary>
public sealed class RulesPolicyApiTests(TestApp app) : IClassFixture<TestApp>
{
    private static object Table(string province, int year, long average, object? tiers = null, object? autumnDeadline = null) => new
    {
        provinceCode = province,
        title = $"{year}年度",
        validFrom = $"{year}-01-01",
        validTo = $"{year}-12-31",
        grantGradeFrom = 1,
        grantGradeTo = year >= 2025 ? 3 : 2,
        grantAverageFen = average,
        tiers = tiers ?? new[] { new { amountFen = 300_000, sharePercent = 40 }, new { amountFen = 200_000, sharePercent = 60 } },
        allRuralAreaCodes = Array.Empty<string>(),
        publicationWorkingDays = 5,
        objectionAnswerWorkingDays = 5,
        autumnApprovalDeadline = autumnDeadline,
        source = "测试文件〔2026〕1号",
    };

    private async Task<int> PolicyCount(HttpClient client, string province)
    {
        using var list = await client.GetAsync($"/api/v1/aid-policies?provinceCode={province}");
        return (await Api.ReadJson(list, HttpStatusCode.OK)).GetArrayLength();
    }

    private static async Task<string[]> Refusal(HttpResponseMessage response, string field)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Api.ReadJson(response, HttpStatusCode.BadRequest);
        return [.. problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()!)];
    }

    public static TheoryData<string, int, long, string, string> BelowTheFloor() => new()
    {
        { "declared-2024", 2024, 199_900, "grantAverageFen", "平均资助标准 1,999 元低于国家平均资助标准 2,000 元" },
        { "declared-2025", 2025, 229_900, "grantAverageFen", "平均资助标准 2,299 元低于国家平均资助标准 2,300 元" },
        { "expected-2025", 2025, 230_000, "tiers", "预计平均资助标准 2,299 元低于国家平均资助标准 2,300 元" },
    };

    [Theory]
    [MemberData(nameof(BelowTheFloor))]
    public async Task Create_AverageBelowTheNationalFloor_400WithFigures_NothingWritten(string name, int year, long average, string field, string message)
    {
        using var province = await app.ClientFor("ministry");
        var tiers = name == "expected-2025" ? new[] { new { amountFen = 300_000, sharePercent = 50 }, new { amountFen = 159_800, sharePercent = 50 } } : null;
        var before = await PolicyCount(province, "45");
        using var response = await province.PostAsJsonAsync("/api/v1/aid-policies", Table("45", year, average, tiers));
        var errors = await Refusal(response, field);
        Assert.Contains(errors, e => e.Contains(message, StringComparison.Ordinal) && e.Contains("财教〔2024〕181号", StringComparison.Ordinal));
        Assert.Equal(before, await PolicyCount(province, "45"));
    }

    [Fact]
    public async Task Create_AtTheFloor_201_MeetsTheNationalStandard()
    {
        using var province = await app.ClientFor("ministry");
        using var response = await province.PostAsJsonAsync("/api/v1/aid-policies", Table("46", 2025, 230_000,
            new[] { new { amountFen = 300_000, sharePercent = 30 }, new { amountFen = 200_000, sharePercent = 70 } }));
        var view = await Api.ReadJson(response, HttpStatusCode.Created);
        Assert.Equal(230_000, view.GetProperty("nationalAverageFen").GetInt64());
        Assert.True(view.GetProperty("meetsStandard").GetBoolean());
        Assert.Equal(11, view.GetProperty("values").GetProperty("autumnApprovalDeadline").GetProperty("month").GetInt32());
    }

    [Fact]
    public async Task Create_ProvinceMovesTheApprovalDeadline_400NamesTheRule_NothingWritten()
    {
        using var province = await app.ClientFor("prov-44");
        var before = await PolicyCount(province, "44");
        using var response = await province.PostAsJsonAsync("/api/v1/aid-policies", Table("44", 2026, 230_000, autumnDeadline: new { month = 12, day = 31 }));
        var errors = await Refusal(response, "autumnApprovalDeadline");
        Assert.Contains(errors, e => e.Contains("审批截止日期由国家统一规定", StringComparison.Ordinal) && e.Contains("11月30日", StringComparison.Ordinal));
        Assert.Equal(before, await PolicyCount(province, "44"));
    }

    [Fact]
    public async Task NationalRanges_CarryTheAverageAndTheDeadlines_WithTheirDocuments()
    {
        using var client = await app.ClientFor("school-44010004-aid");
        var ranges = await AidRoundApi.GetAsync(client, "/api/v1/aid-policies/national-ranges");
        var byAverage = ranges.EnumerateArray().ToDictionary(r => r.GetProperty("validFrom").GetString()!, r => r);
        Assert.Equal(200_000, byAverage["2024-01-01"].GetProperty("nationalAverageFen").GetInt64());
        Assert.Equal(230_000, byAverage["2025-01-01"].GetProperty("nationalAverageFen").GetInt64());
        Assert.Contains("财教〔2024〕181号", byAverage["2025-01-01"].GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.Equal(5, byAverage["2025-01-01"].GetProperty("springApprovalDeadline").GetProperty("month").GetInt32());
        Assert.Equal(30, byAverage["2025-01-01"].GetProperty("autumnApprovalDeadline").GetProperty("day").GetInt32());
    }

    [Fact]
    public async Task Reopening_PastTheEndOfTheTerm_400NamesTheEnd_NothingWritten()
    {
        using var province = await app.ClientFor("prov-44");
        using var response = await province.PostAsJsonAsync("/api/v1/aid-rounds/reopenings",
            new { schoolYear = 2026, semester = "Autumn", until = "2027-03-01", reason = "材料补正" });
        var errors = await Refusal(response, "until");
        Assert.Contains(errors, e => e.Contains("2026-2027学年秋季学期结束日 2027-02-28", StringComparison.Ordinal));
        using var ok = await province.PostAsJsonAsync("/api/v1/aid-rounds/reopenings",
            new { schoolYear = 2026, semester = "Autumn", until = "2027-02-28", reason = "材料补正后复核" });
        await Api.ReadJson(ok, HttpStatusCode.Created);
    }

    [Fact]
    public async Task CentralShares_PlanCityRowsListed_OtherCityRefused_400NothingWritten()
    {
        using var ministry = await app.ClientFor("ministry");
        var shares = await AidRoundApi.GetAsync(ministry, "/api/v1/aid-policies/central-shares?date=2026-09-01");
        var cities = shares.EnumerateArray().Where(s => s.GetProperty("cityCode").ValueKind == JsonValueKind.String).ToList();
        Assert.Equal(["2102", "3302", "3502", "3702", "4403"], cities.Select(c => c.GetProperty("cityCode").GetString()).Order(StringComparer.Ordinal));
        Assert.All(cities, c => Assert.Equal(30, c.GetProperty("sharePercent").GetInt32()));
        Assert.Equal("大连市", cities.Single(c => c.GetProperty("cityCode").GetString() == "2102").GetProperty("cityName").GetString());

        using var response = await ministry.PostAsJsonAsync("/api/v1/aid-policies/central-shares",
            new { provinceCode = "44", cityCode = "4401", sharePercent = 50, validFrom = "2030-01-01", source = "测试" });
        var errors = await Refusal(response, "cityCode");
        Assert.Contains(errors, e => e.Contains("不是计划单列市", StringComparison.Ordinal));
        var after = await AidRoundApi.GetAsync(ministry, "/api/v1/aid-policies/central-shares");
        Assert.DoesNotContain(after.EnumerateArray(), s => s.GetProperty("cityCode").GetString() == "4401");
    }

    [Fact]
    public async Task LateApproval_MarkedInEntries_EntryDetail_StudentRecords_AndExport()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("test-demo");
            await TechSchoolAid.Seeding.AidDemoData.EnsureAsync(scope.ServiceProvider, app.Clock, default);
        }

        using var aid = await app.ClientFor("school-44010004-aid");
        var rounds = await AidRoundApi.GetAsync(aid, "/api/v1/aid-rounds?schoolYear=2025&semester=Autumn");
        var round = rounds.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetGuid();
        var entries = (await AidStudents.EntriesAsync(aid, round)).GetProperty("items").EnumerateArray().ToList();
        var late = Assert.Single(entries, e => e.GetProperty("approvedLate").GetBoolean());
        Assert.All(entries, e => Assert.Equal("2025-11-30", e.GetProperty("approvalDeadline").GetString()));
        Assert.Contains(entries, e => !e.GetProperty("approvedLate").GetBoolean() && e.GetProperty("state").GetString() == "Approved");

        var detail = await AidRoundApi.GetAsync(aid, $"/api/v1/aid-entries/{late.GetProperty("id").GetGuid()}");
        Assert.True(detail.GetProperty("approvedLate").GetBoolean());
        var records = await AidRoundApi.GetAsync(aid, $"/api/v1/students/{late.GetProperty("studentId").GetGuid()}/aid-records");
        Assert.Contains(records.EnumerateArray(), r => r.GetProperty("approvedLate").GetBoolean() && r.GetProperty("roundId").GetGuid() == round);

        using var export = await aid.GetAsync($"/api/v1/aid-rounds/{round}/entries/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        await using var stream = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        var sheet = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Single(sheet, r => (r["逾期审批"] as string ?? "").StartsWith('是'));
    }
}
