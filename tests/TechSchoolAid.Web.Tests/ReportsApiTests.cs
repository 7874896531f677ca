using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Reports.Domain;
using UglyToad.PdfPig;

namespace TechSchoolAid.Web.Tests;

/// <summary>RPT-1 over HTTP: the yearly report generated, exported (Excel, PDF with Chinese text), submitted once and frozen, returned; data requests sent, answered, corrected, closed, exported; every bad input refused.</summary>
public sealed class ReportsApiTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly string[] ModuleTables = ["students", "status-changes", "graduates", "aid", "funding-gap", "cross-check"];

    private async Task<T> CountAsync<T>(Func<TsaDbContext, Task<T>> count)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("test-count");
        return await count(scope.ServiceProvider.GetRequiredService<TsaDbContext>());
    }

    [Fact]
    public async Task Province_PreviewsSubmitsOnce_MinistrySeesItAndDownloadsTheFrozenReport_ReturnOpensItAgain()
    {
        using var province = await app.ClientFor("prov-44");
        var preview = await ReportsApi.GetAsync(province, "/api/v1/reports/yearly/2025");
        Assert.Equal("广东省", preview.GetProperty("scopeName").GetString());
        var keys = preview.GetProperty("tables").EnumerateArray().Select(t => t.GetProperty("key").GetString()).ToList();
        Assert.All(ModuleTables, k => Assert.Contains(k, keys));
        Assert.Equal("not-submitted", preview.GetProperty("submission").GetProperty("state").GetString());
        Assert.Contains("submit", preview.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        // The demo deadline of 2025 (31 March 2026) has passed: not submitted is late.
        Assert.True(preview.GetProperty("submission").GetProperty("late").GetBoolean());

        using var submitted = await province.PostAsync("/api/v1/reports/yearly/2025/submission", null);
        var s = await Api.ReadJson(submitted, HttpStatusCode.OK);
        Assert.Equal("submitted", s.GetProperty("state").GetString());
        Assert.Matches("^[0-9a-f]{64}$", s.GetProperty("sha256").GetString()!);
        Assert.Equal("prov-44", s.GetProperty("submittedBy").GetString());

        // Submitting twice is refused in Chinese, and nothing is written.
        var events = await CountAsync(db => db.Set<Modules.Audit.Domain.AuditEvent>().IgnoreQueryFilters().CountAsync());
        using var twice = await province.PostAsync("/api/v1/reports/yearly/2025/submission", null);
        var problem = await Api.ReadJson(twice, HttpStatusCode.Conflict);
        Assert.Contains("不能重复报送", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(events, await CountAsync(db => db.Set<Modules.Audit.Domain.AuditEvent>().IgnoreQueryFilters().CountAsync()));
        Assert.Equal(1, await CountAsync(db => db.Set<YearlyReportSubmission>().IgnoreQueryFilters().CountAsync(x => x.ProvinceCode == "44")));

        // The ministry sees 广东 and 四川 (demo) submitted, 广东 late against the deadline.
        using var ministry = await app.ClientFor("ministry");
        var list = await ReportsApi.GetAsync(ministry, "/api/v1/reports/yearly/2025/submissions");
        var rows = list.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("provinceCode").GetString()!);
        Assert.Equal("submitted", rows["44"].GetProperty("state").GetString());
        Assert.True(rows["44"].GetProperty("late").GetBoolean());
        Assert.Equal("submitted", rows["51"].GetProperty("state").GetString());
        Assert.Equal("2026-03-31", list.GetProperty("dueOn").GetString());

        // The frozen report downloads as submitted: its cover carries the hash.
        using var excel = await ministry.GetAsync("/api/v1/reports/yearly/2025/submissions/44/excel");
        Assert.Equal(HttpStatusCode.OK, excel.StatusCode);
        var cover = MiniExcel.Query(new MemoryStream(await excel.Content.ReadAsByteArrayAsync()), useHeaderRow: true, sheetName: "封面").Cast<IDictionary<string, object?>>().ToList();
        Assert.Contains(cover, r => Equals(r["内容"], s.GetProperty("sha256").GetString()));

        // The ministry returns it with a reason; the province may submit again.
        using var noReason = await ministry.PostAsJsonAsync("/api/v1/reports/yearly/2025/submissions/44/return", new { reason = " " });
        Assert.Contains("退回原因", (await Api.ReadJson(noReason, HttpStatusCode.BadRequest)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var returned = await ministry.PostAsJsonAsync("/api/v1/reports/yearly/2025/submissions/44/return", new { reason = "资助人数与决算不一致，请核对后重报" });
        Assert.Equal("returned", (await Api.ReadJson(returned, HttpStatusCode.OK)).GetProperty("state").GetString());
        using var again = await province.PostAsync("/api/v1/reports/yearly/2025/submission", null);
        Assert.Equal("submitted", (await Api.ReadJson(again, HttpStatusCode.OK)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Submission_OfTheRunningYear_OrByTheMinistry_IsRefused()
    {
        using var province = await app.ClientFor("prov-44");
        using var running = await province.PostAsync("/api/v1/reports/yearly/2026/submission", null);
        Assert.Contains("尚未结束", (await Api.ReadJson(running, HttpStatusCode.BadRequest)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var absurd = await province.GetAsync("/api/v1/reports/yearly/1999");
        Assert.Contains("年度", (await Api.ReadJson(absurd, HttpStatusCode.BadRequest)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var other = await province.GetAsync("/api/v1/reports/yearly/2025?province=51");
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        using var ministry = await app.ClientFor("ministry");
        using var bySelf = await ministry.PostAsync("/api/v1/reports/yearly/2025/submission", null);
        Assert.Equal(HttpStatusCode.Forbidden, bySelf.StatusCode);
    }

    [Fact]
    public async Task CountryReport_Excel_HasOneSheetPerTableAndACover_Pdf_CarriesTheChineseTitle()
    {
        using var ministry = await app.ClientFor("ministry");
        var report = await ReportsApi.GetAsync(ministry, "/api/v1/reports/yearly/2025");
        Assert.Equal("全国", report.GetProperty("scopeName").GetString());
        var tables = report.GetProperty("tables").GetArrayLength();

        using var excel = await ministry.GetAsync("/api/v1/reports/yearly/2025/excel");
        Assert.Equal(HttpStatusCode.OK, excel.StatusCode);
        var sheets = MiniExcel.GetSheetNames(new MemoryStream(await excel.Content.ReadAsByteArrayAsync()));
        Assert.Equal(tables + 1, sheets.Count);
        Assert.Equal("封面", sheets[0]);
        Assert.Contains("学生人数（按省份、培养层次、学校类别）", sheets);

        using var pdf = await ministry.GetAsync("/api/v1/reports/yearly/2025/pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        using var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync());
        var text = string.Concat(document.GetPages().SelectMany(p => p.Letters).Select(l => l.Value)).Replace(" ", "", StringComparison.Ordinal);
        Assert.True(text.Contains("全国2025年度技工院校学生资助工作报告", StringComparison.Ordinal), $"PDF text: {text[..Math.Min(300, text.Length)]}");
        Assert.True(text.Contains("学籍异动", StringComparison.Ordinal), $"PDF text: {text[..Math.Min(300, text.Length)]}");
    }

    [Fact]
    public async Task DataRequest_BadInputs_AreRefusedInChinese_AndNothingIsWritten()
    {
        using var ministry = await app.ClientFor("ministry");
        var before = await CountAsync(db => db.Set<DataRequest>().CountAsync());

        async Task Refused(object body, string field, string words)
        {
            using var response = await ministry.PostAsJsonAsync("/api/v1/reports/data-requests", body);
            var problem = await Api.ReadJson(response, HttpStatusCode.BadRequest);
            var raw = problem.GetRawText();
            Assert.Contains(field, raw, StringComparison.Ordinal);
            Assert.Contains(words, raw, StringComparison.Ordinal);
        }

        await Refused(ReportsApi.Request(""), "title", "请填写标题");
        await Refused(ReportsApi.Request("报送\u202E通知"), "title", "方向");
        await Refused(ReportsApi.Request("报送\u0007通知"), "title", "控制");
        await Refused(ReportsApi.Request("过期通知", dueOn: "2026-10-14"), "dueOn", "截止日期不能早于今天");
        await Refused(ReportsApi.Request("无字段", fields: []), "fields", "至少");
        await Refused(ReportsApi.Request("字段类型", fields: [new { name = "人数", kind = 9 }]), "kind", "");
        await Refused(ReportsApi.Request("字段类型", fields: [new { name = "人数" }]), "fields[0].kind", "数字、文字、日期或文件");
        await Refused(ReportsApi.Request("省份", provinces: ["99"]), "provinceCodes", "不存在");
        using var stringKind = await ministry.PostAsJsonAsync("/api/v1/reports/data-requests", ReportsApi.Request("字段类型", fields: [new { name = "人数", kind = "Photo" }]));
        Assert.Equal(HttpStatusCode.BadRequest, stringKind.StatusCode);
        Assert.Equal(before, await CountAsync(db => db.Set<DataRequest>().CountAsync()));
    }

    [Fact]
    public async Task DataRequest_AnsweredCorrectedClosedExported_NotSentIs404_BadValuesRefused()
    {
        var id = await ReportsApi.CreateAsync(app, "2026年秋季学期落实情况（测试）", provinces: ["44"]);
        var onlySichuan = await ReportsApi.CreateAsync(app, "只发四川的通知（测试）", provinces: ["51"]);
        using var province = await app.ClientFor("prov-44");

        // A request not sent to the province: 404, whether read or answered.
        using var notMine = await province.PutAsJsonAsync($"/api/v1/reports/data-requests/{onlySichuan}/answer", ReportsApi.Answer());
        Assert.Equal(HttpStatusCode.NotFound, notMine.StatusCode);
        using var notMineRead = await province.GetAsync($"/api/v1/reports/data-requests/{onlySichuan}");
        Assert.Equal(HttpStatusCode.NotFound, notMineRead.StatusCode);

        // Values in the wrong kind, or for a field not asked: 400, nothing written.
        using var notNumber = await province.PutAsJsonAsync($"/api/v1/reports/data-requests/{id}/answer",
            new { values = new Dictionary<string, string> { ["受助人数"] = "很多", ["到位日期"] = "2026-10-01", ["说明"] = "x" } });
        Assert.Contains("应填写数字", (await Api.ReadJson(notNumber, HttpStatusCode.BadRequest)).GetRawText(), StringComparison.Ordinal);
        using var unknown = await province.PutAsJsonAsync($"/api/v1/reports/data-requests/{id}/answer",
            new { values = new Dictionary<string, string> { ["受助人数"] = "1", ["到位日期"] = "2026-10-01", ["说明"] = "x", ["额外"] = "y" } });
        Assert.Contains("没有字段", (await Api.ReadJson(unknown, HttpStatusCode.BadRequest)).GetRawText(), StringComparison.Ordinal);
        using var badDate = await province.PutAsJsonAsync($"/api/v1/reports/data-requests/{id}/answer",
            new { values = new Dictionary<string, string> { ["受助人数"] = "1", ["到位日期"] = "十月", ["说明"] = "x" } });
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Null(await CountAsync(db => db.Set<DataRequestRecipient>().Where(r => r.RequestId == id).Select(r => r.ValuesJson).SingleAsync()));

        // Answered in time, then corrected; a file that is not a PDF or image is refused, a PDF accepted.
        using var answered = await province.PutAsJsonAsync($"/api/v1/reports/data-requests/{id}/answer", ReportsApi.Answer("120"));
        var mine = (await Api.ReadJson(answered, HttpStatusCode.OK)).GetProperty("recipients")[0];
        Assert.Equal("answered", mine.GetProperty("state").GetString());
        Assert.False(mine.GetProperty("late").GetBoolean());
        using var corrected = await province.PutAsJsonAsync($"/api/v1/reports/data-requests/{id}/answer", ReportsApi.Answer("125"));
        mine = (await Api.ReadJson(corrected, HttpStatusCode.OK)).GetProperty("recipients")[0];
        Assert.Equal("125", mine.GetProperty("values").GetProperty("受助人数").GetString());
        Assert.Equal(1, mine.GetProperty("corrections").GetInt32());
        var text = new ByteArrayContent("not a pdf"u8.ToArray());
        using var wrongFile = await province.PostAsync($"/api/v1/reports/data-requests/{id}/files",
            new MultipartFormDataContent { { new StringContent("附件"), "field" }, { text, "file", "说明.pdf" } });
        Assert.Contains("PDF", (await Api.ReadJson(wrongFile, HttpStatusCode.BadRequest)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var wrongField = await province.PostAsync($"/api/v1/reports/data-requests/{id}/files", ReportsApi.FileForm("说明"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongField.StatusCode);
        using var pdf = await province.PostAsync($"/api/v1/reports/data-requests/{id}/files", ReportsApi.FileForm());
        await Api.ReadJson(pdf, HttpStatusCode.Created);

        // The ministry tracks it, exports it and closes it; the province can no longer correct.
        using var ministry = await app.ClientFor("ministry");
        var list = await ReportsApi.GetAsync(ministry, "/api/v1/reports/data-requests");
        var row = list.EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == id);
        Assert.Equal(1, row.GetProperty("answered").GetInt32());
        using var export = await ministry.GetAsync($"/api/v1/reports/data-requests/{id}/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var exported = MiniExcel.Query(new MemoryStream(await export.Content.ReadAsByteArrayAsync()), useHeaderRow: true, sheetName: "填报汇总").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal("125", exported.Single()["受助人数"]?.ToString());
        Assert.Equal("说明.pdf", exported.Single()["附件"]?.ToString());
        using var closed = await ministry.PostAsync($"/api/v1/reports/data-requests/{id}/close", null);
        Assert.Equal("closed", (await Api.ReadJson(closed, HttpStatusCode.OK)).GetProperty("state").GetString());
        using var late = await province.PutAsJsonAsync($"/api/v1/reports/data-requests/{id}/answer", ReportsApi.Answer("130"));
        Assert.Contains("已关闭", (await Api.ReadJson(late, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var closeTwice = await ministry.PostAsync($"/api/v1/reports/data-requests/{id}/close", null);
        Assert.Equal(HttpStatusCode.Conflict, closeTwice.StatusCode);
    }

    [Fact]
    public async Task Todo_ProvinceSeesTheLateReportAndTheOpenRequest_MinistryTheAnswersReceived()
    {
        using var province = await app.ClientFor("prov-44");
        var items = await ReportsApi.GetAsync(province, "/api/v1/todo");
        var titles = items.EnumerateArray().Select(i => i.GetProperty("title").GetString()).ToList();
        Assert.Contains("数据报送待填报", titles);
        using var ministry = await app.ClientFor("ministry");
        var received = await ReportsApi.GetAsync(ministry, "/api/v1/todo");
        Assert.Contains(received.EnumerateArray(), i => i.GetProperty("title").GetString() == "已收到2025年度报告");
        Assert.Contains(received.EnumerateArray(), i => i.GetProperty("title").GetString() == "数据报送已收到填报");
    }
}

/// <summary>An answer after the deadline is accepted and marked late (its own app: the clock moves on).</summary>
public sealed class ReportsLateAnswerApiTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task AnswerAfterTheDeadline_IsAcceptedAndMarkedLate()
    {
        var id = await ReportsApi.CreateAsync(app, "当日截止的通知（测试）", dueOn: "2026-10-15", provinces: ["44"]);
        app.Clock.Advance(TimeSpan.FromDays(2));
        using var province = await app.ClientFor("prov-44");
        var detail = await ReportsApi.GetAsync(province, $"/api/v1/reports/data-requests/{id}");
        Assert.Equal("overdue", detail.GetProperty("recipients")[0].GetProperty("state").GetString());
        using var answered = await province.PutAsJsonAsync($"/api/v1/reports/data-requests/{id}/answer", ReportsApi.Answer());
        var mine = (await Api.ReadJson(answered, HttpStatusCode.OK)).GetProperty("recipients")[0];
        Assert.Equal("late", mine.GetProperty("state").GetString());
        Assert.True(mine.GetProperty("late").GetBoolean());
        Assert.Equal("逾期填报", mine.GetProperty("stateText").GetString());
    }
}

/// <summary>A server without a Chinese font answers 503 in Chinese for the PDF, never a PDF of empty boxes; Excel still works.</summary>
public sealed class ReportsNoFontApiTests(ReportsNoFontApiTests.NoFontApp app) : IClassFixture<ReportsNoFontApiTests.NoFontApp>
{
    public sealed class NoFontApp : TestApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Reports:FontPaths", "/nonexistent/no-such-font.ttf");
        }
    }

    [Fact]
    public async Task Pdf_WithoutAFont_Is503InChinese()
    {
        using var ministry = await app.ClientFor("ministry");
        using var pdf = await ministry.GetAsync("/api/v1/reports/yearly/2025/pdf");
        var problem = await Api.ReadJson(pdf, HttpStatusCode.ServiceUnavailable);
        Assert.StartsWith("服务器未安装中文字体", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var excel = await ministry.GetAsync("/api/v1/reports/yearly/2025/excel");
        Assert.Equal(HttpStatusCode.OK, excel.StatusCode);
    }
}
