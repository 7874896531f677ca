using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using TechSchoolAid.Modules.Dashboards.Contracts;

namespace TechSchoolAid.Web.Tests;

/// <summary>
/// The test host of the dashboard tests: overviews not reused (each request counts again), and one test-only source
/// registered in the test's own services, to prove the dashboard shows whatever sources are registered.
/// </summary>
public sealed class DashboardTestApp : TestApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Dashboards:CacheSeconds", "0");
        builder.ConfigureTestServices(services => services.AddScoped<IDashboardSource, TestOnlySource>());
    }

    /// <summary>A tile counting the units below the scope (1 each), first on the page, with money to show yuan in the export.</summary>
    private sealed class TestOnlySource : IDashboardSource
    {
        public Task<IReadOnlyList<DashboardTile>> TilesAsync(DashboardQuery query, CancellationToken ct)
        {
            var sums = new DashboardBreakdown(query, 2);
            foreach (var unit in query.Units)
            {
                sums.Add(unit.ScopePath, 0, 1);
                sums.Add(unit.ScopePath, 1, 12_345);
            }

            var tile = new DashboardTile("test-units", "测试：下级单位", 1,
                [new DashboardFigure("下级单位", sums.Total[0], "个", DashboardTone.Neutral, null)],
                sums.Table([new DashboardColumn("单位", "个"), new DashboardColumn("金额", "元")], _ => null));
            return Task.FromResult<IReadOnlyList<DashboardTile>>([tile]);
        }
    }
}

/// <summary>RPT-1 over HTTP: the overview of the ministry, a province and a city, its units, its tiles, the Excel export and every bad input refused in Chinese.</summary>
public sealed class DashboardsApiTests(DashboardTestApp app) : IClassFixture<DashboardTestApp>
{
    private static readonly string[] ExistingSources = ["registration", "status-changes", "aid-rounds", "cross-check"];

    private async Task<JsonElement> DashboardAsync(string user, string query = "")
    {
        using var client = await app.ClientFor(user);
        using var response = await client.GetAsync($"/api/v1/dashboard{query}");
        return await Api.ReadJson(response, HttpStatusCode.OK);
    }

    private static List<string> Keys(JsonElement view) => [.. view.GetProperty("tiles").EnumerateArray().Select(t => t.GetProperty("key").GetString()!)];

    private static List<string> Units(JsonElement view) => [.. view.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("code").GetString()!)];

    private static JsonElement Tile(JsonElement view, string key) => view.GetProperty("tiles").EnumerateArray().Single(t => t.GetProperty("key").GetString() == key);

    [Fact]
    public async Task MinistryProvinceAndCity_SeeTheirTiles_BrokenDownByTheLevelBelow()
    {
        var ministry = await DashboardAsync("ministry");
        Assert.Equal("部级", ministry.GetProperty("levelText").GetString());
        Assert.Equal(2026, ministry.GetProperty("year").GetInt32());
        Assert.Subset(Keys(ministry).ToHashSet(), ExistingSources.Append("test-units").ToHashSet());
        Assert.Equal("test-units", Keys(ministry)[0]); // ordered by the tiles' order
        Assert.Contains("44", Units(ministry));
        Assert.Contains("51", Units(ministry));
        Assert.All(Units(ministry), u => Assert.Equal(2, u.Length));

        var province = await DashboardAsync("prov-44");
        Assert.Subset(Keys(province).ToHashSet(), ExistingSources.ToHashSet());
        Assert.Contains("4401", Units(province));
        Assert.Contains("44010001", Units(province)); // 省管 school, directly under the province
        Assert.DoesNotContain("44010004", Units(province)); // 市管: inside its city's row
        Assert.DoesNotContain("51", Units(province));

        var city = await DashboardAsync("city-4401");
        var cityUnits = Units(city);
        Assert.Contains("44010004", cityUnits);
        Assert.All(cityUnits, u => Assert.StartsWith("4401", u, StringComparison.Ordinal));

        // Every table lists exactly the units of the level below, and its headline figures are the sums of its rows plus the scope's own.
        var registration = Tile(city, "registration");
        var rows = registration.GetProperty("breakdown").GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(cityUnits, rows.Select(r => r.GetProperty("unitCode").GetString()!).ToList());
        var students = registration.GetProperty("figures")[0].GetProperty("value").GetInt64();
        Assert.True(students >= rows.Sum(r => r.GetProperty("values")[0].GetInt64()));
        Assert.True(students > 0, "demo students of 2026 are counted");
    }

    [Fact]
    public async Task ACity_NeverSeesAnotherCitysFigures()
    {
        var city = await DashboardAsync("city-4401");
        var province = await DashboardAsync("prov-44");
        var units = Units(city);
        Assert.DoesNotContain(units, u => !u.StartsWith("4401", StringComparison.Ordinal));

        // The city's totals equal its row in the province's table: nothing of 4403 or of 四川 is in them.
        foreach (var key in new[] { "registration", "status-changes", "aid-rounds", "cross-check" })
        {
            var cityFigures = Tile(city, key).GetProperty("figures").EnumerateArray().Select(f => f.GetProperty("value").GetInt64()).ToList();
            var row = Tile(province, key).GetProperty("breakdown").GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("unitCode").GetString() == "4401");
            var columns = Tile(province, key).GetProperty("breakdown").GetProperty("columns").EnumerateArray().Count();
            Assert.Equal(columns, row.GetProperty("values").GetArrayLength());
            Assert.Equal(cityFigures[0], row.GetProperty("values")[0].GetInt64());
        }
    }

    [Fact]
    public async Task AUnitRow_OpensThatUnitsOverview_OnlyInsideTheCallersScope()
    {
        // The ministry opens 广东's overview: the same figures as the province's own, by city and 省管 school.
        var opened = await DashboardAsync("ministry", "?org=44");
        var own = await DashboardAsync("prov-44");
        Assert.False(opened.GetProperty("isOwnScope").GetBoolean());
        Assert.Equal(Units(own), Units(opened));
        Assert.Equal(Tile(own, "registration").GetProperty("figures").GetRawText(), Tile(opened, "registration").GetProperty("figures").GetRawText());

        // A city asking for another city: not found, as every record outside its scope; a school: no level below; junk: 400.
        using var city = await app.ClientFor("city-4401");
        using (var other = await city.GetAsync("/api/v1/dashboard?org=4403"))
        {
            var problem = await Api.ReadJson(other, HttpStatusCode.NotFound);
            Assert.Contains("不存在或不在您的管理范围内", problem.GetRawText(), StringComparison.Ordinal);
        }

        using (var export = await city.GetAsync("/api/v1/dashboard/tiles/registration.xlsx?org=51"))
        {
            await Api.ReadJson(export, HttpStatusCode.NotFound);
        }

        foreach (var bad in new[] { "44010004", "44<script>", "1234567890123" })
        {
            using var response = await city.GetAsync($"/api/v1/dashboard?org={Uri.EscapeDataString(bad)}");
            var problem = await Api.ReadJson(response, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("org", out _), problem.GetRawText());
        }
    }

    [Fact]
    public async Task SchoolsGet403_InChinese()
    {
        using var school = await app.ClientFor("school-44010004");
        using var response = await school.GetAsync("/api/v1/dashboard");
        var problem = await Api.ReadJson(response, HttpStatusCode.Forbidden);
        Assert.Contains("学校", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_IsAValidXlsx_WithChineseHeaders_MoneyInYuan_AndATotalRow()
    {
        using var client = await app.ClientFor("prov-44");
        using var response = await client.GetAsync("/api/v1/dashboard/tiles/test-units.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var sheet = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        var units = Units(await DashboardAsync("prov-44"));
        Assert.Equal(units.Count + 1, sheet.Count);
        Assert.Equal(["单位代码", "单位名称", "单位（个）", "金额（元）"], sheet[0].Keys.ToList());
        Assert.Equal("4401", sheet.First(r => r["单位代码"]?.ToString() == "4401")["单位代码"]?.ToString());
        Assert.Equal(123.45m, Convert.ToDecimal(sheet[0]["金额（元）"], System.Globalization.CultureInfo.InvariantCulture));
        var total = sheet[^1];
        Assert.Equal("合计", total["单位名称"]?.ToString());
        Assert.Equal(units.Count, Convert.ToInt32(total["单位（个）"], System.Globalization.CultureInfo.InvariantCulture));

        using var registration = await client.GetAsync("/api/v1/dashboard/tiles/registration.xlsx");
        await using var regStream = new MemoryStream(await registration.Content.ReadAsByteArrayAsync());
        var regSheet = regStream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Contains("新生（人）", regSheet[0].Keys);
        Assert.Contains("注册完成率（%）", regSheet[0].Keys);
    }

    [Theory]
    [InlineData("no-such-tile")]
    [InlineData("..%2F..%2Fetc")]
    [InlineData("REGISTRATION")]
    public async Task UnknownTileKey_Is404_InChinese(string key)
    {
        using var client = await app.ClientFor("city-4401");
        using var response = await client.GetAsync($"/api/v1/dashboard/tiles/{key}.xlsx");
        var problem = await Api.ReadJson(response, HttpStatusCode.NotFound);
        Assert.Contains("统计项", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?year=1999")]
    [InlineData("?year=2028")]
    [InlineData("?year=-5")]
    public async Task YearOutOfRange_Is400_InChinese_NamingTheYear(string query)
    {
        using var client = await app.ClientFor("ministry");
        foreach (var path in new[] { $"/api/v1/dashboard{query}", $"/api/v1/dashboard/tiles/registration.xlsx{query}" })
        {
            using var response = await client.GetAsync(path);
            var problem = await Api.ReadJson(response, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("year", out var messages), problem.GetRawText());
            Assert.Contains("统计年度须在 2000 年至 2027 年之间", messages[0].GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AChosenYear_IsCounted()
    {
        var view = await DashboardAsync("ministry", "?year=2025");
        Assert.Equal(2025, view.GetProperty("year").GetInt32());
        Assert.Contains("2025", Tile(view, "aid-rounds").GetProperty("title").GetString(), StringComparison.Ordinal);
    }
}
