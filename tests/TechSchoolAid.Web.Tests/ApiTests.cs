using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Accounts.Features;
using TechSchoolAid.Modules.Organizations.Domain;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Modules.Students.Features;

namespace TechSchoolAid.Web.Tests;

/// <summary>
/// Behaviour of the HTTP API on SQLite. Demo organisations used (see DemoData): province 44 with cities 4401, 4403,
/// 4405; 44010001 is 省管 (supervised by province 44, standing in city 4401); 44010004, 44010007 and 44010010 are 市管
/// under city 4401; 44030005 is 市管 under 4403; 44050006 and 44050009 are 市管 under 4405. Each test uses its own
/// schools or compares counts within itself, so the order of tests does not matter.
/// </summary>
public sealed partial class ApiTests(TestApp app) : IClassFixture<TestApp>
{
    [GeneratedRegex(@"^440\*{14}[\dX]$")]
    private static partial Regex MaskedShenzhenId();

    [GeneratedRegex(@"^\d{3}\*{14}[\dX]$")]
    private static partial Regex MaskedId();

    // ---------------------------------------------------------------- system

    [Fact]
    public void IdNumberHelper_KnownExamples_ComputesGb11643CheckCharacter()
    {
        Assert.Equal('X', IdNumbers.CheckChar("11010519491231002"));
        Assert.Equal('4', IdNumbers.CheckChar("44052418800101001"));
    }

    [Fact]
    public async Task Register_MalformedDateInJson_Returns400KeyedByField()
    {
        using var client = await app.ClientFor("school-44050009");
        using var response = await client.PostAsJsonAsync("/api/v1/schools/44050009/students",
            Api.NewStudent(IdNumbers.Next(), tweak: b => b["enrolmentDate"] = "2026-13-45"));
        var json = await Api.ReadJson(response, HttpStatusCode.BadRequest);
        Assert.True(json.GetProperty("errors").TryGetProperty("enrolmentDate", out _));
    }

    [Fact]
    public async Task Health_Anonymous_Returns200()
    {
        using var client = app.AnonymousClient();
        using var response = await client.GetAsync("/health");
        var json = await Api.ReadJson(response, HttpStatusCode.OK);
        Assert.Equal("ok", json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task OpenApi_Anonymous_DocumentListsSchoolStudentsRoute()
    {
        using var client = app.AnonymousClient();
        using var response = await client.GetAsync("/openapi/v1.json");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/api/v1/schools/{schoolCode}/students", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiReference_Anonymous_RedirectsToPageThatReturns200()
    {
        using var client = app.AnonymousClient();
        using var first = await client.GetAsync("/api/reference");
        var target = "/api/reference";
        if ((int)first.StatusCode is >= 300 and < 400)
        {
            // Only to its own trailing-slash address, never to the sign-in page.
            target = new Uri(first.RequestMessage!.RequestUri!, first.Headers.Location!).AbsolutePath;
            Assert.Equal("/api/reference/", target);
        }

        using var page = await client.GetAsync(target);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    // ---------------------------------------------------------------- sign-in

    [Fact]
    public async Task Token_RightPassword_ReturnsAccessTokenAndExpiry()
    {
        using var client = app.AnonymousClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "inspector", password = TestApp.DemoPassword });
        var json = await Api.ReadJson(response, HttpStatusCode.OK);
        Assert.False(string.IsNullOrEmpty(json.GetProperty("accessToken").GetString()));
        Assert.True(json.GetProperty("expiresAt").GetDateTimeOffset() > app.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Token_WrongPassword_Returns401ProblemDetails()
    {
        using var client = app.AnonymousClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "school-51130006", password = "Wrong@2026pass" });
        var json = await Api.ReadJson(response, HttpStatusCode.Unauthorized);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("title").GetString()));
        Assert.Equal(AccountService.RefusedMessage, json.GetProperty("detail").GetString());
        Assert.False(json.TryGetProperty("accessToken", out _));
    }

    [Fact]
    public async Task Token_SpentAttempts_LockAccountEvenForRightPasswordWithTheSameAnswer()
    {
        // The lock is now temporary and reached after FailuresBeforeLock attempts (was: 5), and a locked account answers
        // exactly like a wrong password (was: a message naming the lock) — ADR 0014.
        const string user = "school-51010007";
        using var client = app.AnonymousClient();
        for (var i = 0; i < new SignInProtectionOptions().FailuresBeforeLock; i++)
        {
            using var wrong = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password = "Wrong@2026pass" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var right = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password = TestApp.DemoPassword });
        var json = await Api.ReadJson(right, HttpStatusCode.Unauthorized);
        Assert.Equal(AccountService.RefusedMessage, json.GetProperty("detail").GetString());
        Assert.False(json.TryGetProperty("accessToken", out _));
    }

    [Fact]
    public async Task Me_SchoolAdmin_ReturnsUserRoleAndOrganization()
    {
        using var client = await app.ClientFor("school-44010004");
        using var response = await client.GetAsync("/api/v1/me");
        var json = await Api.ReadJson(response, HttpStatusCode.OK);
        Assert.Equal("school-44010004", json.GetProperty("userName").GetString());
        Assert.Equal(new[] { "SchoolAdmin" }, json.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
        Assert.Equal("44010004", json.GetProperty("organizationCode").GetString());
        Assert.Equal("school", json.GetProperty("organizationLevel").GetString());
    }

    // ---------------------------------------------------------------- organisations

    [Fact]
    public async Task Organizations_SchoolsAsCity_OnlyItsCityManagedSchools()
    {
        using var client = await app.ClientFor("city-4401");
        using var response = await client.GetAsync("/api/v1/organizations?level=school");
        var schools = (await Api.ReadJson(response, HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal(new[] { "44010004", "44010007", "44010010" }, schools.Select(s => s.GetProperty("code").GetString()!).Order(StringComparer.Ordinal).ToArray());
        Assert.All(schools, s =>
        {
            Assert.Equal("4401", s.GetProperty("supervisorCode").GetString());
            Assert.Equal("City", s.GetProperty("managedBy").GetString());
            Assert.Equal("School", s.GetProperty("level").GetString());
        });
    }

    [Fact]
    public async Task Organizations_SchoolsAsProvince_IncludeProvinceManagedSchools()
    {
        using var client = await app.ClientFor("prov-44");
        using var response = await client.GetAsync("/api/v1/organizations?level=school");
        var schools = (await Api.ReadJson(response, HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal(10, schools.Count);
        Assert.All(schools, s => Assert.StartsWith("44", s.GetProperty("code").GetString(), StringComparison.Ordinal));
        var provinceManaged = schools.Where(s => s.GetProperty("managedBy").GetString() == "Province").ToList();
        Assert.Equal(new[] { "44010001", "44030002", "44050003" }, provinceManaged.Select(s => s.GetProperty("code").GetString()!).Order(StringComparer.Ordinal).ToArray());
        Assert.All(provinceManaged, s => Assert.Equal("44", s.GetProperty("supervisorCode").GetString()));
        Assert.Contains(schools, s => s.GetProperty("code").GetString() == "44010004" && s.GetProperty("supervisorCode").GetString() == "4401");
    }

    [Fact]
    public async Task Organizations_BogusLevel_Returns400()
    {
        using var client = await app.ClientFor("prov-44");
        using var response = await client.GetAsync("/api/v1/organizations?level=bogus");
        var json = await Api.ReadJson(response, HttpStatusCode.BadRequest);
        Assert.True(json.GetProperty("errors").TryGetProperty("level", out _));
    }

    // ---------------------------------------------------------------- registering one student

    [Fact]
    public async Task RegisterStudent_ValidInput_Returns201WithLocationAndMaskedIdNumber()
    {
        using var client = await app.ClientFor("school-44010004");
        var id = IdNumbers.Next();
        using var response = await client.PostAsJsonAsync("/api/v1/schools/44010004/students", Api.NewStudent(id, "张伟"));
        var json = await Api.ReadJson(response, HttpStatusCode.Created);
        var studentId = json.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/students/{studentId}", response.Headers.Location?.OriginalString);
        var masked = json.GetProperty("idNumberMasked").GetString()!;
        Assert.Matches(MaskedShenzhenId(), masked);
        Assert.Equal(id[17..], masked[17..]);
        Assert.DoesNotContain(id, (await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal("44010004", json.GetProperty("schoolCode").GetString());
        Assert.Equal("Collected", json.GetProperty("registrationState").GetString());
        Assert.Equal("school-44010004", json.GetProperty("collectedBy").GetString());
    }

    [Fact]
    public async Task RegisterStudent_WrongCheckDigit_Returns400OnIdNumber()
    {
        using var client = await app.ClientFor("school-44010004");
        using var response = await client.PostAsJsonAsync("/api/v1/schools/44010004/students", Api.NewStudent(IdNumbers.WithWrongCheckChar(IdNumbers.Next())));
        await AssertValidationError(response, "idNumber");
    }

    [Theory]
    [InlineData("=cmd|' /C calc'!A0")]
    [InlineData("<script>alert(1)</script>")]
    public async Task RegisterStudent_FormulaOrMarkupInName_Returns400OnName(string name)
    {
        using var client = await app.ClientFor("school-44010004");
        using var response = await client.PostAsJsonAsync("/api/v1/schools/44010004/students", Api.NewStudent(IdNumbers.Next(), name));
        await AssertValidationError(response, "name");
    }

    [Fact]
    public async Task RegisterStudent_FutureEnrolmentDate_Returns400OnEnrolmentDate()
    {
        using var client = await app.ClientFor("school-44010004");
        using var response = await client.PostAsJsonAsync("/api/v1/schools/44010004/students",
            Api.NewStudent(IdNumbers.Next(), tweak: b => b["enrolmentDate"] = "2026-11-02"));
        await AssertValidationError(response, "enrolmentDate");
    }

    [Fact]
    public async Task RegisterStudent_ImpossibleBirthDateInIdNumber_Returns400OnIdNumber()
    {
        // 30 February 2010 with a correct check character: only the date is wrong.
        var id = IdNumbers.Build("440305", "20100230", 123);
        using var client = await app.ClientFor("school-44010004");
        using var response = await client.PostAsJsonAsync("/api/v1/schools/44010004/students", Api.NewStudent(id));
        await AssertValidationError(response, "idNumber");
    }

    [Fact]
    public async Task RegisterStudent_SamePersonAtAnotherSchool_Returns409NamingOnlyTheFirstSchool()
    {
        var id = IdNumbers.Next();
        const string name = "欧阳晓明";
        using var schoolA = await app.ClientFor("school-44010007");
        using var first = await schoolA.PostAsJsonAsync("/api/v1/schools/44010007/students", Api.NewStudent(id, name));
        var registered = await Api.ReadJson(first, HttpStatusCode.Created);
        var schoolAName = registered.GetProperty("schoolName").GetString()!;

        using var schoolB = await app.ClientFor("school-44030005");
        using var second = await schoolB.PostAsJsonAsync("/api/v1/schools/44030005/students", Api.NewStudent(id, name));
        var body = await second.Content.ReadAsStringAsync();
        var json = await Api.ReadJson(second, HttpStatusCode.Conflict);
        var detail = json.GetProperty("detail").GetString()!;
        Assert.Contains($"「{schoolAName}」", detail, StringComparison.Ordinal);
        Assert.Equal($"该学生已在「{schoolAName}」有在籍全日制学籍，不能重复注册", detail);
        Assert.DoesNotContain(id, body, StringComparison.Ordinal);
        Assert.DoesNotContain(id[..6] + "*", body, StringComparison.Ordinal);
        Assert.DoesNotContain(name, body, StringComparison.Ordinal);
        Assert.DoesNotContain("44010007", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterStudent_UnknownSchoolCode_Returns404()
    {
        using var client = await app.ClientFor("school-44010004");
        using var response = await client.PostAsJsonAsync("/api/v1/schools/99990001/students", Api.NewStudent(IdNumbers.Next()));
        await Api.ReadJson(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RegisterStudent_AnotherSchoolsCode_Returns403AndWritesNothing()
    {
        using var client = await app.ClientFor("school-44010004");
        using var ministry = await app.ClientFor("ministry");
        var before = await Api.CountStudentsAsync(ministry, "44010007");
        using var response = await client.PostAsJsonAsync("/api/v1/schools/44010007/students", Api.NewStudent(IdNumbers.Next()));
        await Api.ReadJson(response, HttpStatusCode.Forbidden);
        Assert.Equal(before, await Api.CountStudentsAsync(ministry, "44010007"));
    }

    [Fact]
    public async Task RegisterStudent_AfterDeadline_Returns409MentioningDeadline()
    {
        // The clock only moves forward, so this test has an application of its own.
        await using var late = new TestApp();
        await late.InitializeAsync();
        late.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 1, 2, 0, 0, TimeSpan.Zero));
        using var client = await late.ClientFor("school-44010004");
        using var response = await client.PostAsJsonAsync("/api/v1/schools/44010004/students", Api.NewStudent(IdNumbers.Next()));
        var json = await Api.ReadJson(response, HttpStatusCode.Conflict);
        var detail = json.GetProperty("detail").GetString()!;
        Assert.Contains("截止", detail, StringComparison.Ordinal);
        Assert.Contains("2026-10-31", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStudent_OwnSchool_Returns200()
    {
        using var client = await app.ClientFor("school-44010004");
        var id = await Api.RegisterAsync(client, "44010004");
        var json = await Api.GetStudentAsync(client, id);
        Assert.Equal(id, json.GetProperty("id").GetGuid());
        Assert.Matches(MaskedShenzhenId(), json.GetProperty("idNumberMasked").GetString()!);
    }

    [Fact]
    public async Task GetStudent_AsAnotherSchool_Returns404()
    {
        using var owner = await app.ClientFor("school-44010004");
        var id = await Api.RegisterAsync(owner, "44010004");
        using var other = await app.ClientFor("school-44010007");
        using var response = await other.GetAsync($"/api/v1/students/{id}");
        await Api.ReadJson(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RevealIdNumber_SchoolAdmin_ReturnsFullNumberAndRecordsAuditEvent()
    {
        using var client = await app.ClientFor("school-44010004");
        var idNumber = IdNumbers.Next();
        var id = await Api.RegisterAsync(client, "44010004", idNumber);
        using var response = await client.PostAsync($"/api/v1/students/{id}/reveal-id-number", null);
        var json = await Api.ReadJson(response, HttpStatusCode.OK);
        Assert.Equal(idNumber, json.GetProperty("idNumber").GetString());

        using var audit = await client.GetAsync($"/api/v1/audit-events?subjectId={id}&action=student.id_number_viewed");
        var events = (await Api.ReadJson(audit, HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        var viewed = Assert.Single(events);
        Assert.Equal("school-44010004", viewed.GetProperty("actor").GetString());
        Assert.DoesNotContain(idNumber, viewed.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAndSubmit_StudentOfAnotherSchoolUnderOwnCode_Returns404AndChangesNothing()
    {
        using var owner = await app.ClientFor("school-44010007");
        var foreign = await Api.RegisterAsync(owner, "44010007");
        using var client = await app.ClientFor("school-44010004");

        using var verify = await client.PostAsJsonAsync("/api/v1/schools/44010004/students/verify", new { studentIds = new[] { foreign } });
        Assert.Equal(HttpStatusCode.NotFound, verify.StatusCode);
        using var submit = await client.PostAsJsonAsync("/api/v1/schools/44010004/registration-batches", new { studentIds = new[] { foreign } });
        Assert.Equal(HttpStatusCode.NotFound, submit.StatusCode);

        var student = await Api.GetStudentAsync(owner, foreign);
        Assert.Equal("Collected", student.GetProperty("registrationState").GetString());
        Assert.Equal(JsonValueKind.Null, student.GetProperty("verifiedBy").ValueKind);
    }

    // ---------------------------------------------------------------- import

    [Fact]
    public async Task Import_Utf8Csv_Returns200WithImportedCount()
    {
        using var client = await app.ClientFor("school-44010010");
        var before = await Api.CountStudentsAsync(client, "44010010");
        var csv = Api.Csv([Api.CsvRow(IdNumbers.Next(), "赵一"), Api.CsvRow(IdNumbers.Next(), "赵二"), Api.CsvRow(IdNumbers.Next(), "赵三")]);
        using var response = await client.PostAsync("/api/v1/schools/44010010/students/import", Api.CsvFile(csv));
        var report = await Api.ReadJson(response, HttpStatusCode.OK);
        Assert.True(report.GetProperty("accepted").GetBoolean());
        Assert.Equal(3, report.GetProperty("imported").GetInt32());
        Assert.Equal(3, report.GetProperty("totalRows").GetInt32());
        Assert.Equal(before + 3, await Api.CountStudentsAsync(client, "44010010"));
    }

    [Fact]
    public async Task Import_GbkCsv_Returns200WithImportedCountAndReadableNames()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        using var client = await app.ClientFor("school-44010010");
        var csv = Api.Csv([Api.CsvRow(IdNumbers.Next(), "钱国强"), Api.CsvRow(IdNumbers.Next(), "钱丽华")]);
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(csv);
        using var response = await client.PostAsync("/api/v1/schools/44010010/students/import", Api.FileContent(bytes, "新生-gbk.csv"));
        var report = await Api.ReadJson(response, HttpStatusCode.OK);
        Assert.Equal(2, report.GetProperty("imported").GetInt32());

        using var list = await client.GetAsync("/api/v1/schools/44010010/students?search=" + Uri.EscapeDataString("钱国强"));
        var found = await Api.ReadJson(list, HttpStatusCode.OK);
        Assert.Equal("钱国强", Assert.Single(found.GetProperty("items").EnumerateArray().ToList()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Import_SameFileTwice_SecondImportsNothingAndReportsUnchanged()
    {
        using var client = await app.ClientFor("school-44010010");
        var csv = Api.Csv([Api.CsvRow(IdNumbers.Next(), "孙甲"), Api.CsvRow(IdNumbers.Next(), "孙乙")]);
        using (var first = await client.PostAsync("/api/v1/schools/44010010/students/import", Api.CsvFile(csv)))
        {
            Assert.Equal(2, (await Api.ReadJson(first, HttpStatusCode.OK)).GetProperty("imported").GetInt32());
        }

        var count = await Api.CountStudentsAsync(client, "44010010");
        using var second = await client.PostAsync("/api/v1/schools/44010010/students/import", Api.CsvFile(csv));
        var report = await Api.ReadJson(second, HttpStatusCode.OK);
        Assert.True(report.GetProperty("accepted").GetBoolean());
        Assert.Equal(0, report.GetProperty("imported").GetInt32());
        Assert.Equal(2, report.GetProperty("unchanged").GetInt32());
        Assert.Equal(count, await Api.CountStudentsAsync(client, "44010010"));
    }

    [Fact]
    public async Task Import_OneBadRow_Returns422NamingRowAndColumnAndWritesNothing()
    {
        using var client = await app.ClientFor("school-44010010");
        var before = await Api.CountStudentsAsync(client, "44010010");
        var csv = Api.Csv([Api.CsvRow(IdNumbers.Next(), "周一"), Api.CsvRow(IdNumbers.WithWrongCheckChar(IdNumbers.Next()), "周二"), Api.CsvRow(IdNumbers.Next(), "周三")]);
        using var response = await client.PostAsync("/api/v1/schools/44010010/students/import", Api.CsvFile(csv));
        var report = await Api.ReadJson(response, HttpStatusCode.UnprocessableEntity);
        Assert.False(report.GetProperty("accepted").GetBoolean());
        Assert.Equal(0, report.GetProperty("imported").GetInt32());
        var errors = report.GetProperty("errors").EnumerateArray().ToList();
        // Header is row 1, so the second data row is row 3. (Birth date and sex, left blank to be read from the ID
        // number, are reported missing on that row too; every error is on that row.)
        Assert.All(errors, e => Assert.Equal(3, e.GetProperty("row").GetInt32()));
        var idError = Assert.Single(errors, e => e.GetProperty("column").GetString() == "证件号码");
        Assert.Contains("校验位", idError.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await Api.CountStudentsAsync(client, "44010010"));
    }

    [Fact]
    public async Task Import_SamePersonTwiceInFile_Returns422AndWritesNothing()
    {
        using var client = await app.ClientFor("school-44010010");
        var before = await Api.CountStudentsAsync(client, "44010010");
        var id = IdNumbers.Next();
        var csv = Api.Csv([Api.CsvRow(id, "吴一"), Api.CsvRow(IdNumbers.Next(), "吴二"), Api.CsvRow(id, "吴一")]);
        using var response = await client.PostAsync("/api/v1/schools/44010010/students/import", Api.CsvFile(csv));
        var report = await Api.ReadJson(response, HttpStatusCode.UnprocessableEntity);
        var error = Assert.Single(report.GetProperty("errors").EnumerateArray().ToList());
        Assert.Equal(4, error.GetProperty("row").GetInt32());
        Assert.Equal("证件号码", error.GetProperty("column").GetString());
        Assert.Contains("第 2 行", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await Api.CountStudentsAsync(client, "44010010"));
    }

    [Fact]
    public async Task Import_EmptyFile_Returns400()
    {
        using var client = await app.ClientFor("school-44010010");
        using var response = await client.PostAsync("/api/v1/schools/44010010/students/import", Api.FileContent([], "新生.csv"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Import_WrongAndMissingColumns_Returns422WithFileErrors()
    {
        using var client = await app.ClientFor("school-44010010");
        var row = new Dictionary<string, string> { ["姓名"] = "郑一", ["证件号码"] = IdNumbers.Next(), ["学号"] = "001" };
        using var response = await client.PostAsync("/api/v1/schools/44010010/students/import", Api.CsvFile(Api.Csv([row], ["姓名", "证件号码", "学号"])));
        var report = await Api.ReadJson(response, HttpStatusCode.UnprocessableEntity);
        var fileErrors = report.GetProperty("fileErrors").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(fileErrors, e => e.Contains("缺少必填列", StringComparison.Ordinal) && e.Contains("民族", StringComparison.Ordinal));
        Assert.Contains(fileErrors, e => e.Contains("学号", StringComparison.Ordinal));
        Assert.Equal(0, report.GetProperty("imported").GetInt32());
    }

    [Fact]
    public async Task Import_NonExcelFileNamedXlsx_Returns400()
    {
        using var client = await app.ClientFor("school-44010010");
        var csv = Api.Csv([Api.CsvRow(IdNumbers.Next())]);
        using var response = await client.PostAsync("/api/v1/schools/44010010/students/import",
            Api.FileContent(Encoding.UTF8.GetBytes(csv), "新生.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        var json = await Api.ReadJson(response, HttpStatusCode.BadRequest);
        Assert.True(json.GetProperty("errors").TryGetProperty("file", out _));
    }

    [Fact]
    public async Task Import_FileOver10MB_Returns413()
    {
        using var client = await app.ClientFor("school-44010010");
        var bytes = new byte[(10 * 1024 * 1024) + 1];
        Array.Fill(bytes, (byte)'a');
        using var response = await client.PostAsync("/api/v1/schools/44010010/students/import", Api.FileContent(bytes, "大文件.csv"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    // ---------------------------------------------------------------- verify, submit, review

    [Fact]
    public async Task Registration_VerifySubmitApproveBySupervisingCity_IssuesStatusNumbers()
    {
        using var school = await app.ClientFor("school-44010004");
        var a = await Api.RegisterAsync(school, "44010004");
        var b = await Api.RegisterAsync(school, "44010004");
        await Api.VerifyAsync(school, "44010004", a, b);
        var batchId = await Api.SubmitAsync(school, "44010004", a, b);
        Assert.Equal("Submitted", (await Api.GetStudentAsync(school, a)).GetProperty("registrationState").GetString());

        using var city = await app.ClientFor("city-4401");
        using var response = await Api.DecideBatchAsync(city, "approve", batchId, new { batchId });
        var result = await Api.ReadJson(response, HttpStatusCode.OK);
        Assert.Equal(2, result.GetProperty("count").GetInt32());
        var numbers = result.GetProperty("statusNumbers").EnumerateArray().Select(n => n.GetString()!).ToList();
        Assert.Equal(2, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.StartsWith("202644010004", n, StringComparison.Ordinal));

        foreach (var id in new[] { a, b })
        {
            var student = await Api.GetStudentAsync(school, id);
            Assert.Equal("Approved", student.GetProperty("registrationState").GetString());
            Assert.Contains(student.GetProperty("statusNumber").GetString(), numbers);
            Assert.Equal("city-4401", student.GetProperty("reviewedBy").GetString());
        }
    }

    [Fact]
    public async Task Approve_ProvinceForCityManagedSchool_Returns403AndChangesNothing()
    {
        var (batchId, ids) = await Api.NewBatchAsync(app, "44010004");
        using var province = await app.ClientFor("prov-44");
        using var response = await Api.DecideBatchAsync(province, "approve", batchId, new { batchId });
        await Api.ReadJson(response, HttpStatusCode.Forbidden);
        using var school = await app.ClientFor("school-44010004");
        Assert.Equal("Submitted", (await Api.GetStudentAsync(school, ids[0])).GetProperty("registrationState").GetString());
    }

    [Fact]
    public async Task Approve_AnotherCityForSchoolOf4401_IsRefusedAsNotFoundAndChangesNothing()
    {
        // The batch lies outside city 4403's scope: like every out-of-scope id, it is answered 404 (its existence is
        // not confirmed), not 403; 403 is for a reviewer who sees the batch but does not supervise the school.
        var (batchId, ids) = await Api.NewBatchAsync(app, "44010004");
        using var otherCity = await app.ClientFor("city-4403");
        using var response = await Api.DecideBatchAsync(otherCity, "approve", batchId, new { batchId });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var byStudent = await otherCity.PostAsJsonAsync("/api/v1/registrations/approve", new { studentIds = ids });
        Assert.Equal(HttpStatusCode.NotFound, byStudent.StatusCode);
        using var school = await app.ClientFor("school-44010004");
        Assert.Equal("Submitted", (await Api.GetStudentAsync(school, ids[0])).GetProperty("registrationState").GetString());
    }

    [Fact]
    public async Task Return_WithoutReason_Returns400OnReason()
    {
        var (batchId, ids) = await Api.NewBatchAsync(app, "44010004");
        using var city = await app.ClientFor("city-4401");
        using var response = await Api.DecideBatchAsync(city, "return", batchId, new { batchId, reason = "  " });
        await AssertValidationError(response, "reason");
        using var school = await app.ClientFor("school-44010004");
        Assert.Equal("Submitted", (await Api.GetStudentAsync(school, ids[0])).GetProperty("registrationState").GetString());
    }

    [Fact]
    public async Task Return_WithReason_MarksStudentsReturnedWithTheReason()
    {
        var (batchId, ids) = await Api.NewBatchAsync(app, "44010004");
        using var city = await app.ClientFor("city-4401");
        using var response = await Api.DecideBatchAsync(city, "return", batchId, new { batchId, reason = "入学日期与报到记录不符" });
        Assert.Equal(1, (await Api.ReadJson(response, HttpStatusCode.OK)).GetProperty("count").GetInt32());
        using var school = await app.ClientFor("school-44010004");
        var student = await Api.GetStudentAsync(school, ids[0]);
        Assert.Equal("Returned", student.GetProperty("registrationState").GetString());
        Assert.Equal("入学日期与报到记录不符", student.GetProperty("reviewNote").GetString());
    }

    // ---------------------------------------------------------------- export

    [Fact]
    public async Task Export_AsCity_ContainsOnlyInScopeSchoolsWithMaskedIdNumbers()
    {
        using var city = await app.ClientFor("city-4401");
        using var response = await city.GetAsync("/api/v1/students/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var rows = ReadXlsx(await response.Content.ReadAsByteArrayAsync());
        Assert.NotEmpty(rows);
        var codes = rows.Select(r => r["学校代码"]?.ToString() ?? "").Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "44010004", "44010007", "44010010" }, codes);
        Assert.All(rows, r => Assert.Matches(MaskedId(), r["证件号码"]?.ToString() ?? ""));
    }

    [Fact]
    public async Task Export_CellStartingWithEquals_IsPrefixedWithApostrophe()
    {
        // Validation refuses such a name on every input path, so the row is written the way migrated legacy data
        // would arrive: straight into the database. The export must still not hand Excel a formula.
        var hostile = "=HYPERLINK(\"http://x\",\"点我\")";
        await InsertLegacyStudentAsync("44050006", hostile);
        using var school = await app.ClientFor("school-44050006");
        using var response = await school.GetAsync("/api/v1/students/export?schoolCode=44050006");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = ReadXlsx(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains(rows, r => r["姓名"]?.ToString() == "'" + hostile);
        Assert.DoesNotContain(rows, r => r.Values.Any(v => v is string s && s.StartsWith('=')));
    }

    // ---------------------------------------------------------------- accounts

    [Fact]
    public async Task Accounts_CityCreatesAdminForItsOwnCityManagedSchool_Returns201()
    {
        using var city = await app.ClientFor("city-4401");
        using var response = await city.PostAsJsonAsync("/api/v1/accounts", NewAccount("api-school-44010007-admin2", "SchoolAdmin", "44010007"));
        var json = await Api.ReadJson(response, HttpStatusCode.Created);
        Assert.Equal("/api/v1/accounts/api-school-44010007-admin2", response.Headers.Location?.OriginalString);
        Assert.Equal("44010007", json.GetProperty("organizationCode").GetString());
        Assert.Equal("SchoolAdmin", json.GetProperty("role").GetString());
        Assert.Equal("city-4401", json.GetProperty("createdBy").GetString());

        // The new account works, in its school's scope.
        using var anonymous = app.AnonymousClient();
        using var signIn = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = "api-school-44010007-admin2", password = "Strong#Pass2026" });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    [Fact]
    public async Task Accounts_CityCreatesAccountAtProvince_Returns403()
    {
        using var city = await app.ClientFor("city-4401");
        using var response = await city.PostAsJsonAsync("/api/v1/accounts", NewAccount("api-prov-44-by-city", "ProvinceReviewer", "44"));
        await Api.ReadJson(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Accounts_CityCreatesAccountForProvinceManagedSchoolInItsCity_Returns403()
    {
        // 44010001 stands in city 4401 but is supervised by the province.
        using var city = await app.ClientFor("city-4401");
        using var response = await city.PostAsJsonAsync("/api/v1/accounts", NewAccount("api-44010001-by-city", "SchoolAdmin", "44010001"));
        await Api.ReadJson(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Accounts_CityCreatesAccountForAnotherCitysSchool_Returns403()
    {
        using var city = await app.ClientFor("city-4401");
        using var response = await city.PostAsJsonAsync("/api/v1/accounts", NewAccount("api-44030005-by-4401", "SchoolAdmin", "44030005"));
        await Api.ReadJson(response, HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("short1!A")]
    [InlineData("alllowercaseletters")]
    [InlineData("Api-weak-pw-user#1")]
    public async Task Accounts_WeakPassword_Returns400OnPassword(string password)
    {
        using var city = await app.ClientFor("city-4401");
        var body = NewAccount("api-weak-pw-user", "SchoolAdmin", "44010007");
        body["password"] = password;
        using var response = await city.PostAsJsonAsync("/api/v1/accounts", body);
        await AssertValidationError(response, "password");
    }

    [Fact]
    public async Task Accounts_DisabledByCity_CannotSignInAgain()
    {
        using var city = await app.ClientFor("city-4401");
        var user = await NewSchoolAccountAsync(city, "api-disabled-signin");
        using var disable = await city.PutAsJsonAsync($"/api/v1/accounts/{user}/disabled", new { disabled = true });
        Assert.Equal(HttpStatusCode.NoContent, disable.StatusCode);
        using var anonymous = app.AnonymousClient();
        using var signIn = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password = "Strong#Pass2026" });
        var json = await Api.ReadJson(signIn, HttpStatusCode.Unauthorized);
        Assert.Contains("停用", json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accounts_DisabledAfterSignIn_ExistingTokenIsRefused()
    {
        using var city = await app.ClientFor("city-4401");
        var user = await NewSchoolAccountAsync(city, "api-disabled-token");
        using var anonymous = app.AnonymousClient();
        using var signIn = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password = "Strong#Pass2026" });
        var token = (await Api.ReadJson(signIn, HttpStatusCode.OK)).GetProperty("accessToken").GetString();
        using var disable = await city.PutAsJsonAsync($"/api/v1/accounts/{user}/disabled", new { disabled = true });
        Assert.Equal(HttpStatusCode.NoContent, disable.StatusCode);

        using var client = app.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using var response = await client.PostAsJsonAsync("/api/v1/schools/44010007/students", Api.NewStudent(IdNumbers.Next()));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Token_DisabledAccountWithWrongPassword_AnswersLikeAnyWrongPassword()
    {
        using var city = await app.ClientFor("city-4401");
        var user = await NewSchoolAccountAsync(city, "api-disabled-enum");
        using var disable = await city.PutAsJsonAsync($"/api/v1/accounts/{user}/disabled", new { disabled = true });
        Assert.Equal(HttpStatusCode.NoContent, disable.StatusCode);
        using var anonymous = app.AnonymousClient();
        using var response = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password = "Wrong#Pass2026" });
        var json = await Api.ReadJson(response, HttpStatusCode.Unauthorized);
        Assert.Equal(AccountService.RefusedMessage, json.GetProperty("detail").GetString());
    }

    /// <summary>A new school administrator of 44010007, made by city-4401 (whose client is passed in).</summary>
    private static async Task<string> NewSchoolAccountAsync(HttpClient city, string userName)
    {
        using var created = await city.PostAsJsonAsync("/api/v1/accounts", NewAccount(userName, "SchoolAdmin", "44010007"));
        await Api.ReadJson(created, HttpStatusCode.Created);
        return userName;
    }

    // ---------------------------------------------------------------- audit

    [Fact]
    public async Task Audit_SchoolAdmin_SeesOwnSchoolEventsOnly()
    {
        using var own = await app.ClientFor("school-44050009");
        using var other = await app.ClientFor("school-44050006");
        var ownStudent = await Api.RegisterAsync(own, "44050009");
        var otherStudent = await Api.RegisterAsync(other, "44050006");

        using var response = await own.GetAsync("/api/v1/audit-events?pageSize=500");
        var json = await Api.ReadJson(response, HttpStatusCode.OK);
        var events = json.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(events, e => e.GetProperty("subjectId").GetString() == ownStudent.ToString() && e.GetProperty("action").GetString() == "student.registered");
        Assert.Contains(events, e => e.GetProperty("subjectId").GetString() == "school-44050009" && e.GetProperty("action").GetString() == "account.signed_in");
        Assert.DoesNotContain(events, e => e.GetProperty("subjectId").GetString() == otherStudent.ToString());
        Assert.DoesNotContain(events, e => e.GetProperty("subjectId").GetString() == "school-44050006");
        Assert.DoesNotContain(events, e => e.GetProperty("action").GetString() == "demo.seeded");
        // Whoever acted, it was this school or an authority above it.
        Assert.All(events, e => Assert.Contains(e.GetProperty("actorOrganization").GetString(), new[] { "44050009", "4405", "44", "000000" }));
        Assert.True(json.GetProperty("total").GetInt32() >= events.Count);
    }

    // ---------------------------------------------------------------- helpers

    private static Dictionary<string, object?> NewAccount(string userName, string role, string organizationCode) => new()
    {
        ["userName"] = userName,
        ["displayName"] = "测试账号",
        ["role"] = role,
        ["organizationCode"] = organizationCode,
        ["password"] = "Strong#Pass2026",
    };

    private static async Task AssertValidationError(HttpResponseMessage response, string field)
    {
        var json = await Api.ReadJson(response, HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(json.TryGetProperty("errors", out var errors), $"No errors in {json}");
        Assert.True(errors.TryGetProperty(field, out var messages), $"No errors.{field} in {json}");
        Assert.NotEmpty(messages.EnumerateArray().ToList());
    }

    private static List<IDictionary<string, object?>> ReadXlsx(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
    }

    private async Task InsertLegacyStudentAsync(string schoolCode, string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("test-legacy-data");
        var db = scope.ServiceProvider.GetRequiredService<TsaDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<PersonalDataProtector>();
        var input = new StudentInput
        {
            Name = "占位",
            IdNumber = IdNumbers.Next(),
            Ethnicity = "汉族",
            Household = Household.Urban,
            HouseholdCountyCode = "440305",
            Major = "电子商务",
            TrainingLevel = TrainingLevel.Intermediate,
            EntryEducation = EntryEducation.JuniorMiddle,
            SchoolingYears = 3,
            IsFullTime = true,
            IntakeYear = 2026,
            IntakeSeason = IntakeSeason.Autumn,
            EnrolmentDate = new DateOnly(2026, 9, 1),
            ClassName = "2026级电商1班",
        };
        var valid = StudentValidation.Validate(input, DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime), protector, out var errors)
            ?? throw new InvalidOperationException(string.Join("; ", errors.SelectMany(e => e.Value)));
        var school = await db.Set<Organization>().IgnoreQueryFilters().SingleAsync(o => o.Code == schoolCode);
        db.Add(new StudentRecord(Guid.CreateVersion7(), school.Id, school.Code, school.ScopePath, valid.Data with { Name = name }, valid.Personal,
            "legacy-migration", app.Clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync();
    }
}
