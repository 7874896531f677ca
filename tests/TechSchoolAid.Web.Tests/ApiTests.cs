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
    public async Task OpenApi_Administrator_DocumentListsSchoolStudentsRoute()
    {
        using var client = await app.ClientFor("prov-44");
        using var response = await client.GetAsync("/openapi/v1.json");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/api/v1/schools/{schoolCode}/students", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiReference_Administrator_RedirectsToPageThatReturns200()
    {
        using var client = await app.ClientFor("ministry");
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
        Assert.Equal(SignIn.RefusedMessage, json.GetProperty("detail").GetString());
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
        Assert.Equal(SignIn.RefusedMessage, json.GetProperty("detail").GetString());
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
}
