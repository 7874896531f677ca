using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace TechSchoolAid.Web.Tests;

/// <summary>
/// Bounded inputs on the API (issue 14): undefined enum values, control and direction characters, huge strings, absurd
/// dates and malformed query strings or forms all answer 400 problem details in Chinese naming the field, and write
/// nothing.
/// </summary>
public sealed class InputBoundsApiTests(TestApp app) : IClassFixture<TestApp>
{
    private const string School = "44050009";

    private static void AssertChineseProblemOn(JsonElement problem, string field)
    {
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var detail = problem.GetProperty("detail").GetString() ?? "";
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", detail);
        Assert.DoesNotContain("Failed", detail, StringComparison.Ordinal);
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"no errors.{field} in {problem}");
    }

    public static TheoryData<string, object?> BadStudentFields => new()
    {
        { "household", 99 },                               // stored as 户籍 99 before
        { "trainingLevel", 7 },
        { "className", "2026级\u0000数控1班" },             // NUL
        { "className", "2026级\u0007数控1班" },             // BEL
        { "guardianName", "李\u202E强" },                   // right-to-left override
        { "major", "数控\u2066加工\u2069" },                 // isolates
        { "guardianName", "李\u200F强" },                   // right-to-left mark
        { "className", new string('班', 1_000_000) },       // stored whole before
    };

    [Theory]
    [MemberData(nameof(BadStudentFields))]
    public async Task RegisterStudent_FieldOutOfBounds_400OnThatFieldAndNothingStored(string field, object? value)
    {
        using var client = await app.ClientFor($"school-{School}");
        var before = await Api.CountStudentsAsync(client, School);
        using var response = await client.PostAsJsonAsync($"/api/v1/schools/{School}/students", Api.NewStudent(IdNumbers.Next(), tweak: b => b[field] = value));
        AssertChineseProblemOn(await Api.ReadJson(response, HttpStatusCode.BadRequest), field);
        Assert.Equal(before, await Api.CountStudentsAsync(client, School));
    }

    [Fact]
    public async Task UpdateStudent_UndefinedEnum_400AndUnchanged()
    {
        using var client = await app.ClientFor($"school-{School}");
        var id = await Api.RegisterAsync(client, School);
        using var response = await client.PutAsJsonAsync($"/api/v1/students/{id}", Api.NewStudent("", tweak: b => b["household"] = 99));
        AssertChineseProblemOn(await Api.ReadJson(response, HttpStatusCode.BadRequest), "household");
        Assert.Equal("Rural", (await Api.GetStudentAsync(client, id)).GetProperty("household").GetString());
    }

    [Theory]
    [InlineData("from=0001-01-01", "from")]
    [InlineData("to=9999-12-31", "to")]
    [InlineData("from=abc", "from")]
    [InlineData("page=x", "page")]
    [InlineData("actor=a%00b", "actor")]
    public async Task AuditFilter_AbsurdOrMalformed_400InChineseOnTheField(string query, string field)
    {
        using var client = await app.ClientFor("ministry");
        using var response = await client.GetAsync($"/api/v1/audit-events?{query}");
        AssertChineseProblemOn(await Api.ReadJson(response, HttpStatusCode.BadRequest), field);
    }

    [Theory]
    [InlineData("from=0001-01-01&days=-5", "from")]
    [InlineData("from=9999-12-31&days=5", "from")]
    [InlineData("from=2026-13-45&days=5", "from")]
    [InlineData("days=5", "from")]
    [InlineData("from=2026-10-01&days=many", "days")]
    public async Task CalendarAddWorkingDays_AbsurdOrMalformed_400InChineseOnTheField(string query, string field)
    {
        using var client = await app.ClientFor("ministry");
        using var response = await client.GetAsync($"/api/v1/calendar/add-working-days?{query}");
        AssertChineseProblemOn(await Api.ReadJson(response, HttpStatusCode.BadRequest), field);
    }

    [Theory]
    [InlineData("state=99", "state")]
    [InlineData("state=Nonsense", "state")]
    [InlineData("status=99", "status")]
    [InlineData("status=Nonsense", "status")]
    [InlineData("intakeYear=abc", "intakeYear")]
    [InlineData("batchId=not-a-guid", "batchId")]
    public async Task StudentList_MalformedQuery_400InChineseOnTheField(string query, string field)
    {
        using var client = await app.ClientFor($"school-{School}");
        using var response = await client.GetAsync($"/api/v1/students?{query}");
        AssertChineseProblemOn(await Api.ReadJson(response, HttpStatusCode.BadRequest), field);
    }

    [Fact]
    public async Task StudentList_FiltersByEnrolmentStatus_EveryRowHasIt()
    {
        using var client = await app.ClientFor($"school-{School}");
        using var allResponse = await client.GetAsync("/api/v1/students?pageSize=500");
        var all = await Api.ReadJson(allResponse, HttpStatusCode.OK);
        using var activeResponse = await client.GetAsync("/api/v1/students?status=Active&pageSize=500");
        var active = await Api.ReadJson(activeResponse, HttpStatusCode.OK);
        var rows = active.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("Active", r.GetProperty("status").GetString()));
        var expected = all.GetProperty("items").EnumerateArray().Count(r => r.GetProperty("status").GetString() == "Active");
        Assert.Equal(expected, active.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Import_JsonInsteadOfForm_415InChineseOnFile()
    {
        using var client = await app.ClientFor($"school-{School}");
        using var response = await client.PostAsync($"/api/v1/schools/{School}/students/import", new StringContent("{}", Encoding.UTF8, "application/json"));
        var problem = await Api.ReadJson(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("不支持的内容类型", problem.GetProperty("title").GetString());
        Assert.Contains("multipart/form-data 表单的「file」字段", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_FormWithoutFile_400InChineseOnFile()
    {
        using var client = await app.ClientFor($"school-{School}");
        using var form = new MultipartFormDataContent { { new StringContent("x"), "note" } };
        using var response = await client.PostAsync($"/api/v1/schools/{School}/students/import", form);
        AssertChineseProblemOn(await Api.ReadJson(response, HttpStatusCode.BadRequest), "file");
    }
}
