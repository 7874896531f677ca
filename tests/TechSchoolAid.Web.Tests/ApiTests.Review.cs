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

public sealed partial class ApiTests
{
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
        Assert.Equal(SignIn.RefusedMessage, json.GetProperty("detail").GetString());
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
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var majors = await TechSchoolAid.Modules.Students.Features.Majors.MajorCatalogues.InForceAsync(db, today, default);
        var valid = StudentValidation.Validate(input, today, protector, majors, out var errors)
            ?? throw new InvalidOperationException(string.Join("; ", errors.SelectMany(e => e.Value)));
        var school = await db.Set<Organization>().IgnoreQueryFilters().SingleAsync(o => o.Code == schoolCode);
        db.Add(new StudentRecord(Guid.CreateVersion7(), school.Id, school.Code, school.ScopePath, valid.Data with { Name = name }, valid.Personal,
            "legacy-migration", app.Clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync();
    }
}
