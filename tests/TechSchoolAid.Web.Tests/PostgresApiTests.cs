using System.Net;
using System.Net.Http.Json;

namespace TechSchoolAid.Web.Tests;

/// <summary>
/// The data paths of the API on PostgreSQL (a fresh database per run on the server in TSA_TEST_POSTGRES), so both
/// providers are exercised through HTTP: unique indexes, the audit chain lock, scope filters and transactions differ.
/// Without TSA_TEST_POSTGRES every test here fails with a message saying how to run them.
/// </summary>
public sealed class PostgresApiTests(PostgresTestApp app) : IClassFixture<PostgresTestApp>
{
    [Fact]
    public async Task Postgres_RegisterStudent_Returns201AndIsListed()
    {
        using var school = await app.ClientFor("school-44010004");
        var before = await Api.CountStudentsAsync(school, "44010004");
        using var response = await school.PostAsJsonAsync("/api/v1/schools/44010004/students", Api.NewStudent(IdNumbers.Next(), "陈静怡"));
        var json = await Api.ReadJson(response, HttpStatusCode.Created);
        var id = json.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/students/{id}", response.Headers.Location?.OriginalString);
        Assert.Matches(@"^440\*{14}[\dX]$", json.GetProperty("idNumberMasked").GetString());

        Assert.Equal(before + 1, await Api.CountStudentsAsync(school, "44010004"));
        using var list = await school.GetAsync("/api/v1/schools/44010004/students?search=" + Uri.EscapeDataString("陈静怡"));
        var found = await Api.ReadJson(list, HttpStatusCode.OK);
        Assert.Contains(found.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task Postgres_SamePersonAtAnotherSchool_Returns409NamingTheFirstSchool()
    {
        var idNumber = IdNumbers.Next();
        using var schoolA = await app.ClientFor("school-44010007");
        using var first = await schoolA.PostAsJsonAsync("/api/v1/schools/44010007/students", Api.NewStudent(idNumber, "黄一鸣"));
        var schoolAName = (await Api.ReadJson(first, HttpStatusCode.Created)).GetProperty("schoolName").GetString()!;

        using var schoolB = await app.ClientFor("school-44030005");
        using var second = await schoolB.PostAsJsonAsync("/api/v1/schools/44030005/students", Api.NewStudent(idNumber, "黄一鸣"));
        var body = await second.Content.ReadAsStringAsync();
        var json = await Api.ReadJson(second, HttpStatusCode.Conflict);
        Assert.Contains($"「{schoolAName}」", json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(idNumber, body, StringComparison.Ordinal);
        Assert.DoesNotContain("黄一鸣", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgres_ListAsCity_OnlyItsSchools()
    {
        using var city = await app.ClientFor("city-4401");
        using var response = await city.GetAsync("/api/v1/students?pageSize=500");
        var json = await Api.ReadJson(response, HttpStatusCode.OK);
        var codes = json.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("schoolCode").GetString()!).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "44010004", "44010007", "44010010" }, codes);

        using var otherSchool = await app.ClientFor("school-44010007");
        using var owner = await app.ClientFor("school-44010010");
        var id = await Api.RegisterAsync(owner, "44010010");
        using var hidden = await otherSchool.GetAsync($"/api/v1/students/{id}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task Postgres_ImportSameFileTwice_SecondImportsNothingAndReportsUnchanged()
    {
        using var school = await app.ClientFor("school-44010010");
        var csv = Api.Csv([Api.CsvRow(IdNumbers.Next(), "林一"), Api.CsvRow(IdNumbers.Next(), "林二"), Api.CsvRow(IdNumbers.Next(), "林三")]);
        var before = await Api.CountStudentsAsync(school, "44010010");
        using (var first = await school.PostAsync("/api/v1/schools/44010010/students/import", Api.CsvFile(csv)))
        {
            Assert.Equal(3, (await Api.ReadJson(first, HttpStatusCode.OK)).GetProperty("imported").GetInt32());
        }

        Assert.Equal(before + 3, await Api.CountStudentsAsync(school, "44010010"));
        using var second = await school.PostAsync("/api/v1/schools/44010010/students/import", Api.CsvFile(csv));
        var report = await Api.ReadJson(second, HttpStatusCode.OK);
        Assert.Equal(0, report.GetProperty("imported").GetInt32());
        Assert.Equal(3, report.GetProperty("unchanged").GetInt32());
        Assert.Equal(before + 3, await Api.CountStudentsAsync(school, "44010010"));
    }

    [Fact]
    public async Task Postgres_ImportWithOneBadRow_Returns422AndWritesNothing()
    {
        using var school = await app.ClientFor("school-44010010");
        var before = await Api.CountStudentsAsync(school, "44010010");
        var csv = Api.Csv([Api.CsvRow(IdNumbers.Next(), "许一"), Api.CsvRow(IdNumbers.WithWrongCheckChar(IdNumbers.Next()), "许二")]);
        using var response = await school.PostAsync("/api/v1/schools/44010010/students/import", Api.CsvFile(csv));
        var report = await Api.ReadJson(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains(report.GetProperty("errors").EnumerateArray(), e => e.GetProperty("row").GetInt32() == 3 && e.GetProperty("column").GetString() == "证件号码");
        Assert.Equal(before, await Api.CountStudentsAsync(school, "44010010"));
    }

    [Fact]
    public async Task Postgres_ApproveBatchBySupervisingCity_IssuesStatusNumbers()
    {
        var (batchId, ids) = await Api.NewBatchAsync(app, "44010004", students: 2);
        using var city = await app.ClientFor("city-4401");
        using var response = await Api.DecideBatchAsync(city, "approve", batchId, new { batchId });
        var result = await Api.ReadJson(response, HttpStatusCode.OK);
        Assert.Equal(2, result.GetProperty("count").GetInt32());

        using var school = await app.ClientFor("school-44010004");
        var numbers = new List<string>();
        foreach (var id in ids)
        {
            var student = await Api.GetStudentAsync(school, id);
            Assert.Equal("Approved", student.GetProperty("registrationState").GetString());
            numbers.Add(student.GetProperty("statusNumber").GetString()!);
        }

        Assert.All(numbers, n => Assert.StartsWith("202644010004", n, StringComparison.Ordinal));
        Assert.Equal(2, numbers.Distinct().Count());

        using var province = await app.ClientFor("prov-44");
        var (other, _) = await Api.NewBatchAsync(app, "44010004");
        using var refused = await Api.DecideBatchAsync(province, "approve", other, new { batchId = other });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Postgres_AuditEvents_RecordedInOneChainAndScopedToTheSchool()
    {
        using var school = await app.ClientFor("school-44050006");
        var id = await Api.RegisterAsync(school, "44050006");
        using var response = await school.GetAsync("/api/v1/audit-events?pageSize=500");
        var json = await Api.ReadJson(response, HttpStatusCode.OK);
        var events = json.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(events, e => e.GetProperty("subjectId").GetString() == id.ToString());
        var sequences = events.Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(sequences.Count, sequences.Distinct().Count());
        Assert.All(events, e => Assert.Contains(e.GetProperty("actorOrganization").GetString(), new[] { "44050006", "4405", "44", "000000" }));
    }
}
