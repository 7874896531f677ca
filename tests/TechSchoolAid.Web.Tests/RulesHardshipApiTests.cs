using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Audit.Domain;
using TechSchoolAid.Modules.CrossCheck.Domain;
using TechSchoolAid.Modules.CrossCheck.Features;
using TechSchoolAid.Modules.Organizations.Domain;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Web.Tests;

/// <summary>
/// Issue 11 items 9 and 11 over HTTP: the hardship advance notice (提前告知) before applications, the ministry's clearance
/// deadline, and a "keep" clearance confirmed by the school's supervisor — never by the school itself.
/// </summary>
public sealed class RulesHardshipApiTests(TestApp app) : IClassFixture<TestApp>
{
    private const string School = "44010004";

    static RulesHardshipApiTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private async Task<int> AuditCountAsync(string action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("test");
        return await scope.ServiceProvider.GetRequiredService<TsaDbContext>().Set<AuditEvent>().IgnoreQueryFilters().CountAsync(e => e.Action == action);
    }

    /// <summary>An approved grant line at the school, found on the ministry's October file: one open case, its id.</summary>
    private async Task<Guid> OpenCaseAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("test");
        var ctx = scope.ServiceProvider.GetRequiredService<TsaDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<PersonalDataProtector>();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var org = await ctx.Set<Organization>().SingleAsync(o => o.Code == School);
        var taken = ctx.Set<AidEntry>().Select(e => e.StudentId);
        var student = await ctx.Set<StudentRecord>().Where(s => s.SchoolCode == School && s.DocumentType == TechSchoolAid.Kernel.Identity.IdDocumentType.ResidentIdCard && !taken.Contains(s.Id))
            .OrderBy(s => s.Id).FirstAsync();
        var round = await ctx.Set<AidRound>().FirstOrDefaultAsync(r => r.SchoolCode == School && r.Item == AidItem.Grant && r.SchoolYear == 2026 && r.Semester == Semester.Autumn);
        if (round is null)
        {
            round = new AidRound(Guid.CreateVersion7(), org.Id, org.Code, org.Name, org.ScopePath, new AidTerm(2026, Semester.Autumn), AidItem.Grant, Guid.NewGuid(), new DateOnly(2026, 11, 30), 0, "test", now);
            ctx.Add(round);
        }

        var entry = new AidEntry(Guid.CreateVersion7(), round, student.Id, student.IdNumberHash, student.Name, student.ClassName, student.IdNumberMasked, 1, 200_000, "测试", "test", now);
        entry.Review(true, null, "test", now);
        ctx.Add(entry);
        await ctx.SaveChangesAsync();
        var csv = $"证件号码,姓名,资助项目,学年,学期,学校名称\r\n{protector.Decrypt(student.IdNumberCipher)},{student.Name},助学金,2026-2027,秋季学期,某某职业中学\r\n";
        using var ms = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        await scope.ServiceProvider.GetRequiredService<MonthlyCrossCheck>().RunAsync(ms, $"moe-{Guid.NewGuid():N}.csv", "2026-10", default);
        return await ctx.Set<CrossCheckCase>().Where(c => c.EntryId == entry.Id).Select(c => c.Id).SingleAsync();
    }

    private static async Task<JsonElement> KeepAsync(HttpClient aid, Guid caseId)
    {
        using var form = Api.FileContent(StatusChangeApi.Png, "证明.png", "image/png");
        form.Add(new StringContent("Keep"), "action");
        form.Add(new StringContent("经核实该生在本校就读，教育部名单有误"), "note");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/crosscheck/cases/{caseId}/clearance") { Content = form };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"0\""));
        using var response = await aid.SendAsync(request);
        return await Api.ReadJson(response, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Keep_ConfirmedByTheSchoolItself_IsRefusedNamingTheRule_NothingWritten_TheCityConfirms()
    {
        var caseId = await OpenCaseAsync();
        using var aid = await app.ClientFor("school-44010004-aid");
        var kept = await KeepAsync(aid, caseId);
        Assert.True(kept.GetProperty("awaitingSupervisor").GetBoolean());
        Assert.False(kept.GetProperty("canReviewKeep").GetBoolean());

        using var admin = await app.ClientFor("school-44010004");
        var confirmations = await AuditCountAsync("crosscheck.keep_confirmed");
        using (var own = await Api.StepAsync(admin, HttpMethod.Post, $"/api/v1/crosscheck/cases/{caseId}/keep-review", new { confirm = true }))
        {
            var problem = await Api.ReadJson(own, HttpStatusCode.Forbidden);
            Assert.Contains("须由学校的直接主管部门确认", problem.GetRawText(), StringComparison.Ordinal);
            Assert.Contains("学校不能确认本校的“保留”", problem.GetRawText(), StringComparison.Ordinal);
        }

        using (var after = await admin.GetAsync($"/api/v1/crosscheck/cases/{caseId}"))
        {
            var row = await Api.ReadJson(after, HttpStatusCode.OK);
            Assert.True(row.GetProperty("awaitingSupervisor").GetBoolean());
            Assert.Equal(JsonValueKind.Null, row.GetProperty("keepConfirmedBy").ValueKind);
        }

        Assert.Equal(confirmations, await AuditCountAsync("crosscheck.keep_confirmed"));

        // The city (the 市管 school's supervisor): a reopening without a reason is refused with the field; a confirmation stands.
        using var city = await app.ClientFor("city-4401");
        using (var noReason = await Api.StepAsync(city, HttpMethod.Post, $"/api/v1/crosscheck/cases/{caseId}/keep-review", new { confirm = false }))
        {
            var problem = await Api.ReadJson(noReason, HttpStatusCode.BadRequest);
            Assert.Contains("须填写理由", problem.GetProperty("errors").GetProperty("reason")[0].GetString(), StringComparison.Ordinal);
        }

        using (var listed = await city.GetAsync("/api/v1/crosscheck/cases?awaitingSupervisor=true"))
        {
            var page = await Api.ReadJson(listed, HttpStatusCode.OK);
            Assert.Contains(page.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == caseId && r.GetProperty("canReviewKeep").GetBoolean());
        }

        using var confirmed = await Api.StepAsync(city, HttpMethod.Post, $"/api/v1/crosscheck/cases/{caseId}/keep-review", new { confirm = true });
        var done = await Api.ReadJson(confirmed, HttpStatusCode.OK);
        Assert.Equal("city-4401", done.GetProperty("keepConfirmedBy").GetString());
        Assert.False(done.GetProperty("awaitingSupervisor").GetBoolean());
        Assert.Equal(confirmations + 1, await AuditCountAsync("crosscheck.keep_confirmed"));
    }

    [Fact]
    public async Task Notice_ComesBeforeApplications_BadInputsNameTheirField()
    {
        using var aid = await app.ClientFor("school-44010004-aid");
        var student = await StatusChangeApi.ActiveStudentAsync(app, School);

        // 2027-2028 has no notice: the application is refused naming 提前告知; nothing written.
        var application = new Dictionary<string, object?>
        {
            ["schoolYear"] = 2027, ["semester"] = "Autumn", ["familySituation"] = "母亲长期患病", ["commitmentSigned"] = true, ["commitmentSignedOn"] = "2026-10-12",
        };
        using (var early = await aid.PostAsJsonAsync($"/api/v1/students/{student}/hardship", application))
        {
            var problem = await Api.ReadJson(early, HttpStatusCode.Conflict);
            Assert.Contains("提前告知", problem.GetRawText(), StringComparison.Ordinal);
        }

        using (var history = await aid.GetAsync($"/api/v1/students/{student}/hardship"))
        {
            Assert.Equal(0, (await Api.ReadJson(history, HttpStatusCode.OK)).GetArrayLength());
        }

        // Bad notice: no content, documents or dates; applyFrom before today.
        var published = await AuditCountAsync("hardship.notice_published");
        using (var bad = await aid.PostAsJsonAsync("/api/v1/hardship/notices", new { schoolYear = 2027, whoMayApply = "在籍学生", applyFrom = "2026-10-01" }))
        {
            var errors = (await Api.ReadJson(bad, HttpStatusCode.BadRequest)).GetProperty("errors");
            Assert.Equal(["applyFrom", "applyTo", "content", "documents"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        }

        Assert.Equal(published, await AuditCountAsync("hardship.notice_published"));

        using (var created = await aid.PostAsJsonAsync("/api/v1/hardship/notices", HardshipApi.Notice(new DateOnly(2026, 10, 15), 2027)))
        {
            var notice = await Api.ReadJson(created, HttpStatusCode.Created);
            Assert.True(notice.GetProperty("applicationsOpen").GetBoolean());
            Assert.Equal("2027-2028学年", notice.GetProperty("schoolYearText").GetString());
        }

        using (var twice = await aid.PostAsJsonAsync("/api/v1/hardship/notices", HardshipApi.Notice(new DateOnly(2026, 10, 16), 2027)))
        {
            await Api.ReadJson(twice, HttpStatusCode.Conflict);
        }

        using var applied = await aid.PostAsJsonAsync($"/api/v1/students/{student}/hardship", application);
        await Api.ReadJson(applied, HttpStatusCode.Created);
        using var city = await app.ClientFor("city-4401");
        using var seen = await city.GetAsync("/api/v1/hardship/notices?schoolYear=2027");
        Assert.Contains((await Api.ReadJson(seen, HttpStatusCode.OK)).EnumerateArray(), n => n.GetProperty("schoolCode").GetString() == School);
    }

    [Fact]
    public async Task ClearanceDeadline_IsTheMinistrysDatedData_AProvinceIsRefused()
    {
        using var ministry = await app.ClientFor("ministry");
        using (var list = await ministry.GetAsync("/api/v1/crosscheck/clearance-deadlines"))
        {
            var rows = await Api.ReadJson(list, HttpStatusCode.OK);
            Assert.Contains(rows.EnumerateArray(), r => r.GetProperty("workingDays").GetInt32() == 10 && r.GetProperty("source").GetString()!.Contains("人社厅函〔2024〕53号", StringComparison.Ordinal));
        }

        using var province = await app.ClientFor("prov-44");
        using (var refused = await province.PostAsJsonAsync("/api/v1/crosscheck/clearance-deadlines", new { validFrom = "2027-01-01", workingDays = 15, source = "某省文件" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using (var bad = await ministry.PostAsJsonAsync("/api/v1/crosscheck/clearance-deadlines", new { validFrom = "2027-01-01", workingDays = 0 }))
        {
            var errors = (await Api.ReadJson(bad, HttpStatusCode.BadRequest)).GetProperty("errors");
            Assert.Equal(["source", "workingDays"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        }

        using var created = await ministry.PostAsJsonAsync("/api/v1/crosscheck/clearance-deadlines", new { validFrom = "2027-01-01", workingDays = 15, source = "测试：假设的新期限" });
        var row = await Api.ReadJson(created, HttpStatusCode.Created);
        Assert.Equal((15, false), (row.GetProperty("workingDays").GetInt32(), row.GetProperty("inForce").GetBoolean()));
    }
}
