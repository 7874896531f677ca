using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using TechSchoolAid.Modules.Inspections.Domain;
using TechSchoolAid.Modules.PublicSite.Contracts;
using TechSchoolAid.Modules.PublicSite.Domain;
using TechSchoolAid.Modules.Reports.Contracts;
using TechSchoolAid.Modules.Reports.Domain;
using TechSchoolAid.Modules.Reports.Features.Requests;
using Assertions = TechSchoolAid.BrowserTests.Pages.Assertions;

namespace TechSchoolAid.BrowserTests.Tests;

/// <summary>
/// The oversight steps that existed only in the API, done on screen (issue 13 item 1, "no dead ends"): the ministry sets
/// the inspection parameters and a complaint answer deadline from a future date, and returns a province's yearly report
/// with its reason; a province keeps its public hotline and uploads the file a data request asks for. New parameters
/// take effect in 2030 so that no other test's deadlines move.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OversightActionsTests(BrowserAppFixture fixture)
{
    private const string Future = "2030-01-01";

    [Fact]
    public async Task Ministry_SetsInspectionAndComplaintParameters_AndReturnsAProvinceReportWithItsReason()
    {
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            await new LoginPage(s).SignInAsync("ministry");
            await s.GotoAsync("/inspections");
            await s.TestId("inspection-policy-panel").ClickAsync();
            await s.TestId("inspection-policy").WaitForAsync();
            await MudControls.TypeAsync(s.TestId("policy-valid-from"), Future);
            await MudControls.TypeAsync(s.TestId("policy-rectification"), "25");
            await MudControls.TypeAsync(s.TestId("policy-source"), "人社厅函〔2024〕53号 三（二）（浏览器测试）");
            await s.ShotAsync("inspection-policy-form");
            await s.TestId("policy-save").ClickAsync();
            await MudControls.Snackbar(s.Page, "已保存检查政策参数").WaitForAsync();
            Assert.True(await fixture.App.WithDbAsync(db => db.Set<InspectionPolicy>().AnyAsync(p => p.ValidFrom == new DateOnly(2030, 1, 1) && p.RectificationWorkingDays == 25)));

            await s.GotoAsync("/complaints");
            await s.TestId("complaint-deadlines").WaitForAsync();
            await MudControls.TypeAsync(s.TestId("deadline-days"), "12");
            await s.TestId("deadline-save").ClickAsync();
            await Assertions.ExpectTextAsync(s.TestId("deadline-error"), t => t.Contains("依据", StringComparison.Ordinal), "a deadline without its source is refused, naming it");
            await MudControls.TypeAsync(s.TestId("deadline-valid-from"), Future);
            await MudControls.TypeAsync(s.TestId("deadline-source"), "信访工作条例（浏览器测试）");
            await s.TestId("deadline-save").ClickAsync();
            await MudControls.Snackbar(s.Page, "已设定投诉的答复时限").WaitForAsync();
            await s.ShotAsync("complaint-deadlines");
            Assert.True(await fixture.App.WithDbAsync(db => db.Set<ComplaintDeadline>().AnyAsync(d => d.Kind == ComplaintKind.Complaint && d.AnswerWorkingDays == 12)));

            await s.GotoAsync("/reports/yearly");
            await s.TestId("submissions-table").WaitForAsync();
            await s.TestId("deadline-form").WaitForAsync();
            var sichuan = s.TestId("submissions-table").Locator("tr").Filter(new() { HasText = "四川" });
            await sichuan.GetByTestId("return-report").ClickAsync();
            await s.TestId("return-confirm").ClickAsync();
            await Assertions.ExpectTextAsync(s.TestId("return-error"), t => t.Contains("原因", StringComparison.Ordinal), "a return without a reason is refused");
            await MudControls.TypeAsync(s.TestId("return-reason"), "第3表受助人数与资金表不一致，请核对后重新报送");
            await s.ShotAsync("report-return");
            await s.TestId("return-confirm").ClickAsync();
            await Assertions.ExpectTextAsync(sichuan, t => t.Contains("已退回", StringComparison.Ordinal), "四川 returned in the list");
            await s.ShotAsync("report-returned");
        });

        var returned = await fixture.App.WithDbAsync(db => db.Set<YearlyReportSubmission>().Where(x => x.ProvinceCode == "51").Select(x => new { x.State, x.ReturnReason }).SingleAsync());
        Assert.Equal(SubmissionState.Returned, returned.State);
        Assert.Equal("第3表受助人数与资金表不一致，请核对后重新报送", returned.ReturnReason);
    }

    [Fact]
    public async Task Province_KeepsItsHotline_AndUploadsTheFileADataRequestAsksFor()
    {
        var requestId = await fixture.App.WithDbAsync(async db =>
        {
            var province = await db.Set<Modules.Organizations.Domain.Organization>().IgnoreQueryFilters().SingleAsync(o => o.Code == "44");
            var now = DateTime.UtcNow;
            var request = new DataRequest(Guid.CreateVersion7(), "资助政策宣传材料报送（浏览器测试）", "请上传本省资助政策宣传材料。",
                DataRequestReads.FieldsJson([new DataField("宣传材料", DataFieldKind.File)]), new DateOnly(2026, 10, 30), "ministry", now);
            db.Add(request);
            db.Add(new DataRequestRecipient(Guid.CreateVersion7(), request.Id, province.Id, province.Code, province.Name, province.ScopePath));
            await db.SaveChangesAsync();
            return request.Id;
        });

        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            await new LoginPage(s).SignInAsync("prov-44");
            await s.GotoAsync("/complaints");
            await s.TestId("hotline-card").WaitForAsync();
            await MudControls.TypeAsync(s.TestId("hotline-consultation"), "020-83331234");
            await MudControls.TypeAsync(s.TestId("hotline-complaint"), "020-83335678");
            await MudControls.TypeAsync(s.TestId("hotline-address"), "广州市越秀区（浏览器测试）");
            await s.TestId("hotline-save").ClickAsync();
            await MudControls.Snackbar(s.Page, "已保存咨询投诉电话").WaitForAsync();
            await s.ShotAsync("hotline");
            await s.Page.SetViewportSizeAsync(390, 844);
            await s.ShotAsync("hotline-390");
            await s.Page.SetViewportSizeAsync(1440, 900);

            await s.GotoAsync("/reports/data-requests");
            await s.TestId("requests-table").GetByText("资助政策宣传材料报送（浏览器测试）").ClickAsync();
            var field = s.TestId("request-file-field");
            await field.WaitForAsync();
            await field.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
            {
                Name = "宣传材料.pdf", MimeType = "application/pdf", Buffer = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
            });
            await Assertions.ExpectTextAsync(field.GetByTestId("request-file"), t => t.Contains("宣传材料.pdf", StringComparison.Ordinal), "the stored file listed under its field");
            await s.ShotAsync("data-request-file");
        });

        var hotline = await fixture.App.WithDbAsync(db => db.Set<Hotline>().IgnoreQueryFilters().Where(h => h.OrganizationCode == "44").Select(h => h.ConsultationPhone).SingleAsync());
        Assert.Equal("020-83331234", hotline);
        Assert.Equal(1, await fixture.App.WithDbAsync(db => db.Set<DataRequestFile>().IgnoreQueryFilters()
            .CountAsync(f => f.Field == "宣传材料" && db.Set<DataRequestRecipient>().IgnoreQueryFilters().Any(r => r.Id == f.RecipientId && r.RequestId == requestId))));
    }
}
