using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TechSchoolAid.Web.Tests;

/// <summary>Small HTTP steps for schools and their fees, shared by the API tests and the authorization matrix.</summary>
public static class SchoolFeesApi
{
    private static int _counter;
    private static readonly ConcurrentDictionary<(TestApp, string), Guid> Own = new();

    public static int Next() => Interlocked.Increment(ref _counter);

    /// <summary>A valid tuition standard from autumn 2026 (money in fen), for a major no other call uses unless one is given.</summary>
    public static Dictionary<string, object?> Tuition(long amountFen = 300_000, string? major = null, string? kind = null, int? version = null) => new()
    {
        ["amountFen"] = amountFen,
        ["major"] = major ?? $"测试专业{Next()}",
        ["documentNumber"] = "粤发改价格〔2026〕12号",
        ["documentDate"] = "2026-07-01",
        ["validFrom"] = "2026-09-01",
        ["validTo"] = null,
        ["kind"] = kind,
        ["version"] = version,
    };

    /// <summary>A valid new school of a city (8 digits from the city's code, a name no other call uses).</summary>
    public static Dictionary<string, object?> NewSchool(string city, string managedBy = "City") => new()
    {
        ["code"] = $"{city}{9000 + Next():D4}",
        ["name"] = $"测试新建技工学校{Next()}",
        ["cityCode"] = city,
        ["managedBy"] = managedBy,
        ["kind"] = "TechnicalSchool",
        ["ownership"] = "Public",
        ["address"] = "职教路 1 号",
        ["principal"] = "王校长",
        ["aidOfficeContact"] = "李老师",
        ["aidOfficePhone"] = "020-83331234",
    };

    public static async Task<JsonElement> SchoolAsync(TestApp app, string code, string userName = "ministry")
    {
        using var client = await app.ClientFor(userName);
        using var response = await client.GetAsync($"/api/v1/organizations/schools/{code}");
        return await Api.ReadJson(response, HttpStatusCode.OK);
    }

    /// <summary>The school's attributes as stored, to send back with its version (an edit that changes nothing).</summary>
    public static async Task<Dictionary<string, object?>> EditOf(TestApp app, string code)
    {
        var s = await SchoolAsync(app, code);
        return new()
        {
            ["name"] = s.GetProperty("name").GetString(),
            ["kind"] = s.GetProperty("kind").GetString(),
            ["ownership"] = s.GetProperty("ownership").GetString(),
            ["address"] = s.GetProperty("address").GetString(),
            ["principal"] = s.GetProperty("principal").GetString(),
            ["aidOfficeContact"] = s.GetProperty("aidOfficeContact").GetString(),
            ["aidOfficePhone"] = s.GetProperty("aidOfficePhone").GetString(),
            ["version"] = s.GetProperty("version").GetInt32(),
        };
    }

    /// <summary>The school's general (all-majors) tuition as stored, with its id, to send back unchanged.</summary>
    public static async Task<(Guid Id, Dictionary<string, object?> Body)> GeneralTuitionOf(TestApp app, string code)
    {
        var t = (await SchoolAsync(app, code)).GetProperty("tuitions").EnumerateArray().First(x => x.GetProperty("major").ValueKind == JsonValueKind.Null);
        return (t.GetProperty("id").GetGuid(), Body(t));
    }

    /// <summary>A comparable-tuition row of the caller's own organisation (created once per app and caller), to correct.</summary>
    public static async Task<(Guid Id, Dictionary<string, object?> Body)> OwnComparableOf(TestApp app, string userName)
    {
        using var client = await app.ClientFor(userName);
        if (!Own.TryGetValue((app, userName), out var id))
        {
            using var created = await client.PostAsJsonAsync("/api/v1/organizations/comparable-tuition", Tuition(kind: "TechnicalSchool"));
            id = (await Api.ReadJson(created, HttpStatusCode.Created)).GetProperty("id").GetGuid();
            Own[(app, userName)] = id;
        }

        using var list = await client.GetAsync("/api/v1/organizations/comparable-tuition");
        var row = (await Api.ReadJson(list, HttpStatusCode.OK)).GetProperty("rows").EnumerateArray().First(r => r.GetProperty("id").GetGuid() == id);
        var body = Body(row);
        body["kind"] = row.GetProperty("kind").GetString();
        return (id, body);
    }

    /// <summary>Any comparable-tuition row of province 44 (the seeded ones), as the ministry sees it.</summary>
    public static async Task<(Guid Id, Dictionary<string, object?> Body)> ProvinceComparableOf(TestApp app)
    {
        using var client = await app.ClientFor("ministry");
        using var list = await client.GetAsync("/api/v1/organizations/comparable-tuition?provinceCode=44");
        var row = (await Api.ReadJson(list, HttpStatusCode.OK)).GetProperty("rows").EnumerateArray().First(r => r.GetProperty("cityCode").ValueKind == JsonValueKind.Null);
        var body = Body(row);
        body["kind"] = row.GetProperty("kind").GetString();
        return (row.GetProperty("id").GetGuid(), body);
    }

    private static Dictionary<string, object?> Body(JsonElement t) => new()
    {
        ["amountFen"] = t.GetProperty("amountFen").GetInt64(),
        ["major"] = t.GetProperty("major").GetString(),
        ["documentNumber"] = t.GetProperty("documentNumber").GetString(),
        ["documentDate"] = t.GetProperty("documentDate").GetString(),
        ["validFrom"] = t.GetProperty("validFrom").GetString(),
        ["validTo"] = t.GetProperty("validTo").GetString(),
        ["version"] = t.GetProperty("version").GetInt32(),
    };
}

/// <summary>
/// ORG-2 through the API: the supervising authority records and corrects a school's approved tuition, the province and
/// its cities the comparable public tuition, schools are created and edited by the level that supervises them, and
/// every bad input of issue 10 is refused with a Chinese message naming the field and nothing written. Demo data:
/// 44010007 is a public 市管 school of city 4401; 44010004 a 民办 技师学院 of city 4401 (own fee 6,600 yuan, Guangdong's
/// comparable 技师学院 figure 3,300 yuan); 44010001 is 省管.
/// </summary>
public sealed class SchoolFeesApiTests(TestApp app) : IClassFixture<TestApp>
{
    private static int TuitionCount(JsonElement school) => school.GetProperty("tuitions").GetArrayLength();

    [Fact]
    public async Task City_RecordsAndCorrectsItsSchoolsTuition_HistoryShown_OldAndNewAudited()
    {
        using var city = await app.ClientFor("city-4401");
        var before = await SchoolFeesApi.SchoolAsync(app, "44010007", "city-4401");
        Assert.Contains("manage-tuition", before.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));

        using var created = await city.PostAsJsonAsync("/api/v1/organizations/schools/44010007/tuition", SchoolFeesApi.Tuition(310_000, "数控加工"));
        var detail = await Api.ReadJson(created, HttpStatusCode.Created);
        Assert.Equal(TuitionCount(before) + 1, TuitionCount(detail));
        var row = detail.GetProperty("tuitions").EnumerateArray().Single(t => t.GetProperty("major").GetString() == "数控加工");
        Assert.Equal(310_000, row.GetProperty("amountFen").GetInt64());
        Assert.Equal("city-4401", row.GetProperty("recordedBy").GetString());

        var body = SchoolFeesApi.Tuition(320_000, "数控加工", version: row.GetProperty("version").GetInt32());
        using var corrected = await city.PutAsJsonAsync($"/api/v1/organizations/schools/44010007/tuition/{row.GetProperty("id").GetGuid()}", body);
        var after = await Api.ReadJson(corrected, HttpStatusCode.OK);
        Assert.Equal(320_000, after.GetProperty("tuitions").EnumerateArray().Single(t => t.GetProperty("major").GetString() == "数控加工").GetProperty("amountFen").GetInt64());

        // The same version again is stale (409); without one, 428.
        using var stale = await city.PutAsJsonAsync($"/api/v1/organizations/schools/44010007/tuition/{row.GetProperty("id").GetGuid()}", body);
        await Api.ReadJson(stale, HttpStatusCode.Conflict);
        body["version"] = null;
        using var missing = await city.PutAsJsonAsync($"/api/v1/organizations/schools/44010007/tuition/{row.GetProperty("id").GetGuid()}", body);
        await Api.ReadJson(missing, (HttpStatusCode)428);

        using var admin = await app.ClientFor("ministry");
        using var audit = await admin.GetAsync("/api/v1/audit-events?action=school.tuition_corrected");
        var text = await audit.Content.ReadAsStringAsync();
        Assert.Contains("310000", text, StringComparison.Ordinal);
        Assert.Contains("320000", text, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> BadTuitions() => new()
    {
        { "negative", "amountFen", "学费金额必须大于 0" },
        { "zero", "amountFen", "学费金额必须大于 0" },
        { "absurd", "amountFen", "超过每生每年 100,000 元" },
        { "from-after-to", "validTo", "早于起始日期" },
        { "future-document", "documentDate", "晚于今天" },
        { "no-document", "documentNumber", "请填写批准文件文号" },
        { "bidi-document", "documentNumber", "改变文字方向" },
        { "control-major", "major", "控制字符" },
        { "long-major", "major", "不能超过 60 个字符" },
        { "overlap", "validFrom", "重叠" },
    };

    [Theory]
    [MemberData(nameof(BadTuitions))]
    public async Task RecordTuition_BadInput_400NamingTheField_NothingWritten(string name, string field, string message)
    {
        using var city = await app.ClientFor("city-4401");
        var body = SchoolFeesApi.Tuition();
        switch (name)
        {
            case "negative": body["amountFen"] = -100; break;
            case "zero": body["amountFen"] = 0; break;
            case "absurd": body["amountFen"] = 10_000_001; break;
            case "from-after-to": body["validTo"] = "2026-08-31"; break;
            case "future-document": body["documentDate"] = "2099-01-01"; break;
            case "no-document": body["documentNumber"] = " "; break;
            case "bidi-document": body["documentNumber"] = "粤发改价格\u202E〔2026〕12号"; break;
            case "control-major": body["major"] = "数控\u0007加工"; break;
            case "long-major": body["major"] = new string('专', 61); break;
            case "overlap": body["major"] = null; break; // the general tuition of the demo data runs from 2020, open-ended
        }

        var before = TuitionCount(await SchoolFeesApi.SchoolAsync(app, "44010007"));
        using var response = await city.PostAsJsonAsync("/api/v1/organizations/schools/44010007/tuition", body);
        var problem = await Api.ReadJson(response, HttpStatusCode.BadRequest);
        Assert.Contains(problem.GetProperty("errors").GetProperty(field).EnumerateArray(), e => e.GetString()!.Contains(message, StringComparison.Ordinal));
        Assert.Equal(before, TuitionCount(await SchoolFeesApi.SchoolAsync(app, "44010007")));
    }

    [Fact]
    public async Task Tuition_OnlyTheDirectSupervisor_OutsideScopeRefused_NothingWritten()
    {
        using var city = await app.ClientFor("city-4401");
        using var otherCity = await city.PostAsJsonAsync("/api/v1/organizations/schools/44030005/tuition", SchoolFeesApi.Tuition());
        await Api.ReadJson(otherCity, HttpStatusCode.Forbidden);

        using var province = await app.ClientFor("prov-44");
        var before = TuitionCount(await SchoolFeesApi.SchoolAsync(app, "44010004"));
        using var notDirect = await province.PostAsJsonAsync("/api/v1/organizations/schools/44010004/tuition", SchoolFeesApi.Tuition());
        var problem = await Api.ReadJson(notDirect, HttpStatusCode.Forbidden);
        Assert.Contains("主管部门", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var provinceManaged = await province.PostAsJsonAsync("/api/v1/organizations/schools/44010001/tuition", SchoolFeesApi.Tuition());
        await Api.ReadJson(provinceManaged, HttpStatusCode.Created);
        Assert.Equal(before, TuitionCount(await SchoolFeesApi.SchoolAsync(app, "44010004")));

        using var school = await app.ClientFor("school-44010004");
        using var own = await school.PostAsJsonAsync("/api/v1/organizations/schools/44010004/tuition", SchoolFeesApi.Tuition());
        await Api.ReadJson(own, HttpStatusCode.Forbidden);
        using var read = await province.GetAsync("/api/v1/organizations/schools/51010001");
        await Api.ReadJson(read, HttpStatusCode.NotFound);
        using var unknown = await city.PostAsJsonAsync("/api/v1/organizations/schools/44019999/tuition", SchoolFeesApi.Tuition());
        await Api.ReadJson(unknown, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PrivateSchool_WaiverIsTheComparablePublicFee_NeverItsOwn_NorAboveIt()
    {
        var school = await SchoolFeesApi.SchoolAsync(app, "44010004", "school-44010004");
        Assert.Equal(660_000, school.GetProperty("tuitions").EnumerateArray().Single().GetProperty("amountFen").GetInt64());
        Assert.Equal(330_000, school.GetProperty("waiverYearFenToday").GetInt64());
        Assert.Contains("同类型公办学校学费标准", school.GetProperty("waiverBasisToday").GetString(), StringComparison.Ordinal);

        // Every waiver the school's students are explained is at most the comparable public figure.
        using var client = await app.ClientFor("school-44010004");
        using var students = await client.GetAsync("/api/v1/students?schoolCode=44010004&pageSize=20");
        var ids = (await Api.ReadJson(students, HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ToList();
        Assert.NotEmpty(ids);
        foreach (var id in ids)
        {
            using var explained = await client.GetAsync($"/api/v1/students/{id}/aid-explanation?schoolYear=2026&semester=Autumn");
            var waiver = (await Api.ReadJson(explained, HttpStatusCode.OK)).GetProperty("waiver");
            if (waiver.GetProperty("yearAmountFen").ValueKind == JsonValueKind.Number)
            {
                Assert.True(waiver.GetProperty("yearAmountFen").GetInt64() <= 330_000, "a 民办 waiver above the comparable public fee");
            }
        }
    }

    [Fact]
    public async Task ComparableTuition_ProvinceAndCityRecordForTheirArea_OverlapAndBadKindRefused()
    {
        using var province = await app.ClientFor("prov-44");
        using var created = await province.PostAsJsonAsync("/api/v1/organizations/comparable-tuition", SchoolFeesApi.Tuition(260_000, "园林技术", "TechnicalSchool"));
        var row = await Api.ReadJson(created, HttpStatusCode.Created);
        Assert.Equal("广东省", row.GetProperty("recordedFor").GetString());
        Assert.Contains("manage-comparable-tuition", row.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));

        using var list = await province.GetAsync("/api/v1/organizations/comparable-tuition");
        var count = (await Api.ReadJson(list, HttpStatusCode.OK)).GetProperty("rows").GetArrayLength();
        using var overlap = await province.PostAsJsonAsync("/api/v1/organizations/comparable-tuition", SchoolFeesApi.Tuition(270_000, "园林技术", "TechnicalSchool"));
        Assert.True((await Api.ReadJson(overlap, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("validFrom", out _));
        var undefinedKind = SchoolFeesApi.Tuition(kind: null);
        undefinedKind["kind"] = 9;
        using var badKind = await province.PostAsJsonAsync("/api/v1/organizations/comparable-tuition", undefinedKind);
        Assert.True((await Api.ReadJson(badKind, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("kind", out _));
        using var noKind = await province.PostAsJsonAsync("/api/v1/organizations/comparable-tuition", SchoolFeesApi.Tuition(kind: null));
        Assert.Contains("学校类型", (await Api.ReadJson(noKind, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("kind")[0].GetString(), StringComparison.Ordinal);
        using var after = await province.GetAsync("/api/v1/organizations/comparable-tuition");
        Assert.Equal(count, (await Api.ReadJson(after, HttpStatusCode.OK)).GetProperty("rows").GetArrayLength());

        // A city records for its own area; it sees the province's figures but may not correct them (not its record: not found in its scope).
        using var city = await app.ClientFor("city-4401");
        using var cityRow = await city.PostAsJsonAsync("/api/v1/organizations/comparable-tuition", SchoolFeesApi.Tuition(250_000, "园林技术", "TechnicalSchool"));
        Assert.Equal("4401", (await Api.ReadJson(cityRow, HttpStatusCode.Created)).GetProperty("cityCode").GetString());
        var body = SchoolFeesApi.Tuition(200_000, "园林技术", "TechnicalSchool", row.GetProperty("version").GetInt32());
        using var foreign = await city.PutAsJsonAsync($"/api/v1/organizations/comparable-tuition/{row.GetProperty("id").GetGuid()}", body);
        await Api.ReadJson(foreign, HttpStatusCode.NotFound);
        using var school = await app.ClientFor("school-44010004");
        using var bySchool = await school.PostAsJsonAsync("/api/v1/organizations/comparable-tuition", SchoolFeesApi.Tuition(kind: "TechnicalSchool"));
        await Api.ReadJson(bySchool, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task CreateSchool_ByTheLevelThatSupervisesIt_OtherwiseRefused()
    {
        using var city = await app.ClientFor("city-4401");
        var own = SchoolFeesApi.NewSchool("4401");
        using var created = await city.PostAsJsonAsync("/api/v1/organizations/schools", own);
        var s = await Api.ReadJson(created, HttpStatusCode.Created);
        Assert.Equal("市管", s.GetProperty("managedByName").GetString());
        Assert.Equal("4401", s.GetProperty("supervisorCode").GetString());
        Assert.Contains("edit-school", s.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));

        using var provinceManaged = await city.PostAsJsonAsync("/api/v1/organizations/schools", SchoolFeesApi.NewSchool("4401", "Province"));
        await Api.ReadJson(provinceManaged, HttpStatusCode.Forbidden);
        using var otherCity = await city.PostAsJsonAsync("/api/v1/organizations/schools", SchoolFeesApi.NewSchool("4403"));
        await Api.ReadJson(otherCity, HttpStatusCode.Forbidden);

        using var province = await app.ClientFor("prov-44");
        using var byProvince = await province.PostAsJsonAsync("/api/v1/organizations/schools", SchoolFeesApi.NewSchool("4403", "Province"));
        Assert.Equal("44", (await Api.ReadJson(byProvince, HttpStatusCode.Created)).GetProperty("supervisorCode").GetString());
        using var cityManaged = await province.PostAsJsonAsync("/api/v1/organizations/schools", SchoolFeesApi.NewSchool("4403"));
        Assert.Equal("4403", (await Api.ReadJson(cityManaged, HttpStatusCode.Created)).GetProperty("supervisorCode").GetString());
        using var outside = await province.PostAsJsonAsync("/api/v1/organizations/schools", SchoolFeesApi.NewSchool("5101"));
        await Api.ReadJson(outside, HttpStatusCode.Forbidden);

        // The same code again is a conflict; nothing else was written.
        using var again = await city.PostAsJsonAsync("/api/v1/organizations/schools", own);
        Assert.NotEqual(HttpStatusCode.Created, again.StatusCode);
    }

    public static TheoryData<string, string, string> BadSchools() => new()
    {
        { "code-other-city", "code", "以所在市代码 4401 开头的 8 位数字" },
        { "code-short", "code", "8 位数字" },
        { "no-name", "name", "请填写学校名称" },
        { "duplicate-name", "name", "省内不能重复" },
        { "bidi-name", "name", "改变文字方向" },
        { "control-address", "address", "控制字符" },
        { "long-address", "address", "不能超过 200 个字符" },
        { "long-name", "name", "不能超过 50 个字符" },
        { "undefined-kind", "kind", "不是有效的选项" },
        { "undefined-ownership", "ownership", "不是有效的选项" },
        { "bad-phone", "aidOfficePhone", "资助办电话只能包含数字" },
        { "no-managed-by", "managedBy", "请选择管理层级" },
    };

    [Theory]
    [MemberData(nameof(BadSchools))]
    public async Task CreateSchool_BadInput_400NamingTheField_NothingWritten(string name, string field, string message)
    {
        using var city = await app.ClientFor("city-4401");
        var body = SchoolFeesApi.NewSchool("4401");
        switch (name)
        {
            case "code-other-city": body["code"] = "44039999"; break;
            case "code-short": body["code"] = "4401999"; break;
            case "no-name": body["name"] = ""; break;
            case "duplicate-name": body["name"] = (await SchoolFeesApi.SchoolAsync(app, "44030005")).GetProperty("name").GetString(); break;
            case "bidi-name": body["name"] = "广州\u202E技工学校"; break;
            case "control-address": body["address"] = "职教路\u0000 1 号"; break;
            case "long-address": body["address"] = new string('路', 201); break;
            case "long-name": body["name"] = new string('校', 51); break;
            case "undefined-kind": body["kind"] = 9; break;
            case "undefined-ownership": body["ownership"] = 7; break;
            case "bad-phone": body["aidOfficePhone"] = "电话020"; break;
            case "no-managed-by": body["managedBy"] = null; break;
        }

        using var response = await city.PostAsJsonAsync("/api/v1/organizations/schools", body);
        var problem = await Api.ReadJson(response, HttpStatusCode.BadRequest);
        Assert.Contains(problem.GetProperty("errors").GetProperty(field).EnumerateArray(), e => e.GetString()!.Contains(message, StringComparison.Ordinal));
        using var search = await city.GetAsync($"/api/v1/organizations?level=school&search={body["code"]}");
        Assert.Equal(0, (await Api.ReadJson(search, HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task EditSchool_DirectSupervisor_FromItsVersion_ManagingLevelFixed()
    {
        using var city = await app.ClientFor("city-4401");
        var body = await SchoolFeesApi.EditOf(app, "44010010");
        body["address"] = "广州市天河区职教路 99 号";
        body["principal"] = "陈校长";
        using var edited = await city.PutAsJsonAsync("/api/v1/organizations/schools/44010010", body);
        var s = await Api.ReadJson(edited, HttpStatusCode.OK);
        Assert.Equal("广州市天河区职教路 99 号", s.GetProperty("address").GetString());

        using var stale = await city.PutAsJsonAsync("/api/v1/organizations/schools/44010010", body);
        await Api.ReadJson(stale, HttpStatusCode.Conflict);

        var fresh = await SchoolFeesApi.EditOf(app, "44010010");
        fresh["managedBy"] = "Province";
        using var move = await city.PutAsJsonAsync("/api/v1/organizations/schools/44010010", fresh);
        Assert.True((await Api.ReadJson(move, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("managedBy", out _));
        fresh.Remove("managedBy");
        fresh["ownership"] = 5;
        using var badOwnership = await city.PutAsJsonAsync("/api/v1/organizations/schools/44010010", fresh);
        Assert.True((await Api.ReadJson(badOwnership, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("ownership", out _));
        Assert.Equal("广州市天河区职教路 99 号", (await SchoolFeesApi.SchoolAsync(app, "44010010")).GetProperty("address").GetString());

        using var province = await app.ClientFor("prov-44");
        using var notDirect = await province.PutAsJsonAsync("/api/v1/organizations/schools/44010010", await SchoolFeesApi.EditOf(app, "44010010"));
        await Api.ReadJson(notDirect, HttpStatusCode.Forbidden);
    }
}
