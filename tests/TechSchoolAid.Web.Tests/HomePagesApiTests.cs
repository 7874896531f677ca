using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TechSchoolAid.Web.Tests;

/// <summary>
/// Issue 13 item 10: home pages that tell the truth. A deadline the province reopened is not shown as overdue on the
/// to-do panel (registration for the school, aid lists for the reviewer and every level) nor on the dashboard; the city
/// reads its schools by name.
/// </summary>
public sealed partial class HomePagesApiTests(TestApp app) : IClassFixture<TestApp>
{
    private const string School = "44010004";

    [Fact]
    public async Task ReopenedDeadlines_AreDueByTheReopening_NotOverdue_OnTheToDoAndTheDashboard()
    {
        // A submitted aid list of the school, built while registration is open (its students' registration is approved).
        await AidRoundApi.RoundAsync(app, School, "Waiver", "submitted");

        // Registration: 5 November, past the autumn deadline (31 October) with new students not yet submitted.
        AidStudents.AdvanceTo(app, new DateTimeOffset(2026, 11, 5, 2, 0, 0, TimeSpan.Zero));
        using (var school = await AidStudents.SignInAsync(app, "school-" + School))
        {
            var late = Single(await TodoAsync(school), "新生待核验报送");
            Assert.Equal("Late", late.GetProperty("kind").GetString());

            using (var province = await AidStudents.SignInAsync(app, "prov-44"))
            using (var reopened = await province.PostAsJsonAsync($"/api/v1/schools/{School}/registration-reopenings",
                       new { intakeYear = 2026, intakeSeason = "Autumn", until = "2026-11-20", reason = "新生延迟报到补录", steps = "School" }))
            {
                await Api.ReadJson(reopened, HttpStatusCode.OK);
            }

            var due = Single(await TodoAsync(school), "新生待核验报送");
            Assert.NotEqual("Late", due.GetProperty("kind").GetString());
            Assert.Equal("2026-11-20", due.GetProperty("dueDate").GetString());
            Assert.Contains("已由省级重新开放至 2026-11-20", due.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        // Aid lists: the submitted list (built above) waits past the approval deadline (30 November); the province reopens the term.
        AidStudents.AdvanceTo(app, new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
        using var city = await AidStudents.SignInAsync(app, "city-4401");
        using var prov = await AidStudents.SignInAsync(app, "prov-44");
        Assert.Contains(await TodoAsync(city), i => i.GetProperty("title").GetString() == "资助名单审核已逾期" && i.GetProperty("kind").GetString() == "Late");
        Assert.Contains(await TodoAsync(prov), i => i.GetProperty("title").GetString() == "辖区资助名单逾期未完成审批");

        await AidRoundApi.PostAsync(prov, "/api/v1/aid-rounds/reopenings",
            new { schoolYear = 2026, semester = "Autumn", until = "2026-12-10", reason = "名单报送后因系统故障未能按时审核" }, HttpStatusCode.Created);

        var cityItems = await TodoAsync(city);
        Assert.DoesNotContain(cityItems, i => i.GetProperty("kind").GetString() == "Late" && i.GetProperty("title").GetString()!.Contains("资助名单", StringComparison.Ordinal));
        var waiting = Single(cityItems, "资助名单待审核（已重新开放）");
        Assert.Equal("2026-12-10", waiting.GetProperty("dueDate").GetString());
        Assert.Contains("已由省级重新开放至 2026-12-10", waiting.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var provItems = await TodoAsync(prov);
        Assert.DoesNotContain(provItems, i => i.GetProperty("title").GetString() == "辖区资助名单逾期未完成审批");
        Assert.Contains(provItems, i => i.GetProperty("title").GetString() == "辖区资助名单审批已重新开放");

        // The dashboard on the province's home page: no list is overdue while the reopening runs.
        var dashboard = await AidRoundApi.GetAsync(prov, "/api/v1/dashboard?year=2026");
        var tile = dashboard.GetProperty("tiles").EnumerateArray().Single(t => t.GetProperty("key").GetString() == "aid-rounds");
        var overdue = tile.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("label").GetString() == "逾期未完成审批名单");
        Assert.Equal(0, overdue.GetProperty("value").GetInt64());
    }

    [Fact]
    public async Task City_ReadsItsSchoolsByName_OnItsToDo()
    {
        using var city = await AidStudents.SignInAsync(app, "city-4401");
        var items = await TodoAsync(city);
        Assert.NotEmpty(items);
        foreach (var item in items)
        {
            var text = item.GetProperty("title").GetString() + " " + item.GetProperty("detail").GetString();
            // A school code may follow its name in brackets, never stand alone.
            Assert.False(BareSchoolCode().IsMatch(text), $"a school by code only: {text}");
        }
    }

    private static JsonElement Single(IReadOnlyList<JsonElement> items, string title) =>
        Assert.Single(items, i => i.GetProperty("title").GetString() == title);

    private static async Task<IReadOnlyList<JsonElement>> TodoAsync(HttpClient client) =>
        [.. (await AidRoundApi.GetAsync(client, "/api/v1/todo")).EnumerateArray()];

    [GeneratedRegex(@"(?<![（(\d])\d{8}(?![）)\d])")]
    private static partial Regex BareSchoolCode();
}
