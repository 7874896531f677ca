using System.Net;
using System.Text.Json;

namespace TechSchoolAid.Web.Tests;

/// <summary>
/// The pickers' lookups over HTTP (issue 13 item 3, docs/adr/0026-pickers.md): students, classes and schools within the
/// caller's scope, at most 20 at a time, never a full ID number or a birth date, and every bad text refused in Chinese.
/// Demo data: 8 students a school, class names like "2026级数控1班" (every one contains 级).
/// </summary>
public sealed class PickersApiTests(TestApp app) : IClassFixture<TestApp>
{
    private static async Task<JsonElement> GetAsync(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(url);
        return await Api.ReadJson(response, expected);
    }

    private static List<JsonElement> Items(JsonElement result) => [.. result.GetProperty("items").EnumerateArray()];

    [Fact]
    public async Task StudentLookup_FindsByNameClassStatusNumberAndIdTail_WithoutTheFullIdOrBirthDate()
    {
        using var clerk = await app.ClientFor("school-44010004-records");
        var idNumber = IdNumbers.Next();
        var id = await Api.RegisterAsync(clerk, "44010004", idNumber, "欧阳选择");

        // By the start of the name, and by a part of it.
        var byName = Items(await GetAsync(clerk, "/api/v1/students/lookup?q=" + Uri.EscapeDataString("欧阳选")));
        var found = Assert.Single(byName, s => s.GetProperty("id").GetGuid() == id);
        Assert.Contains(Items(await GetAsync(clerk, "/api/v1/students/lookup?q=" + Uri.EscapeDataString("选择"))), s => s.GetProperty("id").GetGuid() == id);

        // What a pick shows: name, class, masked ID, school; never the full number, never the birth date.
        Assert.Equal("2026级数控1班", found.GetProperty("className").GetString());
        Assert.Equal("44010004", found.GetProperty("schoolCode").GetString());
        var masked = found.GetProperty("idNumberMasked").GetString()!;
        Assert.DoesNotContain(idNumber[3..17], masked, StringComparison.Ordinal);
        Assert.Equal(idNumber[..3], masked[..3]);
        Assert.False(found.TryGetProperty("birthDate", out _));
        Assert.False(found.TryGetProperty("idNumber", out _));

        // By the last four characters of the ID number (the school's own students).
        var byTail = Items(await GetAsync(clerk, "/api/v1/students/lookup?q=" + idNumber[^4..]));
        Assert.Contains(byTail, s => s.GetProperty("id").GetGuid() == id);

        // By class name (the class filter): only that class.
        var byClass = Items(await GetAsync(clerk, "/api/v1/students/lookup?className=" + Uri.EscapeDataString("2026级数控1班") + "&q=" + Uri.EscapeDataString("欧阳")));
        Assert.All(byClass, s => Assert.Equal("2026级数控1班", s.GetProperty("className").GetString()));
        Assert.Contains(byClass, s => s.GetProperty("id").GetGuid() == id);

        // A 学籍号 by its start: an approved demo student's number.
        var numbered = Items(await GetAsync(clerk, "/api/v1/students/lookup?q=" + Uri.EscapeDataString("级"))).First(s => s.GetProperty("statusNumber").ValueKind == JsonValueKind.String);
        var number = numbered.GetProperty("statusNumber").GetString()!;
        Assert.Contains(Items(await GetAsync(clerk, "/api/v1/students/lookup?q=" + Uri.EscapeDataString(number))), s => s.GetProperty("id").GetGuid() == numbered.GetProperty("id").GetGuid());

        // Nothing typed: nothing listed, and the prompt.
        var empty = await GetAsync(clerk, "/api/v1/students/lookup");
        Assert.Empty(Items(empty));
        Assert.Equal("输入姓名、班级、学籍号或证件号后四位", empty.GetProperty("hint").GetString());
    }

    [Fact]
    public async Task StudentLookup_StaysInScope_AndListsAtMostTwenty()
    {
        // A school sees only its own students, even when it names another school.
        using var school = await app.ClientFor("school-44010004-aid");
        var own = Items(await GetAsync(school, "/api/v1/students/lookup?q=" + Uri.EscapeDataString("级") + "&schoolCode=44010007"));
        Assert.NotEmpty(own);
        Assert.All(own, s => Assert.Equal("44010004", s.GetProperty("schoolCode").GetString()));

        // A city sees its schools' students (with the school's name); a province its own.
        using var city = await app.ClientFor("city-4401");
        var cityItems = Items(await GetAsync(city, "/api/v1/students/lookup?q=" + Uri.EscapeDataString("级")));
        Assert.NotEmpty(cityItems);
        Assert.All(cityItems, s =>
        {
            Assert.StartsWith("4401", s.GetProperty("schoolCode").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(s.GetProperty("schoolName").GetString()));
        });
        Assert.Empty(Items(await GetAsync(city, "/api/v1/students/lookup?q=" + Uri.EscapeDataString("级") + "&schoolCode=44030005")));

        // The cap: the ministry's "级" matches every demo student; 20 are listed and the answer says there are more.
        using var ministry = await app.ClientFor("ministry");
        var all = await GetAsync(ministry, "/api/v1/students/lookup?q=" + Uri.EscapeDataString("级"));
        Assert.Equal(20, Items(all).Count);
        Assert.True(all.GetProperty("more").GetBoolean());
        Assert.Contains("前 20 名", all.GetProperty("hint").GetString(), StringComparison.Ordinal);

        // The ID tail needs a school above a school: a hint, not a scan of the province.
        var tail = await GetAsync(city, "/api/v1/students/lookup?q=1234");
        Assert.Empty(Items(tail));
        Assert.Contains("请先选择学校", tail.GetProperty("hint").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/students/lookup?q=", "q")]
    [InlineData("/api/v1/students/lookup?q=%E7%8E%8B&className=", "className")]
    [InlineData("/api/v1/organizations/schools/lookup?q=", "q")]
    [InlineData("/api/v1/schools/44010004/classes?q=", "q")]
    public async Task EveryLookup_RefusesControlAndDirectionCharactersAndOverLongText_InChinese(string prefix, string field)
    {
        using var clerk = await app.ClientFor("school-44010004-records");
        foreach (var (text, rule) in new[] { ("王\u202E明", "改变文字方向"), ("王\u0007明", "控制字符"), (new string('王', 1000), "不能超过 50 个字符") })
        {
            var problem = await GetAsync(clerk, prefix + Uri.EscapeDataString(text), HttpStatusCode.BadRequest);
            var errors = problem.GetProperty("errors").GetProperty(field);
            Assert.Contains(rule, errors[0].GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task StudentLookup_RefusesAWholeIdNumber()
    {
        using var clerk = await app.ClientFor("school-44010004-records");
        var problem = await GetAsync(clerk, "/api/v1/students/lookup?q=" + IdNumbers.Next(), HttpStatusCode.BadRequest);
        Assert.Contains("只输入证件号码的后四位", problem.GetProperty("errors").GetProperty("q")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClassLookup_ListsTheSchoolsClassesWithCounts_InScopeOnly()
    {
        using var clerk = await app.ClientFor("school-44010004-records");
        var classes = Items(await GetAsync(clerk, "/api/v1/schools/44010004/classes"));
        Assert.NotEmpty(classes);
        Assert.Equal(classes.Select(c => c.GetProperty("name").GetString()).Distinct().Count(), classes.Count);
        Assert.All(classes, c => Assert.True(c.GetProperty("students").GetInt32() > 0));

        // The counts are the list's: one class's count is its students' total.
        var first = classes[0];
        using var list = await clerk.GetAsync("/api/v1/schools/44010004/students?pageSize=1&className=" + Uri.EscapeDataString(first.GetProperty("name").GetString()!));
        Assert.Equal(first.GetProperty("students").GetInt32(), (await Api.ReadJson(list, HttpStatusCode.OK)).GetProperty("total").GetInt32());

        // Filtered by a part of the name; another school's classes are out of scope (an empty answer).
        var part = first.GetProperty("name").GetString()![..4];
        Assert.All(Items(await GetAsync(clerk, "/api/v1/schools/44010004/classes?q=" + Uri.EscapeDataString(part))),
            c => Assert.Contains(part, c.GetProperty("name").GetString(), StringComparison.Ordinal));
        Assert.Empty(Items(await GetAsync(clerk, "/api/v1/schools/44010007/classes")));
    }

    [Fact]
    public async Task SchoolLookup_ByNameOrCode_WithinScope_AtMostTwenty()
    {
        using var city = await app.ClientFor("city-4401");
        var cityItems = Items(await GetAsync(city, "/api/v1/organizations/schools/lookup"));
        Assert.NotEmpty(cityItems);
        Assert.All(cityItems, s => Assert.StartsWith("4401", s.GetProperty("code").GetString(), StringComparison.Ordinal));
        Assert.Empty(Items(await GetAsync(city, "/api/v1/organizations/schools/lookup?q=5101")));

        // By code prefix and by a part of the name.
        var one = cityItems[0];
        var code = one.GetProperty("code").GetString()!;
        var name = one.GetProperty("name").GetString()!;
        Assert.Contains(Items(await GetAsync(city, "/api/v1/organizations/schools/lookup?q=" + code)), s => s.GetProperty("code").GetString() == code);
        Assert.Contains(Items(await GetAsync(city, "/api/v1/organizations/schools/lookup?q=" + Uri.EscapeDataString(name[2..5]))), s => s.GetProperty("code").GetString() == code);

        // A school sees itself only.
        using var school = await app.ClientFor("school-44010004");
        Assert.Equal("44010004", Assert.Single(Items(await GetAsync(school, "/api/v1/organizations/schools/lookup"))).GetProperty("code").GetString());

        // The ministry sees every school, 20 at a time.
        using var ministry = await app.ClientFor("ministry");
        var all = await GetAsync(ministry, "/api/v1/organizations/schools/lookup");
        var total = (await GetAsync(ministry, "/api/v1/organizations?level=school")).GetArrayLength();
        Assert.Equal(Math.Min(total, 20), Items(all).Count);
        Assert.Equal(total > 20, all.GetProperty("more").GetBoolean());
    }
}
