using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TechSchoolAid.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    // RPT-1: reading reports and requests is the ministry's and the provinces' (ViewStudents at those levels); submitting
    // and answering the province administrator's (SubmitReports); returning, deadlines and requests the ministry
    // administrator's (ManageDataRequests).
    private static readonly HashSet<string> ReportReaders = ["ministry-admin", "ministry-viewer", "inspector", "province-admin", "province-reviewer"];
    private static readonly HashSet<string> MinistryReaders = ["ministry-admin", "ministry-viewer", "inspector"];

    private static Expectation ReportRead(Cell c, int success = 200) =>
        ReportReaders.Contains(c.Caller.Key) ? Is(success, "reads reports (ministry or province)") : Is(403, "not a ministry or province reader");

    private static Expectation ProvinceAdmin(Cell c, params int[] success) =>
        c.Caller.Key == "province-admin" ? new(success, "has SubmitReports") : Is(403, "lacks SubmitReports");

    private static Expectation MinistryAdmin(Cell c, params int[] success) =>
        c.Caller.Key == "ministry-admin" ? new(success, "has ManageDataRequests") : Is(403, "lacks ManageDataRequests");

    /// <summary>The rows of the Reports module's endpoints; one per endpoint, see the rules in AuthorizationMatrixTests.cs.</summary>
    private static Endpoint[] ReportsEndpoints =>
    [
        new("GET /api/v1/reports/yearly/{year}", Targets.None, false, _ => Get("/api/v1/reports/yearly/2025"), c => ReportRead(c)),
        new("GET /api/v1/reports/yearly/{year}/excel", Targets.None, false, _ => Get("/api/v1/reports/yearly/2025/excel"), c => ReportRead(c)),
        new("GET /api/v1/reports/yearly/{year}/pdf", Targets.None, false, _ => Get("/api/v1/reports/yearly/2025/pdf"), c => ReportRead(c)),
        new("POST /api/v1/reports/yearly/{year}/submission", Targets.None, false, _ => Post("/api/v1/reports/yearly/2023/submission"), c => ProvinceAdmin(c, 200, 409)),
        new("GET /api/v1/reports/yearly/{year}/submissions", Targets.None, false, _ => Get("/api/v1/reports/yearly/2025/submissions"), c => ReportRead(c)),
        // 四川 (51)'s demo report: outside a 广东 caller's scope, so 404 for the province's readers.
        new("GET /api/v1/reports/yearly/{year}/submissions/{provinceCode}/excel", Targets.None, false, _ => Get("/api/v1/reports/yearly/2025/submissions/51/excel"),
            c => MinistryReaders.Contains(c.Caller.Key) ? Is(200, "ministry reads every province") : ReportReaders.Contains(c.Caller.Key) ? Is(404, "another province's report") : Is(403, "not a reader")),
        new("GET /api/v1/reports/yearly/{year}/submissions/{provinceCode}/pdf", Targets.None, false, _ => Get("/api/v1/reports/yearly/2025/submissions/51/pdf"),
            c => MinistryReaders.Contains(c.Caller.Key) ? Is(200, "ministry reads every province") : ReportReaders.Contains(c.Caller.Key) ? Is(404, "another province's report") : Is(403, "not a reader")),
        new("POST /api/v1/reports/yearly/{year}/submissions/{provinceCode}/return", Targets.None, false,
            _ => Json(HttpMethod.Post, "/api/v1/reports/yearly/2025/submissions/51/return", new { reason = "请补充说明（矩阵测试）" }), c => MinistryAdmin(c, 200, 409)),
        new("PUT /api/v1/reports/yearly/{year}/deadline", Targets.None, false,
            _ => Json(HttpMethod.Put, "/api/v1/reports/yearly/2024/deadline", new { dueOn = "2025-03-31", source = "部年度通知（矩阵测试）" }), c => MinistryAdmin(c, 200)),
        new("POST /api/v1/reports/data-requests", Targets.None, false, _ => Json(HttpMethod.Post, "/api/v1/reports/data-requests", ReportsApi.Request("矩阵测试通知")),
            c => MinistryAdmin(c, 201)),
        new("GET /api/v1/reports/data-requests", Targets.None, false, _ => Get("/api/v1/reports/data-requests"), c => ReportRead(c)),
        new("GET /api/v1/reports/data-requests/{id}", Targets.None, false, async c => await Get($"/api/v1/reports/data-requests/{await ReportsApi.SharedRequestAsync(c.App)}"), c => ReportRead(c)),
        new("PUT /api/v1/reports/data-requests/{id}/answer", Targets.None, false,
            async c => await Json(HttpMethod.Put, $"/api/v1/reports/data-requests/{await ReportsApi.SharedRequestAsync(c.App)}/answer", ReportsApi.Answer()), c => ProvinceAdmin(c, 200)),
        new("POST /api/v1/reports/data-requests/{id}/files", Targets.None, false,
            async c => new HttpRequestMessage(HttpMethod.Post, $"/api/v1/reports/data-requests/{await ReportsApi.SharedRequestAsync(c.App)}/files") { Content = ReportsApi.FileForm() },
            c => ProvinceAdmin(c, 201)),
        new("GET /api/v1/reports/data-requests/{id}/files/{fileId}", Targets.None, false,
            async c =>
            {
                var (id, file) = await ReportsApi.SharedFileAsync(c.App);
                return await Get($"/api/v1/reports/data-requests/{id}/files/{file}");
            }, c => ReportRead(c)),
        new("POST /api/v1/reports/data-requests/{id}/close", Targets.None, false,
            async c => await Post($"/api/v1/reports/data-requests/{await ReportsApi.CreateAsync(c.App, "待关闭的通知（矩阵测试）")}/close"), c => MinistryAdmin(c, 200)),
        new("GET /api/v1/reports/data-requests/{id}/export", Targets.None, false,
            async c => await Get($"/api/v1/reports/data-requests/{await ReportsApi.SharedRequestAsync(c.App)}/export"), c => MinistryAdmin(c, 200)),
    ];
}

/// <summary>Data requests through the API, for the report tests and the authorization matrix.</summary>
internal static class ReportsApi
{
    private static readonly ConcurrentDictionary<TestApp, Lazy<Task<Guid>>> Shared = new();
    private static readonly ConcurrentDictionary<TestApp, Lazy<Task<(Guid, Guid)>>> SharedFiles = new();

    /// <summary>A minimal PDF (the type is decided by its bytes).</summary>
    public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    public static object Request(string title, string? dueOn = null, string[]? provinces = null, object[]? fields = null) => new
    {
        title,
        description = "请填报（测试）",
        fields = fields ?? [new { name = "受助人数", kind = "Number" }, new { name = "到位日期", kind = "Date" }, new { name = "说明", kind = "Text" }, new { name = "附件", kind = "File" }],
        dueOn = dueOn ?? "2026-12-31",
        provinceCodes = provinces ?? ["44", "51"],
    };

    public static object Answer(string count = "120") => new { values = new Dictionary<string, string> { ["受助人数"] = count, ["到位日期"] = "2026-10-01", ["说明"] = "已落实" } };

    public static MultipartFormDataContent FileForm(string field = "附件")
    {
        var file = new ByteArrayContent(Pdf);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        return new MultipartFormDataContent { { new StringContent(field), "field" }, { file, "file", "说明.pdf" } };
    }

    public static async Task<Guid> CreateAsync(TestApp app, string title, string? dueOn = null, string[]? provinces = null)
    {
        using var ministry = await app.ClientFor("ministry");
        using var response = await ministry.PostAsJsonAsync("/api/v1/reports/data-requests", Request(title, dueOn, provinces));
        return (await Api.ReadJson(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    /// <summary>One open request to 44 and 51 per app, created once.</summary>
    public static Task<Guid> SharedRequestAsync(TestApp app) =>
        Shared.GetOrAdd(app, a => new Lazy<Task<Guid>>(() => CreateAsync(a, "共享的数据报送通知（测试）"))).Value;

    /// <summary>A file uploaded by 广东 to the shared request, once per app.</summary>
    public static Task<(Guid Request, Guid File)> SharedFileAsync(TestApp app) =>
        SharedFiles.GetOrAdd(app, a => new Lazy<Task<(Guid, Guid)>>(() => UploadAsync(a))).Value;

    private static async Task<(Guid, Guid)> UploadAsync(TestApp app)
    {
        var id = await SharedRequestAsync(app);
        using var province = await app.ClientFor("prov-44");
        using var response = await province.PostAsync($"/api/v1/reports/data-requests/{id}/files", FileForm());
        return (id, (await Api.ReadJson(response, HttpStatusCode.Created)).GetProperty("id").GetGuid());
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(url);
        return await Api.ReadJson(response, expected);
    }
}
