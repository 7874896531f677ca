using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace TechSchoolAid.Web.Tests;

/// <summary>
/// Resident ID numbers (GB 11643) made by the tests themselves, independently of the product: 6-digit county code,
/// birth date, 3-digit order code, and the ISO 7064 MOD 11-2 check character.
/// </summary>
public static class IdNumbers
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";
    private static int _next;

    public static char CheckChar(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckChars[sum % 11];
    }

    public static string Build(string county, string birthYyyyMmDd, int order)
    {
        var first17 = county + birthYyyyMmDd + order.ToString("D3", CultureInfo.InvariantCulture);
        return first17 + CheckChar(first17);
    }

    /// <summary>
    /// A number no one else in the test run has: born in 2012 (aged 14 in October 2026), while every demo student was
    /// born in 2011 or earlier, so it can never collide with demo data either.
    /// </summary>
    public static string Next(string county = "440305")
    {
        var n = Interlocked.Increment(ref _next);
        var birth = new DateOnly(2012, 1, 1).AddDays(n / 999);
        return Build(county, birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture), (n % 999) + 1);
    }

    /// <summary>The same number with a check character that is certainly wrong.</summary>
    public static string WithWrongCheckChar(string id) => id[..17] + (id[17] == '1' ? '2' : '1');
}

/// <summary>Request bodies and small HTTP steps shared by the API tests.</summary>
public static class Api
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A complete, valid new student of the autumn 2026 intake; <paramref name="tweak"/> changes fields.</summary>
    public static Dictionary<string, object?> NewStudent(string idNumber, string name = "李明", Action<Dictionary<string, object?>>? tweak = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["name"] = name,
            ["documentType"] = "ResidentIdCard",
            ["idNumber"] = idNumber,
            ["ethnicity"] = "汉族",
            ["household"] = "Rural",
            ["householdCountyCode"] = "440305",
            ["major"] = "数控加工",
            ["majorIsAgricultural"] = false,
            ["trainingLevel"] = "Intermediate",
            ["entryEducation"] = "JuniorMiddle",
            ["schoolingYears"] = 3,
            ["isFullTime"] = true,
            ["intakeYear"] = 2026,
            ["intakeSeason"] = "Autumn",
            ["enrolmentDate"] = "2026-09-01",
            ["className"] = "2026级数控1班",
            ["phone"] = "13800138000",
            ["guardianName"] = "李强",
            ["paperFileMade"] = false,
        };
        tweak?.Invoke(body);
        return body;
    }

    /// <summary>The import template's columns, in order (as in ImportStudents.Columns; '*' marks required in the template).</summary>
    public static readonly string[] TemplateHeaders =
    [
        "姓名", "证件类型", "证件号码", "出生日期", "性别", "民族", "户籍性质", "户籍所在县区代码", "专业", "是否涉农专业", "培养层次",
        "入学前学历", "学制", "是否全日制", "招生年份", "招生季", "入学日期", "班级", "联系电话", "监护人姓名", "监护人电话", "纸质档案已建立",
    ];

    /// <summary>One valid import row, keyed by template header.</summary>
    public static Dictionary<string, string> CsvRow(string idNumber, string name = "王小明") => new()
    {
        ["姓名"] = name,
        ["证件类型"] = "居民身份证",
        ["证件号码"] = idNumber,
        ["出生日期"] = "",
        ["性别"] = "",
        ["民族"] = "汉族",
        ["户籍性质"] = "农村",
        ["户籍所在县区代码"] = "440305",
        ["专业"] = "数控加工",
        ["是否涉农专业"] = "否",
        ["培养层次"] = "中级工",
        ["入学前学历"] = "初中",
        ["学制"] = "3",
        ["是否全日制"] = "是",
        ["招生年份"] = "2026",
        ["招生季"] = "秋季",
        ["入学日期"] = "2026-09-01",
        ["班级"] = "2026级数控2班",
        ["联系电话"] = "13900139000",
        ["监护人姓名"] = "王大明",
        ["监护人电话"] = "",
        ["纸质档案已建立"] = "否",
    };

    /// <summary>A CSV with the template headers (the template marks required ones with '*', as a clerk's file would).</summary>
    public static string Csv(IEnumerable<Dictionary<string, string>> rows, IReadOnlyList<string>? headers = null)
    {
        headers ??= TemplateHeaders;
        var required = new HashSet<string>(["姓名", "证件号码", "民族", "户籍性质", "户籍所在县区代码", "专业", "培养层次", "入学前学历", "学制", "是否全日制", "招生年份", "招生季", "入学日期", "班级"]);
        var sb = new StringBuilder();
        sb.Append(string.Join(',', headers.Select(h => required.Contains(h) ? h + "*" : h))).Append("\r\n");
        foreach (var row in rows)
        {
            sb.Append(string.Join(',', headers.Select(h => Quote(row.GetValueOrDefault(h, ""))))).Append("\r\n");
        }

        return sb.ToString();
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    public static MultipartFormDataContent FileContent(byte[] bytes, string fileName, string contentType = "text/csv")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    public static MultipartFormDataContent CsvFile(string csv, string fileName = "新生.csv") =>
        FileContent(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(csv), fileName);

    /// <summary>Reads the body as JSON after checking the status, showing the body when the status is not the one expected.</summary>
    public static async Task<JsonElement> ReadJson(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} {expected}, got {(int)response.StatusCode} {response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<Guid> RegisterAsync(HttpClient client, string schoolCode, string? idNumber = null, string name = "李明")
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/schools/{schoolCode}/students", NewStudent(idNumber ?? IdNumbers.Next(), name));
        var json = await ReadJson(response, HttpStatusCode.Created);
        return json.GetProperty("id").GetGuid();
    }

    public static async Task VerifyAsync(HttpClient client, string schoolCode, params Guid[] studentIds)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/schools/{schoolCode}/students/verify", new { studentIds, method = "现场点名" });
        var json = await ReadJson(response, HttpStatusCode.OK);
        Assert.Equal(studentIds.Length, json.GetInt32());
    }

    /// <summary>Submits verified students as one batch and answers the batch id.</summary>
    public static async Task<Guid> SubmitAsync(HttpClient client, string schoolCode, params Guid[] studentIds)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/schools/{schoolCode}/registration-batches", new { studentIds });
        var json = await ReadJson(response, HttpStatusCode.OK);
        Assert.Equal(studentIds.Length, json.GetProperty("count").GetInt32());
        return json.GetProperty("batchId").GetGuid();
    }

    /// <summary>A fresh batch of new students at a school, made by the school's own administrator (school-&lt;code&gt;).</summary>
    public static async Task<(Guid BatchId, Guid[] StudentIds)> NewBatchAsync(TestApp app, string schoolCode, int students = 1)
    {
        using var admin = await app.ClientFor($"school-{schoolCode}");
        var ids = new Guid[students];
        for (var i = 0; i < students; i++)
        {
            ids[i] = await RegisterAsync(admin, schoolCode);
        }

        await VerifyAsync(admin, schoolCode, ids);
        return (await SubmitAsync(admin, schoolCode, ids), ids);
    }

    /// <summary>
    /// An edit or decision carrying the version it is based on (If-Match): the ETag of <paramref name="versionUrl"/> read
    /// by the same client, or none when that client cannot see it (the API then answers 404 or 403 as it would anyway).
    /// </summary>
    public static async Task<HttpResponseMessage> SendIfMatchAsync(HttpClient client, HttpMethod method, string url, object body, string versionUrl)
    {
        using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        using (var get = await client.GetAsync(versionUrl))
        {
            if (get.IsSuccessStatusCode && get.Headers.ETag is { } etag)
            {
                request.Headers.IfMatch.Add(etag);
            }
        }

        return await client.SendAsync(request);
    }

    /// <summary>
    /// An edit or decision on <c>/…/{id}/{step}</c> (no body when <paramref name="body"/> is null) with the If-Match of
    /// <c>/…/{id}</c> as the same client reads it.
    /// </summary>
    public static async Task<HttpResponseMessage> StepAsync(HttpClient client, HttpMethod method, string url, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        using (var get = await client.GetAsync(url[..url.LastIndexOf('/')]))
        {
            if (get.IsSuccessStatusCode && get.Headers.ETag is { } etag)
            {
                request.Headers.IfMatch.Add(etag);
            }
        }

        return await client.SendAsync(request);
    }

    /// <summary>POST /api/v1/registrations/{approve|return} on a whole batch, with the batch's If-Match.</summary>
    public static Task<HttpResponseMessage> DecideBatchAsync(HttpClient client, string decision, Guid batchId, object body) =>
        SendIfMatchAsync(client, HttpMethod.Post, $"/api/v1/registrations/{decision}", body, $"/api/v1/registrations/batches/{batchId}");

    public static async Task<JsonElement> GetStudentAsync(HttpClient client, Guid id)
    {
        using var response = await client.GetAsync($"/api/v1/students/{id}");
        return await ReadJson(response, HttpStatusCode.OK);
    }

    public static async Task<int> CountStudentsAsync(HttpClient client, string schoolCode)
    {
        using var response = await client.GetAsync($"/api/v1/schools/{schoolCode}/students?pageSize=1");
        var json = await ReadJson(response, HttpStatusCode.OK);
        return json.GetProperty("total").GetInt32();
    }
}
