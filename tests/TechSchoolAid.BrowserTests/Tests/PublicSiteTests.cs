using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using static TechSchoolAid.BrowserTests.Infrastructure.TestData;

namespace TechSchoolAid.BrowserTests.Tests;

/// <summary>
/// PUB-1 in the browser, the "done when" walk: a member of the public files a complaint on a 390 px phone and gets a
/// tracking number; the school's aid officer answers it; the public looks it up with the phone's last four digits. The
/// public pages are static (no circuit) and are photographed at 390 and 1440 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PublicSiteTests(BrowserAppFixture fixture)
{
    private const string AidOfficer = "school-" + CitySchool + "-aid";

    [Fact]
    public async Task Complaint_FiledOnAPhone_AnsweredByTheSchool_LookedUpWithTheLastFourDigits()
    {
        var text = "浏览器测试：秋季学期助学金尚未到账 <script>alert(1)</script>";
        string number;
        await using (var s = await fixture.NewSessionAsync())
        {
            number = "";
            await s.RunAsync(async () =>
            {
                await s.GotoAsync("/public", interactive: false);
                await s.TestId("province-links").WaitForAsync();
                await s.ShotAsync("home-1440");
                await s.GotoAsync("/public/policies/44", interactive: false);
                await s.TestId("policy-title").WaitForAsync();
                Assert.True(await s.TestId("policy-section").CountAsync() >= 4);
                await s.ShotAsync("policy-44-1440");

                await s.Page.SetViewportSizeAsync(390, 844);
                await s.GotoAsync("/public", interactive: false);
                await s.ShotAsync("home-390");
                await s.GotoAsync("/public/policies/44", interactive: false);
                await s.ShotAsync("policy-44-390");
                await s.TestId("policy-hotline").WaitForAsync();

                await s.GotoAsync("/public/complaints/new", interactive: false);
                await s.TestId("school-search").FillAsync(CitySchool);
                await s.TestId("school-search-submit").ClickAsync();
                await s.TestId("school-option").First.WaitForAsync();
                await s.TestId("kind-complaint").CheckAsync();
                await s.TestId("complaint-text").FillAsync(text);
                await s.TestId("complaint-phone").FillAsync("13512349876");
                await s.ShotAsync("form-390");
                await s.TestId("complaint-submit").ClickAsync();
                await s.TestId("complaint-receipt").WaitForAsync();
                number = (await s.TestId("tracking-number").InnerTextAsync()).Trim();
                Assert.Matches("^TS-2026-[2-9A-Z]{4}-[2-9A-Z]{4}$", number);
                await s.ShotAsync("receipt-390");

                // Bad input on the same form: a phone that is not a phone, shown in Chinese under the field.
                await s.GotoAsync("/public/complaints/new?q=" + CitySchool, interactive: false);
                await s.TestId("complaint-text").FillAsync("另一条内容");
                await s.TestId("complaint-phone").FillAsync("12345");
                await s.TestId("complaint-submit").ClickAsync();
                await Assertions.ExpectTextAsync(s.TestId("error-phone"), t => t.Contains("联系电话格式不正确", StringComparison.Ordinal), "the phone error");
                await s.ShotAsync("phone-error-390");
            });
        }

        await using (var s = await fixture.NewSessionAsync())
        {
            await s.RunAsync(async () =>
            {
                await new LoginPage(s).SignInAsync(AidOfficer);
                await s.GotoAsync("/complaints?filter=Open");
                var row = s.TestId("complaint-row").Filter(new() { HasText = number });
                await row.GetByTestId("open-complaint").ClickAsync();
                await Assertions.ExpectTextAsync(s.TestId("detail-text"), t => t.Contains("<script>alert(1)</script>", StringComparison.Ordinal), "the text shown escaped, as typed");
                await Assertions.ExpectTextAsync(s.TestId("detail-phone"), t => t == "135****9876", "the masked phone");
                await s.ShotAsync("detail-1440");
                await s.WaitForHandlersAsync(s.TestId("answer-submit"));
                await MudControls.TypeAsync(s.TestId("answer-text"), "经核实，助学金已于本周补发到您的社保卡。");
                await s.Page.GetByText("投诉属实", new() { Exact = true }).ClickAsync();
                await s.TestId("answer-submit").ClickAsync();
                await Assertions.ExpectTextAsync(s.TestId("detail-status"), t => t == "已答复", "the status after the answer");
                await s.ShotAsync("answered-1440");
            });
        }

        await using (var s = await fixture.NewSessionAsync())
        {
            await s.RunAsync(async () =>
            {
                await s.Page.SetViewportSizeAsync(390, 844);
                await s.GotoAsync("/public/complaints/track", interactive: false);
                await s.TestId("track-number").FillAsync(number);
                await s.TestId("track-digits").FillAsync("0000");
                await s.TestId("track-submit").ClickAsync();
                await s.TestId("track-not-found").WaitForAsync();
                await s.TestId("track-number").FillAsync(number);
                await s.TestId("track-digits").FillAsync("9876");
                await s.TestId("track-submit").ClickAsync();
                await Assertions.ExpectTextAsync(s.TestId("track-answer"), t => t.Contains("已于本周补发", StringComparison.Ordinal), "the answer for the public");
                Assert.Equal("已答复", (await s.TestId("track-status").InnerTextAsync()).Trim());
                await s.ShotAsync("tracked-390");
                await s.Page.SetViewportSizeAsync(1440, 900);
                await s.ShotAsync("tracked-1440");
            });
        }
    }
}
