using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TechSchoolAid.Web.Tests;

/// <summary>
/// Issue 11, items 4 and 5 through the API: a status change is due when it is completed (the list names the late stage,
/// the rates count completion), and the supervisor's approval of a registration belongs to the intake's deadline.
/// Each class has its own app, whose clock its test moves forward.
/// </summary>
public sealed class RulesStudentsApiTests(TestApp app) : IClassFixture<TestApp>
{
    private const string School = "44010004"; // 市管, city 4401

    private static IEnumerable<JsonElement> Items(JsonElement page) => page.GetProperty("items").EnumerateArray();

    private static async Task<JsonElement> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return await Api.ReadJson(response, HttpStatusCode.OK);
    }

    [Fact]
    public async Task StatusChange_SubmittedOnTime_ApprovedLate_ListsItAsLateAtTheAuthority()
    {
        var student = await StatusChangeApi.ActiveStudentAsync(app, School);
        using (var clerk = await app.ClientFor($"school-{School}"))
        {
            var entered = await StatusChangeApi.EnterAsync(clerk, student, "Withdrawal", "2026-09-28"); // due 2026-10-16
            var id = entered.GetProperty("id").GetGuid();
            await StatusChangeApi.AttachAsync(clerk, id);
            var submitted = await StatusChangeApi.PostAsync(clerk, id, "submit");
            Assert.False(submitted.GetProperty("processedLate").GetBoolean());

            AidStudents.AdvanceTo(app, new DateTimeOffset(2026, 10, 19, 2, 0, 0, TimeSpan.Zero));
            using var city = await AidStudents.SignInAsync(app, "city-4401");
            var overdue = Items(await GetAsync(city, "/api/v1/status-changes?overdue=true&pageSize=200")).Single(c => c.GetProperty("id").GetGuid() == id);
            Assert.Equal("Authority", overdue.GetProperty("lateStage").GetString());
            Assert.Equal("主管部门（审核）", overdue.GetProperty("lateStageText").GetString());

            var approved = await StatusChangeApi.PostAsync(city, id, "approve");
            Assert.Equal("2026-10-19", approved.GetProperty("completedOn").GetString());
            Assert.Equal("ProcessedLate", approved.GetProperty("deadlineStatus").GetString());
            Assert.Equal("主管部门（审核）", approved.GetProperty("lateStageText").GetString());
            Assert.Contains(Items(await GetAsync(city, "/api/v1/status-changes?processedLate=true&pageSize=200")), c => c.GetProperty("id").GetGuid() == id);
            Assert.Contains(Items(await GetAsync(city, "/api/v1/status-changes?lateStage=Authority&pageSize=200")), c => c.GetProperty("id").GetGuid() == id);
            Assert.DoesNotContain(Items(await GetAsync(city, "/api/v1/status-changes?lateStage=School&pageSize=200")), c => c.GetProperty("id").GetGuid() == id);

            var rates = await GetAsync(city, $"/api/v1/status-changes/on-time-rates?schoolCode={School}");
            Assert.True(rates.EnumerateArray().Single().GetProperty("processedLate").GetInt32() >= 1);
        }
    }

}

/// <summary>Issue 11, item 5 through the API, on its own app (the clock moves past the intake's deadline).</summary>
public sealed class RulesStudentsRegistrationApiTests(TestApp app) : IClassFixture<TestApp>
{
    private const string School = "44010004"; // 市管, city 4401

    private static async Task<JsonElement> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return await Api.ReadJson(response, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Registration_ApprovalAfterDeadline_409NamingTheDeadline_NothingWritten_AllowedAfterReopeningTheApproval()
    {
        var (batchId, ids) = await Api.NewBatchAsync(app, School);
        AidStudents.AdvanceTo(app, new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero));
        using var city = await AidStudents.SignInAsync(app, "city-4401");

        using (var refused = await Api.DecideBatchAsync(city, "approve", batchId, new { batchId }))
        {
            var problem = await Api.ReadJson(refused, HttpStatusCode.Conflict);
            Assert.Contains("2026-10-31", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Contains("审核通过也须在截止日期前完成", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using var school = await AidStudents.SignInAsync(app, $"school-{School}");
        Assert.Equal("Submitted", (await Api.GetStudentAsync(school, ids[0])).GetProperty("registrationState").GetString());

        // Every level's progress list shows the school's records as 逾期未完成注册, with the step.
        foreach (var client in new[] { city, school })
        {
            var row = (await GetAsync(client, "/api/v1/registrations/progress?year=2026&season=Autumn")).EnumerateArray()
                .Single(r => r.GetProperty("schoolCode").GetString() == School);
            Assert.Contains("逾期未完成注册", row.GetProperty("overdueText").GetString(), StringComparison.Ordinal);
            Assert.Contains("待主管部门审核", row.GetProperty("overdueText").GetString(), StringComparison.Ordinal);
        }

        using (var province = await AidStudents.SignInAsync(app, "prov-44"))
        {
            using var reopened = await province.PostAsJsonAsync($"/api/v1/schools/{School}/registration-reopenings",
                new { intakeYear = 2026, intakeSeason = "Autumn", until = "2026-11-20", reason = "延迟报到学生补审", steps = "Approval" });
            Assert.Equal("Approval", (await Api.ReadJson(reopened, HttpStatusCode.OK)).GetProperty("steps").GetString());
        }

        using var approved = await Api.DecideBatchAsync(city, "approve", batchId, new { batchId });
        Assert.Equal(1, (await Api.ReadJson(approved, HttpStatusCode.OK)).GetProperty("count").GetInt32());
        Assert.Equal("Approved", (await Api.GetStudentAsync(school, ids[0])).GetProperty("registrationState").GetString());
    }
}
