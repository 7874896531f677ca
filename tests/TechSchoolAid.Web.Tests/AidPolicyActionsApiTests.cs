using System.Net;
using System.Text.Json;

namespace TechSchoolAid.Web.Tests;

/// <summary>The policy tables carry the actions the caller may take on each (ADR 0017), so the page draws its buttons from data.</summary>
public sealed class AidPolicyActionsApiTests(TestApp app) : IClassFixture<TestApp>
{
    [Theory]
    [InlineData("ministry", true, true)]
    [InlineData("prov-44", false, true)]
    [InlineData("prov-44-reviewer", false, false)]
    [InlineData("school-44010004", false, false)]
    public async Task EachTable_NamesEditOnlyForItsWriter(string user, bool editsNational, bool editsGuangdong)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.GetAsync("/api/v1/aid-policies");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var tables = json.RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(tables);
        foreach (var t in tables)
        {
            var province = t.GetProperty("values").GetProperty("provinceCode");
            var edits = t.GetProperty("actions").EnumerateArray().Any(a => a.GetString() == "edit");
            var expected = province.ValueKind == JsonValueKind.Null ? editsNational : province.GetString() == "44" ? editsGuangdong : user == "ministry";
            Assert.True(expected == edits, $"{user} on the table of {province}: expected edit={expected}");
        }
    }
}
