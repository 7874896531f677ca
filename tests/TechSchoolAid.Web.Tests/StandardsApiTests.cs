using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Standards.Domain;

namespace TechSchoolAid.Web.Tests;

/// <summary>The Standards module over HTTP, for its API tests and the authorization matrix.</summary>
internal static class StandardsApi
{
    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

    /// <summary>A minimal .docx: a ZIP with word/document.xml.</summary>
    public static byte[] Docx()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("word/document.xml").Open());
            writer.Write("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>");
        }

        return buffer.ToArray();
    }

    public static MultipartFormDataContent Form(byte[] bytes, string fileName, params (string Name, string Value)[] fields)
    {
        var form = Api.FileContent(bytes, fileName, "application/octet-stream");
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    public static MultipartFormDataContent Brochure(byte[] bytes, string fileName = "招生简章.pdf", int year = 2026, string season = "Autumn") =>
        Form(bytes, fileName, ("year", year.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("season", season));

    public static MultipartFormDataContent Rule(byte[] bytes, string fileName = "资助工作管理办法.pdf", string title = "学生资助工作管理办法") =>
        Form(bytes, fileName, ("title", title), ("kind", "Management"), ("adoptedOn", "2026-03-01"));

    public static object Staff(string name = "测试人员", string phone = "13912345678") =>
        new { name, postKind = "FullTime", post = "资助专干", phone, appointedOn = "2026-09-01" };

    public static object Training(string title = "资助政策培训") =>
        new { title, kind = "Policy", startsOn = "2026-10-01", endsOn = "2026-10-02", hours = 8, place = "广州" };

    /// <summary>A new submitted brochure of <paramref name="school"/> for a fresh intake (the year counts down so each call has its own), with every checklist item ticked unless told.</summary>
    public static async Task<(Guid Id, int Version)> SubmittedBrochureAsync(TestApp app, string school, int year, bool complete = true)
    {
        using var client = await app.ClientFor($"school-{school}-aid");
        var draft = await Api.ReadJson(await client.PostAsync($"/api/v1/standards/schools/{school}/brochures", Brochure(Pdf, year: year)), HttpStatusCode.OK);
        var id = draft.GetProperty("id").GetGuid();
        await Api.ReadJson(await client.PutAsJsonAsync($"/api/v1/standards/brochures/{id}/checklist",
            new { statesWaiver = true, waiverPage = "第2页", statesGrant = true, grantPage = "第2页", statesHotline = complete, hotlinePage = complete ? "第4页" : null }), HttpStatusCode.OK);
        var submitted = await Api.ReadJson(await client.PostAsJsonAsync($"/api/v1/standards/brochures/{id}/submit", new { }), HttpStatusCode.OK);
        return (id, submitted.GetProperty("version").GetInt32());
    }

    public static async Task<T> ReadAsync<T>(TestApp app, Func<TsaDbContext, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("test-read");
        return await read(scope.ServiceProvider.GetRequiredService<TsaDbContext>());
    }

    public static Task<int> CountAsync<T>(TestApp app)
        where T : class => ReadAsync(app, db => db.Set<T>().IgnoreQueryFilters().CountAsync());
}

/// <summary>INS-2 and PUB-2 over HTTP: the brochure flow with its checks, aid staff with their phones, rules as documents, trainings and attendance, and every bad input of the issue refused in Chinese with nothing written.</summary>
public sealed class StandardsApiTests(TestApp app) : IClassFixture<TestApp>
{
    private static string FirstError(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    [Fact]
    public async Task Brochure_SchoolUploadsTicksSubmits_CityReturnsThenApproves_OthersRefused()
    {
        using var school = await app.ClientFor("school-44010004-aid");
        using var city = await app.ClientFor("city-4401");
        var missing = await Api.ReadJson(await city.GetAsync("/api/v1/standards/brochures/missing"), HttpStatusCode.OK);
        Assert.Contains(missing.EnumerateArray(), m => m.GetProperty("schoolCode").GetString() == "44010004");

        // Not a PDF or image, whatever the name says: 400 naming the file, nothing written.
        var before = await StandardsApi.CountAsync<Brochure>(app);
        foreach (var (bytes, name) in new[] { (StandardsApi.Docx(), "招生简章.pdf"), (Encoding.ASCII.GetBytes("MZ\x90\0 program"), "招生简章.png"), (Encoding.UTF8.GetBytes("<html>简章</html>"), "招生简章.pdf") })
        {
            var refused = await Api.ReadJson(await school.PostAsync("/api/v1/standards/schools/44010004/brochures", StandardsApi.Brochure(bytes, name)), HttpStatusCode.BadRequest);
            Assert.Contains("PDF 或图片", FirstError(refused, "file"), StringComparison.Ordinal);
        }

        Assert.Equal(before, await StandardsApi.CountAsync<Brochure>(app));

        var draft = await Api.ReadJson(await school.PostAsync("/api/v1/standards/schools/44010004/brochures", StandardsApi.Brochure(StandardsApi.Pdf)), HttpStatusCode.OK);
        var id = draft.GetProperty("id").GetGuid();
        Assert.Equal("Draft", draft.GetProperty("status").GetString());
        var noPage = await Api.ReadJson(await school.PutAsJsonAsync($"/api/v1/standards/brochures/{id}/checklist", new { statesWaiver = true }), HttpStatusCode.BadRequest);
        Assert.Contains("页码", FirstError(noPage, "waiverPage"), StringComparison.Ordinal);
        await Api.ReadJson(await school.PutAsJsonAsync($"/api/v1/standards/brochures/{id}/checklist",
            new { statesWaiver = true, waiverPage = "第2页", statesGrant = true, grantPage = "第3页" }), HttpStatusCode.OK);
        var submitted = await Api.ReadJson(await school.PostAsJsonAsync($"/api/v1/standards/brochures/{id}/submit", new { }), HttpStatusCode.OK);
        Assert.Equal("Submitted", submitted.GetProperty("status").GetString());

        var todo = await Api.ReadJson(await city.GetAsync("/api/v1/todo"), HttpStatusCode.OK);
        Assert.Contains(todo.EnumerateArray(), t => t.GetProperty("title").GetString()!.StartsWith("审核招生简章", StringComparison.Ordinal));

        // Not the direct supervisor (the province is above the city for a 市管 school): 403.
        foreach (var user in new[] { "prov-44", "prov-44-reviewer" })
        {
            using var province = await app.ClientFor(user);
            var forbidden = await Api.ReadJson(await province.PostAsJsonAsync($"/api/v1/standards/brochures/{id}/approve", new { }), HttpStatusCode.Forbidden);
            Assert.Contains("直接主管部门", forbidden.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        // A checklist item missing: cannot be approved, 400 naming the item; nothing changed.
        var incomplete = await Api.ReadJson(await city.PostAsJsonAsync($"/api/v1/standards/brochures/{id}/approve", new { }), HttpStatusCode.BadRequest);
        Assert.Contains("资助热线", FirstError(incomplete, "checklist.hotline"), StringComparison.Ordinal);
        var noReason = await Api.ReadJson(await city.PostAsJsonAsync($"/api/v1/standards/brochures/{id}/return", new { reason = "" }), HttpStatusCode.BadRequest);
        Assert.Contains("退回原因", FirstError(noReason, "reason"), StringComparison.Ordinal);
        var still = await Api.ReadJson(await city.GetAsync($"/api/v1/standards/brochures/{id}"), HttpStatusCode.OK);
        Assert.Equal("Submitted", still.GetProperty("status").GetString());
        Assert.Equal(submitted.GetProperty("version").GetInt32(), still.GetProperty("version").GetInt32());
        Assert.Contains("review", still.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));

        var returned = await Api.ReadJson(await city.PostAsJsonAsync($"/api/v1/standards/brochures/{id}/return", new { reason = "未载明资助热线电话" }), HttpStatusCode.OK);
        Assert.Equal("Returned", returned.GetProperty("status").GetString());

        // Resubmission after return, then two decisions at once on the same version: one wins, the other is 409.
        await Api.ReadJson(await school.PutAsJsonAsync($"/api/v1/standards/brochures/{id}/checklist",
            new { statesWaiver = true, waiverPage = "第2页", statesGrant = true, grantPage = "第3页", statesHotline = true, hotlinePage = "封底" }), HttpStatusCode.OK);
        var again = await Api.ReadJson(await school.PostAsJsonAsync($"/api/v1/standards/brochures/{id}/submit", new { }), HttpStatusCode.OK);
        var version = again.GetProperty("version").GetInt32();
        using var city2 = await app.ClientFor("city-4401");
        var decisions = await Task.WhenAll(
            city.PostAsJsonAsync($"/api/v1/standards/brochures/{id}/approve", new { version }),
            city2.PostAsJsonAsync($"/api/v1/standards/brochures/{id}/return", new { reason = "同时退回", version }));
        Assert.Equal(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }, decisions.Select(d => d.StatusCode).Order().ToArray());
        var conflict = decisions.Single(d => d.StatusCode == HttpStatusCode.Conflict);
        Assert.Contains("刷新", (await Api.ReadJson(conflict, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var file = await school.GetAsync($"/api/v1/standards/brochures/{id}/file");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/pdf", file.Content.Headers.ContentType!.MediaType);
        var facts = await Api.ReadJson(await school.GetAsync("/api/v1/standards/schools/44010004"), HttpStatusCode.OK);
        var brochureFact = facts.GetProperty("facts").EnumerateArray().Single(f => f.GetProperty("key").GetString() == "brochure");
        Assert.Equal(decisions.Any(d => d.StatusCode == HttpStatusCode.OK && d.RequestMessage!.RequestUri!.AbsolutePath.EndsWith("/approve", StringComparison.Ordinal)),
            brochureFact.GetProperty("met").GetBoolean());
    }

    [Fact]
    public async Task AidStaff_PhoneEncryptedAndMasked_BadInputsRefusedWithNothingWritten()
    {
        using var school = await app.ClientFor("school-44010007");
        var before = await StandardsApi.CountAsync<AidStaffMember>(app);
        foreach (var (body, field, text) in new (object, string, string)[]
        {
            (StandardsApi.Staff(phone: "12345"), "phone", "联系电话格式不正确"),
            (StandardsApi.Staff(phone: "1381234abcd"), "phone", "联系电话格式不正确"),
            (StandardsApi.Staff(name: "王\u202E五"), "name", "方向"),
            (StandardsApi.Staff(name: "王\u0007五"), "name", "控制字符"),
            (StandardsApi.Staff(name: new string('王', 51)), "name", "50"),
            (new { name = "王五", postKind = "Chief", post = "资助专干", phone = "13912345678", appointedOn = "2026-09-01" }, "postKind", ""),
            (new { name = "王五", postKind = "FullTime", post = "资助专干", phone = "13912345678", appointedOn = "2027-09-01" }, "appointedOn", "任职日期"),
        })
        {
            var response = await school.PostAsJsonAsync("/api/v1/standards/schools/44010007/staff", body);
            var problem = await Api.ReadJson(response, HttpStatusCode.BadRequest);
            Assert.True(problem.TryGetProperty("errors", out var errors) && errors.EnumerateObject().Any(e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase)
                || e.Name.EndsWith("." + field, StringComparison.OrdinalIgnoreCase) || e.Name.Equals("$." + field, StringComparison.OrdinalIgnoreCase)), $"{field}: {problem}");
            Assert.Contains(text, problem.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(before, await StandardsApi.CountAsync<AidStaffMember>(app));

        var added = await Api.ReadJson(await school.PostAsJsonAsync("/api/v1/standards/schools/44010007/staff", StandardsApi.Staff("<script>alert(1)</script>", "139-1234-5678")),
            HttpStatusCode.Created);
        Assert.Equal("139****5678", added.GetProperty("phoneMasked").GetString());
        Assert.Equal("<script>alert(1)</script>", added.GetProperty("name").GetString());
        var list = await school.GetStringAsync("/api/v1/standards/staff?schoolCode=44010007");
        Assert.DoesNotContain("13912345678", list, StringComparison.Ordinal);
        var cipher = await StandardsApi.ReadAsync(app, db => db.Set<AidStaffMember>().IgnoreQueryFilters().Where(s => s.Id == added.GetProperty("id").GetGuid())
            .Select(s => s.PhoneCipher).SingleAsync());
        Assert.DoesNotContain("13912345678", Encoding.UTF8.GetString(cipher), StringComparison.Ordinal);

        // Another school's clerk: 403 for a school outside its own.
        using var other = await app.ClientFor("school-44010004");
        var forbidden = await other.PostAsJsonAsync("/api/v1/standards/schools/44010007/staff", StandardsApi.Staff());
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task AidRules_WordAndPdfAccepted_ProgramRefused_NewVersionReplacesTheOld()
    {
        using var school = await app.ClientFor("school-44010010");
        var before = await StandardsApi.CountAsync<AidRuleDocument>(app);
        var exe = await Api.ReadJson(await school.PostAsync("/api/v1/standards/schools/44010010/rules", StandardsApi.Rule(Encoding.ASCII.GetBytes("MZ\x90\0"), "办法.docx")),
            HttpStatusCode.BadRequest);
        Assert.Contains("Word", FirstError(exe, "file"), StringComparison.Ordinal);
        var noTitle = await Api.ReadJson(await school.PostAsync("/api/v1/standards/schools/44010010/rules", StandardsApi.Rule(StandardsApi.Pdf, title: "")), HttpStatusCode.BadRequest);
        Assert.Contains("制度名称", FirstError(noTitle, "title"), StringComparison.Ordinal);
        Assert.Equal(before, await StandardsApi.CountAsync<AidRuleDocument>(app));

        var word = await Api.ReadJson(await school.PostAsync("/api/v1/standards/schools/44010010/rules", StandardsApi.Rule(StandardsApi.Docx(), "资助办法.docx")), HttpStatusCode.Created);
        Assert.EndsWith(".docx", word.GetProperty("fileName").GetString(), StringComparison.Ordinal);
        var form = StandardsApi.Rule(StandardsApi.Pdf, "资助办法2026.pdf", "学生资助工作管理办法（2026年修订）");
        form.Add(new StringContent(word.GetProperty("id").GetString()!), "replaces");
        var pdf = await Api.ReadJson(await school.PostAsync("/api/v1/standards/schools/44010010/rules", form), HttpStatusCode.Created);
        var view = await Api.ReadJson(await school.GetAsync("/api/v1/standards/schools/44010010"), HttpStatusCode.OK);
        var rules = view.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal("Replaced", rules.Single(r => r.GetProperty("id").GetGuid() == word.GetProperty("id").GetGuid()).GetProperty("status").GetString());
        Assert.Equal("Current", rules.Single(r => r.GetProperty("id").GetGuid() == pdf.GetProperty("id").GetGuid()).GetProperty("status").GetString());
        Assert.True(view.GetProperty("facts").EnumerateArray().Single(f => f.GetProperty("key").GetString() == "aid-rules").GetProperty("met").GetBoolean());

        var withdraw = await Api.ReadJson(await school.PostAsJsonAsync($"/api/v1/standards/rules/{pdf.GetProperty("id").GetGuid()}/withdraw", new { reason = "" }),
            HttpStatusCode.BadRequest);
        Assert.Contains("废止原因", FirstError(withdraw, "reason"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Training_ProvinceRecordsAttendance_SchoolsStaffRecordFollows_OthersRefused()
    {
        using var province = await app.ClientFor("prov-44");
        using var city = await app.ClientFor("city-4401");
        Assert.Equal(HttpStatusCode.Forbidden, (await city.PostAsJsonAsync("/api/v1/standards/trainings", StandardsApi.Training())).StatusCode);
        var badDates = await Api.ReadJson(await province.PostAsJsonAsync("/api/v1/standards/trainings",
            new { title = "培训", kind = "Policy", startsOn = "2026-10-02", endsOn = "2026-10-01", hours = 8, place = "广州" }), HttpStatusCode.BadRequest);
        Assert.Contains("结束日期", FirstError(badDates, "endsOn"), StringComparison.Ordinal);
        var training = await Api.ReadJson(await province.PostAsJsonAsync("/api/v1/standards/trainings", StandardsApi.Training("资助资金管理培训")), HttpStatusCode.Created);
        var id = training.GetProperty("id").GetGuid();

        var staff = await Api.ReadJson(await province.GetAsync("/api/v1/standards/staff?schoolCode=44010007"), HttpStatusCode.OK);
        var member = staff.EnumerateArray().First();
        var unknown = await Api.ReadJson(await province.PostAsJsonAsync($"/api/v1/standards/trainings/{id}/attendance", new { staffIds = new[] { Guid.NewGuid() } }),
            HttpStatusCode.BadRequest);
        Assert.Contains("资助工作人员", FirstError(unknown, "staffIds"), StringComparison.Ordinal);
        var recorded = await Api.ReadJson(await province.PostAsJsonAsync($"/api/v1/standards/trainings/{id}/attendance",
            new { staffIds = new[] { member.GetProperty("id").GetGuid() } }), HttpStatusCode.OK);
        Assert.Equal(1, recorded.GetProperty("added").GetInt32());

        using var school = await app.ClientFor("school-44010007");
        var view = await Api.ReadJson(await school.GetAsync("/api/v1/standards/schools/44010007"), HttpStatusCode.OK);
        var mine = view.GetProperty("staff").EnumerateArray().Single(s => s.GetProperty("staff").GetProperty("id").GetGuid() == member.GetProperty("id").GetGuid());
        Assert.Contains(mine.GetProperty("trainings").EnumerateArray(), t => t.GetProperty("trainingId").GetGuid() == id && t.GetProperty("sourceText").GetString() == "省级培训");

        // External training with a certificate that is not a PDF or image: refused; with a PDF: recorded.
        var external = StandardsApi.Form(Encoding.UTF8.GetBytes("证书"), "证书.pdf", ("title", "全国资助业务网络培训"), ("organizer", "全国学生资助管理中心"), ("completedOn", "2026-09-20"), ("hours", "6"));
        var refused = await Api.ReadJson(await school.PostAsync($"/api/v1/standards/staff/{member.GetProperty("id").GetGuid()}/trainings", external), HttpStatusCode.BadRequest);
        Assert.Contains("培训证书", FirstError(refused, "file"), StringComparison.Ordinal);
        var ok = StandardsApi.Form(StandardsApi.Pdf, "证书.pdf", ("title", "全国资助业务网络培训"), ("organizer", "全国学生资助管理中心"), ("completedOn", "2026-09-20"), ("hours", "6"));
        await Api.ReadJson(await school.PostAsync($"/api/v1/standards/staff/{member.GetProperty("id").GetGuid()}/trainings", ok), HttpStatusCode.Created);
    }
}
