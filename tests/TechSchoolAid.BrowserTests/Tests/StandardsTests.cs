using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using TechSchoolAid.Modules.Standards.Contracts;
using TechSchoolAid.Modules.Standards.Domain;
using static TechSchoolAid.BrowserTests.Infrastructure.TestData;
using Assertions = TechSchoolAid.BrowserTests.Pages.Assertions;

namespace TechSchoolAid.BrowserTests.Tests;

/// <summary>
/// INS-2 and PUB-2 in the browser: the school's standards page shows what is missing; the school uploads its autumn
/// brochure, ticks the checklist with the pages and submits it; the city, its direct supervisor, approves it from its
/// queue after confirming (screenshots at 1440 px and at 390 px).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StandardsTests(BrowserAppFixture fixture)
{
    private const string AidOfficer = "school-" + CitySchool + "-aid";

    [Fact]
    public async Task School_SeesMissingItems_SubmitsBrochure_CityApprovesIt()
    {
        await using (var s = await fixture.NewSessionAsync())
        {
            await s.RunAsync(async () =>
            {
                await new LoginPage(s).SignInAsync(AidOfficer);
                await s.GotoAsync("/standards");
                await Assertions.ExpectTextAsync(s.TestId("fact-training"), t => t.Contains("缺项", StringComparison.Ordinal), "the untrained staff member flagged");
                await Assertions.ExpectTextAsync(s.TestId("fact-brochure"), t => t.Contains("尚未上传", StringComparison.Ordinal), "no brochure for the current intake");
                await Assertions.ExpectTextAsync(s.TestId("staff-table"), t => t.Contains("138****4001", StringComparison.Ordinal), "the phone masked");
                await s.ShotAsync("school-standards");
                await s.Page.SetViewportSizeAsync(390, 844);
                await s.ShotAsync("school-standards-390");
                await s.Page.SetViewportSizeAsync(1440, 900);

                await s.GotoAsync("/standards/brochures");
                await s.TestId("brochure-editor").WaitForAsync();
                await s.WaitForHandlersAsync(s.TestId("brochure-choose"));
                await s.Page.Locator("input[type=file]").First.SetInputFilesAsync(new FilePayload
                {
                    Name = "2026年秋季招生简章.pdf", MimeType = "application/pdf", Buffer = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
                });
                await s.TestId("brochure-file").WaitForAsync();
                foreach (var (label, key, page) in new[] { ("载明免学费政策", "waiver", "第2页"), ("载明国家助学金政策", "grant", "第2页"), ("载明资助热线电话", "hotline", "封底") })
                {
                    await s.Page.GetByText(label, new() { Exact = true }).ClickAsync();
                    await MudControls.TypeAsync(s.TestId("page-" + key), page);
                }

                await s.ShotAsync("brochure-ticked");
                await s.TestId("brochure-submit").ClickAsync();
                await s.Page.GetByRole(AriaRole.Button, new() { Name = "提交", Exact = true }).ClickAsync();
                await Assertions.ExpectTextAsync(s.TestId("brochure-status"), t => t.Contains("待审核", StringComparison.Ordinal), "submitted to the city");
                await s.ShotAsync("brochure-submitted");
            });
        }

        await using (var s = await fixture.NewSessionAsync())
        {
            await s.RunAsync(async () =>
            {
                await new LoginPage(s).SignInAsync(CityReviewer);
                await s.GotoAsync("/standards/brochures");
                var card = s.TestId("review-card").Filter(new() { HasText = CitySchool });
                await card.WaitForAsync();
                await Assertions.ExpectTextAsync(card.GetByTestId("brochure-checklist"), t => t.Contains("封底", StringComparison.Ordinal), "the cited pages");
                await s.ShotAsync("city-queue");
                await s.Page.SetViewportSizeAsync(390, 844);
                await s.ShotAsync("city-queue-390");
                await s.Page.SetViewportSizeAsync(1440, 900);
                await card.GetByTestId("review-approve").ClickAsync();
                await s.Page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "审核通过", Exact = true }).ClickAsync();
                await card.WaitForAsync(new() { State = WaitForSelectorState.Detached });
                await s.ShotAsync("city-approved");
            });
        }

        var status = await fixture.App.WithDbAsync(db => db.Set<Brochure>().Where(b => b.SchoolCode == CitySchool && b.Year == 2026 && b.Season == IntakeSeason.Autumn)
            .Select(b => b.Status).SingleAsync());
        Assert.Equal(BrochureStatus.Approved, status);
    }

    [Fact]
    public async Task School_RecordsARule_WithdrawsItWithTheReasonItGives()
    {
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            await new LoginPage(s).SignInAsync(AidOfficer);
            await s.GotoAsync("/standards");
            var card = s.TestId("rules-card");
            await card.WaitForAsync();
            await s.WaitForHandlersAsync(s.TestId("rule-title"));
            await MudControls.TypeAsync(s.TestId("rule-title"), "学生资助工作管理办法（试行）");
            await MudControls.TypeAsync(s.TestId("rule-adopted"), "2026-09-01");
            await card.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
            {
                Name = "资助工作管理办法.pdf", MimeType = "application/pdf", Buffer = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
            });
            var row = s.TestId("rule-row").Filter(new() { HasText = "学生资助工作管理办法（试行）" });
            await row.WaitForAsync();

            await row.GetByTestId("rule-withdraw").ClickAsync();
            await s.TestId("rule-withdraw-confirm").ClickAsync();
            await Assertions.ExpectTextAsync(s.TestId("rule-withdraw-error"), t => t.Contains("废止原因", StringComparison.Ordinal), "a blank reason is refused, naming the field");
            await MudControls.TypeAsync(s.TestId("rule-withdraw-reason"), "已由2026年修订版替代");
            await s.ShotAsync("rule-withdraw-reason");
            await s.TestId("rule-withdraw-confirm").ClickAsync();
            await Assertions.ExpectTextAsync(row.GetByTestId("rule-ended"), t => t.Contains("已由2026年修订版替代", StringComparison.Ordinal), "the reason given is kept and shown");
            await s.ShotAsync("rule-withdrawn");
        });

        var reason = await fixture.App.WithDbAsync(db => db.Set<AidRuleDocument>().Where(r => r.SchoolCode == CitySchool && r.Title == "学生资助工作管理办法（试行）")
            .Select(r => r.EndReason).SingleAsync());
        Assert.Equal("已由2026年修订版替代", reason);
    }
}
