using System.Net;
using System.Text.Json;

namespace TechSchoolAid.Web.Tests;

/// <summary>
/// No dead end after the approval deadline (issue 13, item 1): the reviewer is told why approving is closed before trying,
/// and the province sees its late lists and reopens the term (AID-5, 人社厅函〔2024〕53号 二(二)).
/// </summary>
public sealed class AidLateApprovalsApiTests(TestApp app) : IClassFixture<TestApp>
{
    private const string School = "44010004";
    private const string Term = "2026-2027学年秋季学期";

    [Fact]
    public async Task LateList_ReviewerToldBeforeClicking_ProvinceSeesAndReopens_ThenTheReviewerApproves()
    {
        var round = AidRoundApi.IdOf(await AidRoundApi.RoundAsync(app, School, "Waiver", "submitted"));
        using (var early = await AidStudents.SignInAsync(app, "city-4401"))
        {
            var open = await AidRoundApi.GetAsync(early, $"/api/v1/aid-rounds/{round}");
            Assert.Equal(JsonValueKind.Null, open.GetProperty("approvalClosed").ValueKind);
        }

        // 1 December: the autumn deadline (30 November) has passed with the list still waiting.
        AidStudents.AdvanceTo(app, new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
        using var city = await AidStudents.SignInAsync(app, "city-4401");
        var closed = await AidRoundApi.GetAsync(city, $"/api/v1/aid-rounds/{round}");
        Assert.Contains("审批截止日期 2026-11-30 已过，须由省级人力资源社会保障部门重新开放审批", closed.GetProperty("approvalClosed").GetString(), StringComparison.Ordinal);
        Assert.True(closed.GetProperty("row").GetProperty("isLate").GetBoolean());
        Assert.Equal(JsonValueKind.Null, closed.GetProperty("row").GetProperty("reopenedUntil").ValueKind);

        using var province = await AidStudents.SignInAsync(app, "prov-44");
        var late = await AidRoundApi.GetAsync(province, "/api/v1/aid-rounds/late-approvals");
        Assert.Equal("44", late.GetProperty("provinceCode").GetString());
        var term = TermOf(late);
        Assert.Equal("2026-11-30", term.GetProperty("deadline").GetString());
        Assert.Equal("2027-02-28", term.GetProperty("latestUntil").GetString());
        Assert.True(term.GetProperty("lists").GetInt32() >= 1);
        Assert.True(term.GetProperty("students").GetInt32() >= 1);
        Assert.False(term.GetProperty("openNow").GetBoolean());

        await AidRoundApi.PostAsync(province, "/api/v1/aid-rounds/reopenings",
            new { schoolYear = 2026, semester = "Autumn", until = "2026-12-10", reason = "名单报送后因系统故障未能按时审核" }, HttpStatusCode.Created);

        var after = await AidRoundApi.GetAsync(province, "/api/v1/aid-rounds/late-approvals");
        term = TermOf(after);
        Assert.True(term.GetProperty("openNow").GetBoolean());
        Assert.Equal("2026-12-10", term.GetProperty("reopenedUntil").GetString());
        var reopening = after.GetProperty("reopenings").EnumerateArray().First();
        Assert.Equal("名单报送后因系统故障未能按时审核", reopening.GetProperty("reason").GetString());
        Assert.Equal("prov-44", reopening.GetProperty("createdBy").GetString());
        Assert.True(reopening.GetProperty("active").GetBoolean());

        var reopened = await AidRoundApi.GetAsync(city, $"/api/v1/aid-rounds/{round}");
        Assert.Equal(JsonValueKind.Null, reopened.GetProperty("approvalClosed").ValueKind);
        Assert.Equal("2026-12-10", reopened.GetProperty("row").GetProperty("reopenedUntil").GetString());
        var approved = await AidRoundApi.PostAsync(city, $"/api/v1/aid-rounds/{round}/review", new { decision = "Approve" });
        Assert.Equal("Reviewed", approved.GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("4")]
    [InlineData("4x")]
    [InlineData("440100")]
    public async Task LateApprovals_ProvinceCodeNotTwoDigits_400InChinese(string code)
    {
        using var province = await AidStudents.SignInAsync(app, "prov-44");
        using var response = await province.GetAsync($"/api/v1/aid-rounds/late-approvals?provinceCode={code}");
        var problem = await Api.ReadJson(response, HttpStatusCode.BadRequest);
        Assert.Contains("省级代码应为 2 位数字", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LateApprovals_AnotherProvince_403InChinese()
    {
        using var province = await AidStudents.SignInAsync(app, "prov-44");
        using var response = await province.GetAsync("/api/v1/aid-rounds/late-approvals?provinceCode=51");
        var problem = await Api.ReadJson(response, HttpStatusCode.Forbidden);
        Assert.Contains("只有省级管理员可以重新开放本省的资助审批", problem.GetRawText(), StringComparison.Ordinal);
    }

    private static JsonElement TermOf(JsonElement late) =>
        late.GetProperty("terms").EnumerateArray().Single(t => t.GetProperty("term").GetString() == Term);
}
