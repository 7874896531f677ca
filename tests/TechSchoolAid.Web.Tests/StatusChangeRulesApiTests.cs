using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace TechSchoolAid.Web.Tests;

/// <summary>
/// Issue 13, items 7 and 2 through HTTP: a suspension's period, evidence entered with the change in one multipart call (all
/// or nothing), approval refused while the kind's required evidence is missing, and the kind rules as dated policy data.
/// Today is 2026-10-15.
/// </summary>
public sealed class StatusChangeRulesApiTests(TestApp app) : IClassFixture<TestApp>
{
    private const string School = "44010004";

    private static MultipartFormDataContent Form(Dictionary<string, string> fields, params (string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (key, value) in fields)
        {
            form.Add(new StringContent(value), key);
        }

        foreach (var (name, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = MediaTypeHeaderValue.Parse("application/octet-stream");
            form.Add(file, "files", name);
        }

        return form;
    }

    private static Dictionary<string, string> Suspension(string occurredOn = "2026-10-12", string? expectedReturnOn = "2027-03-01") => new()
    {
        ["kind"] = "Suspension",
        ["occurredOn"] = occurredOn,
        ["reason"] = "因病住院治疗，监护人申请休学",
        ["expectedReturnOn"] = expectedReturnOn ?? "",
    };

    private static async Task<int> ChangesOf(HttpClient client, Guid student)
    {
        using var list = await client.GetAsync($"/api/v1/status-changes?studentId={student}");
        return (await Api.ReadJson(list, HttpStatusCode.OK)).GetProperty("total").GetInt32();
    }

    private async Task<(Guid Student, HttpClient Clerk)> StudentAndClerkAsync() =>
        (await StatusChangeApi.ActiveStudentAsync(app, School), await app.ClientFor($"school-{School}-records"));

    [Fact]
    public async Task EnterWithEvidence_Multipart_201_ChangeAndFilesSavedTogether_PeriodShown()
    {
        var (student, clerk) = await StudentAndClerkAsync();
        using (clerk)
        {
            using var response = await clerk.PostAsync($"/api/v1/students/{student}/status-changes/with-evidence",
                Form(Suspension(), ("休学申请.png", StatusChangeApi.Png), ("诊断证明.pdf", "%PDF-1.4 test"u8.ToArray())));
            var detail = await Api.ReadJson(response, HttpStatusCode.Created);
            var change = detail.GetProperty("change");
            Assert.Equal("2027-03-01", change.GetProperty("expectedReturnOn").GetString());
            Assert.Equal(["休学申请.png", "诊断证明.pdf"], detail.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("fileName").GetString()).Order());
            Assert.Equal(JsonValueKind.Null, detail.GetProperty("evidenceMissing").ValueKind);
            Assert.Contains("休学申请", detail.GetProperty("evidenceRequired").GetString());
            Assert.Equal(2, detail.GetProperty("history").EnumerateArray().Count(h => h.GetProperty("action").GetString() == "evidence"));

            using var list = await clerk.GetAsync($"/api/v1/status-changes?studentId={student}");
            var row = (await Api.ReadJson(list, HttpStatusCode.OK)).GetProperty("items")[0];
            Assert.Equal("2027-03-01", row.GetProperty("expectedReturnOn").GetString());
        }
    }

    [Theory]
    [InlineData("MZ\u0090\u0000 not an image", "不是 PDF、JPG 或 PNG")]
    [InlineData("", "空文件")]
    public async Task EnterWithEvidence_BadFile_400NamesTheFile_NothingWritten(string content, string text)
    {
        var (student, clerk) = await StudentAndClerkAsync();
        using (clerk)
        {
            using var response = await clerk.PostAsync($"/api/v1/students/{student}/status-changes/with-evidence",
                Form(Suspension(), ("休学申请.png", StatusChangeApi.Png), ("病历.png", System.Text.Encoding.UTF8.GetBytes(content))));
            var problem = await Api.ReadJson(response, HttpStatusCode.BadRequest);
            var message = problem.GetProperty("errors").GetProperty("files")[0].GetString();
            Assert.Contains("第 2 个文件「病历」", message);
            Assert.Contains(text, message);
            Assert.Equal(0, await ChangesOf(clerk, student));
        }
    }

    [Fact]
    public async Task EnterWithEvidence_ElevenFiles_400_NothingWritten()
    {
        var (student, clerk) = await StudentAndClerkAsync();
        using (clerk)
        {
            var files = Enumerable.Range(1, 11).Select(i => ($"材料{i}.png", StatusChangeApi.Png)).ToArray();
            using var response = await clerk.PostAsync($"/api/v1/students/{student}/status-changes/with-evidence", Form(Suspension(), files));
            var problem = await Api.ReadJson(response, HttpStatusCode.BadRequest);
            Assert.Contains("最多上传 10 个", problem.GetProperty("errors").GetProperty("files")[0].GetString());
            Assert.Equal(0, await ChangesOf(clerk, student));
        }
    }

    [Fact]
    public async Task EnterWithEvidence_BadFieldInForm_400_FileNotStored()
    {
        var (student, clerk) = await StudentAndClerkAsync();
        using (clerk)
        {
            using var response = await clerk.PostAsync($"/api/v1/students/{student}/status-changes/with-evidence",
                Form(Suspension(expectedReturnOn: "2026-10-01"), ("休学申请.png", StatusChangeApi.Png)));
            var problem = await Api.ReadJson(response, HttpStatusCode.BadRequest);
            Assert.Contains("应晚于休学生效日期 2026-10-12", problem.GetProperty("errors").GetProperty("expectedReturnOn")[0].GetString());
            Assert.Equal(0, await ChangesOf(clerk, student));
        }
    }

    [Theory]
    [InlineData("Suspension", null, "请填写预计复学日期")]
    [InlineData("Suspension", "2026-10-12", "应晚于休学生效日期")]
    [InlineData("Suspension", "2028-10-13", "休学期限不能超过 24 个月：预计复学日期最晚为 2028-10-12")]
    [InlineData("Suspension", "9999-12-31", "超出可处理的范围")] // the input guard refuses an absurd date before the rule reads it
    [InlineData("Withdrawal", "2027-03-01", "只有休学需要填写预计复学日期")]
    public async Task Enter_BadSuspensionPeriod_400NamesExpectedReturn_NothingWritten(string kind, string? expectedReturnOn, string text)
    {
        var (student, clerk) = await StudentAndClerkAsync();
        using (clerk)
        {
            using var response = await clerk.PostAsJsonAsync($"/api/v1/students/{student}/status-changes",
                new { kind, occurredOn = "2026-10-12", expectedReturnOn, reason = "本人及监护人申请" });
            var problem = await Api.ReadJson(response, HttpStatusCode.BadRequest);
            Assert.Contains(text, problem.GetProperty("errors").GetProperty("expectedReturnOn")[0].GetString());
            Assert.Equal(0, await ChangesOf(clerk, student));
        }
    }

    [Fact]
    public async Task Enter_MalformedExpectedReturn_400InChinese()
    {
        var (student, clerk) = await StudentAndClerkAsync();
        using (clerk)
        {
            using var response = await clerk.PostAsync($"/api/v1/students/{student}/status-changes",
                JsonContent.Create(new { kind = "Suspension", occurredOn = "2026-10-12", expectedReturnOn = "2027-13-45", reason = "因病" }));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("格式", await response.Content.ReadAsStringAsync());
            Assert.Equal(0, await ChangesOf(clerk, student));
        }
    }

    [Fact]
    public async Task Approve_WithdrawalWithoutEvidence_409NamesWhatIsMissing_ThenWithIt_200()
    {
        var (student, clerk) = await StudentAndClerkAsync();
        using (clerk)
        {
            var id = (await StatusChangeApi.EnterAsync(clerk, student, "Withdrawal")).GetProperty("id").GetGuid();
            await StatusChangeApi.PostAsync(clerk, id, "submit");
            using var city = await app.ClientFor("city-4401");
            var before = await Api.ReadJson(await city.GetAsync($"/api/v1/status-changes/{id}"), HttpStatusCode.OK);
            Assert.Equal("本人及监护人的退学申请", before.GetProperty("evidenceMissing").GetString());
            Assert.Contains("approve", before.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));

            using var refused = await Api.SendIfMatchAsync(city, HttpMethod.Post, $"/api/v1/status-changes/{id}/approve", new { }, $"/api/v1/status-changes/{id}");
            var problem = await Api.ReadJson(refused, HttpStatusCode.Conflict);
            Assert.Contains("缺少证明材料：本人及监护人的退学申请", problem.GetProperty("detail").GetString());
            var after = await Api.ReadJson(await city.GetAsync($"/api/v1/status-changes/{id}"), HttpStatusCode.OK);
            Assert.Equal("Submitted", after.GetProperty("change").GetProperty("state").GetString());
            Assert.Equal(before.GetProperty("history").GetArrayLength(), after.GetProperty("history").GetArrayLength());

            await StatusChangeApi.AttachAsync(clerk, id);
            var approved = await StatusChangeApi.PostAsync(city, id, "approve");
            Assert.Equal("Approved", approved.GetProperty("state").GetString());
        }
    }

    [Fact]
    public async Task KindRules_ReadByASchool_ProvinceSetsItsOwn_AppliesToItsSchoolsOnly()
    {
        using var clerk = await app.ClientFor($"school-{School}-records");
        var rules = await Api.ReadJson(await clerk.GetAsync("/api/v1/status-changes/kind-rules"), HttpStatusCode.OK);
        var suspension = rules.EnumerateArray().Single(r => r.GetProperty("kind").GetString() == "Suspension");
        Assert.Equal(24, suspension.GetProperty("maxSuspensionMonths").GetInt32());
        Assert.True(suspension.GetProperty("evidenceRequired").GetBoolean());
        Assert.Contains("学籍管理办法", suspension.GetProperty("source").GetString());

        // Province 51 shortens a suspension to 12 months from today: its schools, not province 44's.
        using var prov = await app.ClientFor("prov-51");
        using var set = await prov.PostAsJsonAsync("/api/v1/status-changes/kind-rules", new
        {
            kind = "Suspension", validFrom = "2026-10-15", evidenceRequired = true, evidence = "休学申请及医院证明", maxSuspensionMonths = 12, source = "四川省技工院校学籍管理实施细则（测试）",
        });
        var rule = await Api.ReadJson(set, HttpStatusCode.OK);
        Assert.Equal("/51/", rule.GetProperty("scopePath").GetString());

        var sichuan = await StatusChangeApi.ActiveStudentAsync(app, "51010004");
        using var sichuanClerk = await app.ClientFor("school-51010004-records");
        using var tooLong = await sichuanClerk.PostAsJsonAsync($"/api/v1/students/{sichuan}/status-changes",
            new { kind = "Suspension", occurredOn = "2026-10-15", expectedReturnOn = "2027-11-01", reason = "因病休学" });
        Assert.Contains("不能超过 12 个月", (await Api.ReadJson(tooLong, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("expectedReturnOn")[0].GetString());

        var guangdong = await StatusChangeApi.ActiveStudentAsync(app, School);
        using var allowed = await clerk.PostAsJsonAsync($"/api/v1/students/{guangdong}/status-changes",
            new { kind = "Suspension", occurredOn = "2026-10-15", expectedReturnOn = "2027-11-01", reason = "因病休学" });
        await Api.ReadJson(allowed, HttpStatusCode.Created);

        using var again = await prov.PostAsJsonAsync("/api/v1/status-changes/kind-rules", new
        {
            kind = "Suspension", validFrom = "2026-10-15", evidenceRequired = true, evidence = "休学申请", maxSuspensionMonths = 6, source = "重复",
        });
        Assert.Contains("已有自 2026-10-15 起施行", (await Api.ReadJson(again, HttpStatusCode.Conflict)).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("""{"kind":"Suspension","validFrom":"2026-10-01","evidenceRequired":false,"source":"某文件"}""", "validFrom", "不能早于今天")]
    [InlineData("""{"kind":"Withdrawal","validFrom":"2026-11-01","evidenceRequired":true,"source":"某文件"}""", "evidence", "请写明需要哪些材料")]
    [InlineData("""{"kind":"Withdrawal","validFrom":"2026-11-01","evidenceRequired":false,"maxSuspensionMonths":12,"source":"某文件"}""", "maxSuspensionMonths", "只有休学")]
    [InlineData("""{"kind":"Suspension","validFrom":"2026-11-01","evidenceRequired":false,"maxSuspensionMonths":0,"source":"某文件"}""", "maxSuspensionMonths", "1 至 60")]
    [InlineData("""{"kind":"Suspension","validFrom":"2026-11-01","evidenceRequired":false}""", "source", "请填写依据")]
    [InlineData("""{"validFrom":"2026-11-01","evidenceRequired":false,"source":"某文件"}""", "kind", "请选择异动类型")]
    [InlineData("""{"kind":"Suspension","validFrom":"2026-11-01","source":"某文件"}""", "evidenceRequired", "是否必须上传")]
    public async Task SetKindRule_BadInput_400NamesTheField_NothingWritten(string body, string field, string text)
    {
        using var ministry = await app.ClientFor("ministry");
        var before = (await Api.ReadJson(await ministry.GetAsync("/api/v1/status-changes/kind-rules"), HttpStatusCode.OK)).GetRawText();
        using var response = await ministry.PostAsync("/api/v1/status-changes/kind-rules", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await Api.ReadJson(response, HttpStatusCode.BadRequest);
        Assert.Contains(text, problem.GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.Equal(before, (await Api.ReadJson(await ministry.GetAsync("/api/v1/status-changes/kind-rules"), HttpStatusCode.OK)).GetRawText());
    }

    [Fact]
    public async Task SetKindRule_BySchoolOrCity_403()
    {
        foreach (var who in new[] { $"school-{School}", "city-4401" })
        {
            using var client = await app.ClientFor(who);
            using var response = await client.PostAsJsonAsync("/api/v1/status-changes/kind-rules", new { kind = "Withdrawal", validFrom = "2026-11-01", evidenceRequired = false, source = "x" });
            await Api.ReadJson(response, HttpStatusCode.Forbidden);
        }
    }
}
