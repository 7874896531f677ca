using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using static TechSchoolAid.BrowserTests.Infrastructure.TestData;

namespace TechSchoolAid.BrowserTests.Tests;

/// <summary>Four eyes in the browser (issue 11, item 10): the administrator who submitted a suspension sees why he cannot approve it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FourEyesTests(BrowserAppFixture fixture)
{
    [Fact]
    public async Task Suspension_SubmittedByTheAdministrator_HasNoApproveButton_AndSaysASecondPersonApproves()
    {
        const string test = nameof(Suspension_SubmittedByTheAdministrator_HasNoApproveButton_AndSaysASecondPersonApproves);
        var student = await fixture.App.FreeActiveStudentAsync(CitySchool);
        await using var s = await fixture.NewSessionAsync(test);
        await s.RunAsync(async () =>
        {
            await new LoginPage(s).SignInAsync(CitySchoolUser);
            await new StudentDetailPage(s).OpenAsync(student.Id);
            var entry = new StatusChangeEntryPage(s);
            await entry.OpenFromStudentAsync(student.Id);
            await entry.FillAsync("休学", new DateOnly(2026, 10, 12), "因病住院治疗，监护人申请休学一年（浏览器测试）");
            var id = await entry.SaveAndSubmitAsync();
            Assert.True(id is not null, "The suspension was refused: " + await s.SafeTextAsync());

            var detail = new StatusChangeDetailPage(s);
            await detail.WaitLoadedAsync();
            var note = s.TestId("four-eyes");
            await note.WaitForAsync();
            Assert.Contains("四眼原则", await note.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(0, await detail.ApproveButton.CountAsync());
            await s.ShotAsync("held-back-1440");
            await s.Page.SetViewportSizeAsync(390, 844);
            await s.ShotAsync("held-back-390");
        });
    }
}
