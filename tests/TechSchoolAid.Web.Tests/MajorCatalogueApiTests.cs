using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Web.Tests;

/// <summary>Requests of the major catalogue, shared by its API tests and the authorization matrix.</summary>
internal static class MajorCatalogueApi
{
    public const string Header = "专业代码,专业名称,专业类,涉农,表演艺术类别";

    /// <summary>An edition upload: a CSV, a name, an effective date far enough ahead that it never replaces the edition in force.</summary>
    public static MultipartFormDataContent Upload(string csv, string? name = null, string? effectiveFrom = "2030-09-01", string? source = "人社部（矩阵与接口测试）")
    {
        var form = Api.FileContent(new UTF8Encoding(false).GetBytes(csv), "专业目录.csv");
        if (name is not null)
        {
            form.Add(new StringContent(name), "name");
        }

        if (effectiveFrom is not null)
        {
            form.Add(new StringContent(effectiveFrom), "effectiveFrom");
        }

        if (source is not null)
        {
            form.Add(new StringContent(source), "source");
        }

        return form;
    }

    public static string GoodCsv => $"{Header}\nT0101,测试专业甲,机械类,否,否\nT0701,测试农业专业,农业类,,否\nT1301,测试戏曲专业,文化艺术类,否,戏曲表演\n";

    public static string UniqueName() => $"测试目录{Guid.NewGuid():N}"[..20];

    /// <summary>Editions and entries in the database, to prove a refused upload wrote nothing.</summary>
    public static async Task<(int Editions, int Entries)> CountAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("test-count");
        var db = scope.ServiceProvider.GetRequiredService<TsaDbContext>();
        return (await db.Set<MajorCatalogueEdition>().CountAsync(), await db.Set<MajorCatalogueEntry>().CountAsync());
    }
}

/// <summary>ADR 0025 over HTTP: students take their major and its flags from the catalogue; the ministry loads editions, all or nothing.</summary>
public sealed class MajorCatalogueApiTests(TestApp app) : IClassFixture<TestApp>
{
    private const string School = "44010004";

    private async Task<int> StudentsNamedAsync(string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("test-count");
        return await scope.ServiceProvider.GetRequiredService<TsaDbContext>().Set<StudentRecord>().IgnoreQueryFilters().CountAsync(s => s.Name == name);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, string field, string fragment)
    {
        var problem = await Api.ReadJson(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
        Assert.Contains(messages.EnumerateArray(), m => m.GetString()!.Contains(fragment, StringComparison.Ordinal));
        return problem;
    }

    [Fact]
    public async Task Register_ByCatalogueCode_TakesNameAndAgriculturalFlagFromTheEntry()
    {
        using var client = await app.ClientFor($"school-{School}");
        using var search = await client.GetAsync("/api/v1/major-catalogue/majors?q=" + Uri.EscapeDataString("现代农业"));
        var found = await Api.ReadJson(search, HttpStatusCode.OK);
        var entry = found.GetProperty("entries").GetProperty("items").EnumerateArray().Single();
        var code = entry.GetProperty("code").GetString()!;
        Assert.True(entry.GetProperty("isAgricultural").GetBoolean());

        using var response = await client.PostAsJsonAsync($"/api/v1/schools/{School}/students", Api.NewStudent(IdNumbers.Next(), "农目录", s =>
        {
            s.Remove("major");
            s.Remove("majorIsAgricultural");
            s["majorCode"] = code;
        }));
        var student = await Api.ReadJson(response, HttpStatusCode.Created);
        Assert.Equal("现代农业技术", student.GetProperty("major").GetString());
        Assert.Equal(code, student.GetProperty("majorCode").GetString());
        Assert.True(student.GetProperty("majorIsAgricultural").GetBoolean());
    }

    [Fact]
    public async Task Register_ByCodeAndName_AsTheTemplateWritesIt_IsAccepted_AndOperaTakesItsKind()
    {
        using var client = await app.ClientFor($"school-{School}");
        using var search = await client.GetAsync("/api/v1/major-catalogue/majors?q=" + Uri.EscapeDataString("戏曲"));
        var entry = (await Api.ReadJson(search, HttpStatusCode.OK)).GetProperty("entries").GetProperty("items").EnumerateArray().Single();
        var display = $"{entry.GetProperty("code").GetString()} {entry.GetProperty("name").GetString()}";
        using var response = await client.PostAsJsonAsync($"/api/v1/schools/{School}/students", Api.NewStudent(IdNumbers.Next(), "戏目录", s =>
        {
            s["major"] = display;
            s.Remove("majorIsAgricultural");
        }));
        var student = await Api.ReadJson(response, HttpStatusCode.Created);
        Assert.Equal("戏曲表演", student.GetProperty("major").GetString());
        Assert.Equal("TraditionalOpera", student.GetProperty("majorArts").GetString());
    }

    [Theory]
    [InlineData("无目录甲", "majorCode", "NOPE99", "majorCode", "不在现行专业目录")]
    [InlineData("无目录乙", "major", "不存在的专业", "major", "不在现行专业目录")]
    [InlineData("无目录丙", "major", "", "major", "专业不能为空")]
    [InlineData("无目录丁", "major", "=HYPERLINK(1)", "major", "不允许的字符")]
    public async Task Register_MajorNotInTheCatalogue_Returns400NamingTheMajor_AndWritesNothing(string name, string key, string value, string field, string fragment)
    {
        using var client = await app.ClientFor($"school-{School}");
        using var response = await client.PostAsJsonAsync($"/api/v1/schools/{School}/students", Api.NewStudent(IdNumbers.Next(), name, s =>
        {
            s.Remove("major");
            s[key] = value;
        }));
        await ProblemAsync(response, field, fragment);
        Assert.Equal(0, await StudentsNamedAsync(name));
    }

    [Fact]
    public async Task Register_ClerkFlagsContradictingTheEntry_AreRefusedInChinese()
    {
        using var client = await app.ClientFor($"school-{School}");
        using var agri = await client.PostAsJsonAsync($"/api/v1/schools/{School}/students", Api.NewStudent(IdNumbers.Next(), "错涉农", s => s["majorIsAgricultural"] = true));
        await ProblemAsync(agri, "majorIsAgricultural", "由专业目录决定");
        using var arts = await client.PostAsJsonAsync($"/api/v1/schools/{School}/students", Api.NewStudent(IdNumbers.Next(), "错艺术", s => s["majorArts"] = "PerformingArts"));
        await ProblemAsync(arts, "majorArts", "由专业目录决定");
        Assert.Equal(0, await StudentsNamedAsync("错涉农") + await StudentsNamedAsync("错艺术"));
    }

    [Fact]
    public async Task Upload_GoodFile_CreatesAnEditionAheadOfItsDate_ListedButNotYetInForce()
    {
        using var ministry = await app.ClientFor("ministry");
        var name = MajorCatalogueApi.UniqueName();
        using var response = await ministry.PostAsync("/api/v1/major-catalogue/editions", MajorCatalogueApi.Upload(MajorCatalogueApi.GoodCsv, name));
        var edition = await Api.ReadJson(response, HttpStatusCode.Created);
        Assert.Equal(3, edition.GetProperty("entryCount").GetInt32());
        Assert.False(edition.GetProperty("inForce").GetBoolean());

        using var list = await ministry.GetAsync("/api/v1/major-catalogue/editions");
        Assert.Contains((await Api.ReadJson(list, HttpStatusCode.OK)).EnumerateArray(), e => e.GetProperty("name").GetString() == name);
        using var entries = await ministry.GetAsync($"/api/v1/major-catalogue/majors?edition={edition.GetProperty("id").GetGuid()}");
        var items = (await Api.ReadJson(entries, HttpStatusCode.OK)).GetProperty("entries").GetProperty("items").EnumerateArray().ToList();
        // A blank 涉农 in 农业类 follows the category; 戏曲表演 is its own kind.
        Assert.True(items.Single(i => i.GetProperty("code").GetString() == "T0701").GetProperty("isAgricultural").GetBoolean());
        Assert.Equal("TraditionalOpera", items.Single(i => i.GetProperty("code").GetString() == "T1301").GetProperty("arts").GetString());

        using var again = await ministry.PostAsync("/api/v1/major-catalogue/editions", MajorCatalogueApi.Upload(MajorCatalogueApi.GoodCsv, name));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("已有名为", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_BadRows_RefusesTheWholeFileWithEveryRowsReason_AndWritesNothing()
    {
        using var ministry = await app.ClientFor("ministry");
        var before = await MajorCatalogueApi.CountAsync(app);
        var csv = $"{MajorCatalogueApi.Header}\nB0101,好专业,机械类,否,否\n,无代码专业,机械类,否,否\nB0102,重复代码甲,机械类,否,否\nB0102,重复代码乙,机械类,否,否\n"
            + "B0701,农业不涉农,农业类,否,否\nB0901,=公式专业,机械类,否,否\nB0902,坏表演,文化艺术类,否,杂技\nB0903,坏涉农,机械类,也许,否\n";
        using var response = await ministry.PostAsync("/api/v1/major-catalogue/editions", MajorCatalogueApi.Upload(csv, MajorCatalogueApi.UniqueName()));
        var problem = await Api.ReadJson(response, HttpStatusCode.BadRequest);
        var rows = problem.GetProperty("errors").GetProperty("file").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Contains(rows, r => r.StartsWith("第 3 行 专业代码", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("第 5 行 专业代码", StringComparison.Ordinal) && r.Contains("与第 4 行重复", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("第 6 行 涉农", StringComparison.Ordinal) && r.Contains("农业类专业是涉农专业", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("第 7 行 专业名称", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("第 8 行 表演艺术类别", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("第 9 行 涉农", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.StartsWith("第 2 行", StringComparison.Ordinal));
        Assert.Equal(before, await MajorCatalogueApi.CountAsync(app));
    }

    [Theory]
    [InlineData(null, "2030-09-01", "人社部", "name")]
    [InlineData("名称\u202E反转", "2030-09-01", "人社部", "name")]
    [InlineData("VALID", null, "人社部", "effectiveFrom")]
    [InlineData("VALID", "2030-13-01", "人社部", "effectiveFrom")]
    [InlineData("VALID", "1899-01-01", "人社部", "effectiveFrom")]
    [InlineData("VALID", "2099-01-01", "人社部", "effectiveFrom")]
    [InlineData("VALID", "2030-09-01", null, "source")]
    public async Task Upload_BadFields_Return400NamingTheField_AndWriteNothing(string? name, string? effectiveFrom, string? source, string field)
    {
        using var ministry = await app.ClientFor("ministry");
        var before = await MajorCatalogueApi.CountAsync(app);
        using var response = await ministry.PostAsync("/api/v1/major-catalogue/editions",
            MajorCatalogueApi.Upload(MajorCatalogueApi.GoodCsv, name == "VALID" ? MajorCatalogueApi.UniqueName() : name, effectiveFrom, source));
        var problem = await Api.ReadJson(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, await MajorCatalogueApi.CountAsync(app));
    }

    [Fact]
    public async Task Upload_FileWithoutTheColumns_IsRefusedNamingTheMissingColumns()
    {
        using var ministry = await app.ClientFor("ministry");
        using var response = await ministry.PostAsync("/api/v1/major-catalogue/editions", MajorCatalogueApi.Upload("代码,名字\nA1,甲\n", MajorCatalogueApi.UniqueName()));
        var problem = await Api.ReadJson(response, HttpStatusCode.BadRequest);
        Assert.Contains("缺少列", problem.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("prov-44")]
    [InlineData("school-44010004")]
    [InlineData("ministry-viewer")]
    public async Task Upload_ByAnyoneButTheMinistryAdministrator_Returns403(string user)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.PostAsync("/api/v1/major-catalogue/editions", MajorCatalogueApi.Upload(MajorCatalogueApi.GoodCsv, MajorCatalogueApi.UniqueName()));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Search_ControlCharacters_Return400OnQ()
    {
        using var client = await app.ClientFor($"school-{School}");
        using var response = await client.GetAsync("/api/v1/major-catalogue/majors?q=" + Uri.EscapeDataString("数控\u0007"));
        await ProblemAsync(response, "q", "控制字符");
    }
}
