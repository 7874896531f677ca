using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using TechSchoolAid.Modules.Aid.Policies.Domain;
using TechSchoolAid.Modules.Audit.Domain;

namespace TechSchoolAid.BrowserTests.Tests;

/// <summary>
/// AID-3 in the browser (issue 4, item 8): a province administrator's tier table is refused with the reason next to the
/// form and nothing saved (4 tiers; a tier of 3,500 yuan and shares not adding up to 100 %), then corrected and saved
/// with the expected average shown against the standard; a ministry administrator edits a central share.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AidPolicyTests(BrowserAppFixture fixture)
{
    private const string Province = "44";

    [Fact]
    public async Task TierTable_ProvinceAdmin_FourTiersAndTierAboveRangeRefusedNothingSaved_CorrectedSavedWithAverageAgainstStandard()
    {
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            await new LoginPage(s).SignInAsync("prov-44");
            var page = new AidPolicyPage(s);
            await page.OpenAsync();
            await s.ShotAsync("policies");
            var stored = await ProvinceRowsAsync(s.App);
            var listed = await ProvinceTablesViaApiAsync(s.App);

            // 1. Four tiers: refused, the reason under the tier table and in the form's alert; nothing saved.
            await page.NewPolicyAsync();
            await page.FillPeriodAsync("广东省2027年度（浏览器测试）", "2027-01-01", "2027-12-31");
            await page.SetTiersAsync((3000, 20), (2500, 30), (2000, 30), (1500, 20));
            await Assertions.ExpectTextAsync(s.TestId("live-tier-count"), t => t.Contains("须分 2—3 档", StringComparison.Ordinal), "the live hint on the tier count");
            Assert.False(await page.SaveAsync(), "A table with 4 tiers was saved.");
            await Assertions.ExpectTextAsync(page.FieldError(page.Form, "tiers"), t => t.Contains("国家助学金须分 2—3 档，当前为 4 档", StringComparison.Ordinal), "the tier-count reason under the table");
            Assert.Contains("未保存", await page.FormError.InnerTextAsync(), StringComparison.Ordinal);
            await s.ShotAsync("four-tiers-refused");
            Assert.Equal(stored, await ProvinceRowsAsync(s.App));
            Assert.Equal(listed, await ProvinceTablesViaApiAsync(s.App));

            // 2. Three tiers, the first 3,500 yuan (above the national 3,000) and shares adding up to 95 %: both reasons, nothing saved.
            await page.SetTiersAsync((3500, 25), (2300, 50), (1600, 20));
            Assert.False(await page.SaveAsync(), "A table with a tier of 3,500 yuan was saved.");
            await Assertions.ExpectTextAsync(page.FieldError(page.Form, "tiers[0].amountFen"), t => t.Contains("第 1 档 3,500 元超出国家规定的 1,000—3,000 元范围", StringComparison.Ordinal), "the range reason next to the first tier");
            await Assertions.ExpectTextAsync(page.FieldError(page.Form, "tiers"), t => t.Contains("占比之和应为 100%，当前为 95%", StringComparison.Ordinal), "the share-sum reason");
            Assert.Contains("3,500 元超出", await page.FormError.InnerTextAsync(), StringComparison.Ordinal);
            await s.ShotAsync("tier-3500-refused");
            Assert.Equal(stored, await ProvinceRowsAsync(s.App));
            Assert.Equal(listed, await ProvinceTablesViaApiAsync(s.App));

            // 3. Corrected: 3,000 × 40 % + 2,300 × 40 % + 1,600 × 20 % = 2,440 yuan expected, 140 above the 2,300 standard.
            await page.SetTiersAsync((3000, 40), (2300, 40), (1600, 20));
            await Assertions.ExpectTextAsync(page.LiveAverage, t => t.Contains("预计平均 2,440 元 / 标准 2,300 元：高 140 元", StringComparison.Ordinal), "the live expected average against the standard");
            await s.ShotAsync("corrected");
            Assert.True(await page.SaveAsync(), "The corrected table was refused: " + await s.SafeTextAsync());

            var row = page.RowsOf(Province).Filter(new() { HasText = "广东省2027年度（浏览器测试）" });
            await row.WaitForAsync();
            var average = row.GetByTestId("row-average");
            Assert.Contains("2,440 / 2,300 元：高 140 元", await average.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal("true", await average.GetAttributeAsync("data-meets"));
            await s.ShotAsync("saved");
            Assert.Equal(stored + 1, await ProvinceRowsAsync(s.App));
            Assert.Equal(listed + 1, await ProvinceTablesViaApiAsync(s.App));
        });
    }

    [Fact]
    public async Task CentralShareAndRange_MinistryAdmin_BadInputRefusedNothingSaved_ShareEditedAndAudited()
    {
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            await new LoginPage(s).SignInAsync("ministry");
            var page = new AidPolicyPage(s);
            await page.OpenAsync();
            await s.ShotAsync("policies");

            // The national range: an upper bound below the lower one is refused, nothing changes.
            var seededRange = Guid.Parse("a1d00000-0000-0000-0001-000000002024");
            await page.EditRangeAsync(seededRange);
            await MudControls.TypeAsync(s.TestId("range-max"), "900");
            Assert.False(await page.SaveRangeAsync(), "A range with max below min was saved.");
            await Assertions.ExpectTextAsync(page.FieldError(page.RangeForm, "tierMaxFen"), t => t.Contains("档次上限（900 元）须高于下限（1,000 元）", StringComparison.Ordinal), "the min/max reason");
            await s.ShotAsync("range-refused");
            Assert.Equal(300_000, await s.App.WithDbAsync(db => db.Set<AidNationalRange>().Where(r => r.Id == seededRange).Select(r => r.TierMaxFen).SingleAsync()));
            await s.TestId("cancel-range").ClickAsync();

            // 上海 (31) is in the fifth group (10 %); the ministry moves it to the fourth (30 %).
            Assert.Equal("10", await page.ShareChip("31").GetAttributeAsync("data-percent"));
            await page.EditShareAsync("31");
            await page.SelectShareAsync("第四档 30%");
            await MudControls.TypeAsync(s.TestId("share-valid-to"), "2023-12-31");
            Assert.False(await page.SaveShareAsync(), "A share ending before it starts was saved.");
            await Assertions.ExpectTextAsync(page.FieldError(page.ShareForm, "validTo"), t => t.Contains("有效期止不能早于有效期起", StringComparison.Ordinal), "the period reason");
            await s.ShotAsync("share-refused");
            Assert.Equal(10, await ShareOfAsync(s.App, "31"));

            await MudControls.TypeAsync(s.TestId("share-valid-to"), "");
            await MudControls.TypeAsync(s.TestId("share-source"), "国办发〔2018〕6号（浏览器测试调整）");
            Assert.True(await page.SaveShareAsync(), "The share was refused: " + await s.SafeTextAsync());
            await Assertions.ExpectTextAsync(s.TestId("share-table").Locator("[data-testid=share-group][data-percent='30']"), t => t.Contains("上海市", StringComparison.Ordinal), "上海市 in the 30 % group");
            Assert.Equal("30", await page.ShareChip("31").GetAttributeAsync("data-percent"));
            await s.ShotAsync("share-saved");

            Assert.Equal(30, await ShareOfAsync(s.App, "31"));
            var audit = await s.App.WithDbAsync(db => db.Set<AuditEvent>().IgnoreQueryFilters()
                .Where(e => e.SubjectType == "AidCentralShare" && e.Action == "aid_central_share.updated" && e.ActorUserName == "ministry").Select(e => new { e.OldValue, e.NewValue }).ToListAsync());
            Assert.Contains(audit, e => e.OldValue!.Contains("\"sharePercent\":10", StringComparison.Ordinal) && e.NewValue!.Contains("\"sharePercent\":30", StringComparison.Ordinal));
        });
    }

    private static Task<int> ProvinceRowsAsync(AppServer app) =>
        app.WithDbAsync(db => db.Set<AidPolicyRecord>().CountAsync(p => p.ProvinceCode == Province));

    private static Task<int> ShareOfAsync(AppServer app, string province) =>
        app.WithDbAsync(db => db.Set<AidCentralShare>().Where(x => x.ProvinceCode == province).Select(x => x.SharePercent).SingleAsync());

    /// <summary>The province's own tables as the API lists them (what another system would see).</summary>
    private static async Task<int> ProvinceTablesViaApiAsync(AppServer app)
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        using var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = "prov-44", password = LoginPage.DemoPassword });
        token.EnsureSuccessStatusCode();
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var list = await http.GetFromJsonAsync<JsonElement>($"/api/v1/aid-policies?provinceCode={Province}");
        return list.EnumerateArray().Count(p => p.GetProperty("values").GetProperty("provinceCode").ValueKind == JsonValueKind.String);
    }
}
