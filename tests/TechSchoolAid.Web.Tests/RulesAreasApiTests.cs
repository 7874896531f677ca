using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Web.Tests;

/// <summary>
/// Issue 11, items 6 and 7 through the API: the household is 农村 / 县镇 / 城市 (anything else refused in Chinese, nothing
/// written), and the designated areas are listed for every signed-in user, written by the province or the ministry.
/// </summary>
public sealed class RulesAreasApiTests(TestApp app) : IClassFixture<TestApp>
{
    private const string School = "44010004";

    private async Task<int> StudentCountAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("test");
        return await scope.ServiceProvider.GetRequiredService<TsaDbContext>().Set<StudentRecord>().CountAsync();
    }

    [Fact]
    public async Task Household_CountyTown_IsAccepted_AndShownAs县镇()
    {
        using var admin = await app.ClientFor($"school-{School}");
        using var created = await admin.PostAsJsonAsync($"/api/v1/schools/{School}/students",
            Api.NewStudent(IdNumbers.Next(), "县镇生", b => b["household"] = "CountyTown"));
        var body = await Api.ReadJson(created, HttpStatusCode.Created);
        var id = body.GetProperty("id").GetGuid();
        using var detail = await admin.GetAsync($"/api/v1/students/{id}");
        var student = await Api.ReadJson(detail, HttpStatusCode.OK);
        Assert.Equal("CountyTown", student.GetProperty("household").GetString());
    }

    [Theory]
    [InlineData(4)]
    [InlineData(99)]
    [InlineData(0)]
    public async Task Household_OutsideTheThree_IsRefusedInChinese_NothingWritten(int value)
    {
        var before = await StudentCountAsync();
        using var admin = await app.ClientFor($"school-{School}");
        using var response = await admin.PostAsJsonAsync($"/api/v1/schools/{School}/students", Api.NewStudent(IdNumbers.Next(), "错户籍", b => b["household"] = value));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        var field = errors.EnumerateObject().Single(p => p.Name.Equals("household", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(field.Value.EnumerateArray(), m => m.GetString()!.Contains("不是有效的选项", StringComparison.Ordinal)
                                                            || m.GetString()!.Contains("户籍性质", StringComparison.Ordinal));
        Assert.Equal(before, await StudentCountAsync());
    }

    [Fact]
    public async Task DesignatedAreas_AreListed_AndAProvinceWritesOnlyItsOwn()
    {
        using var school = await app.ClientFor($"school-{School}");
        using var list = await school.GetAsync("/api/v1/aid-policies/designated-areas");
        var areas = (await Api.ReadJson(list, HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Contains(areas, a => a.GetProperty("name").GetString() == "西藏自治区" && a.GetProperty("countyCodes").EnumerateArray().Any(c => c.GetString() == "540102"));
        Assert.Contains(areas, a => a.GetProperty("name").GetString() == "四省涉藏州县" && a.GetProperty("source").GetString()!.Contains("财教〔2019〕25号", StringComparison.Ordinal));
        Assert.All(areas.Where(a => a.GetProperty("provinceCode").ValueKind == JsonValueKind.Null), a => Assert.Empty(a.GetProperty("actions").EnumerateArray()));

        using var prov = await app.ClientFor("prov-44");
        var area = new
        {
            provinceCode = "44", name = "省定帮扶县（API）", kind = "Province", countyCodes = new[] { "440306" }, validFrom = "2026-09-01", source = "粤财教（测试）",
        };
        using var created = await prov.PostAsJsonAsync("/api/v1/aid-policies/designated-areas", area);
        var view = await Api.ReadJson(created, HttpStatusCode.Created);
        Assert.Equal("广东省", view.GetProperty("owner").GetString());

        using var bad = await prov.PostAsJsonAsync("/api/v1/aid-policies/designated-areas", area with { countyCodes = new[] { "12345" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("县级行政区划代码不存在", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var national = await prov.PostAsJsonAsync("/api/v1/aid-policies/designated-areas", area with { provinceCode = "", kind = "Tibet" });
        Assert.Equal(HttpStatusCode.Forbidden, national.StatusCode);
    }
}
