using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using static TechSchoolAid.BrowserTests.Infrastructure.TestData;

namespace TechSchoolAid.BrowserTests.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ScopeTests(BrowserAppFixture fixture)
{
    [Fact]
    public async Task StudentDetail_OtherSchoolsStudent_ShowsOutOfScopeMessageNotTheData()
    {
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            // A student of the 省管 school 44010001: same city, but not school 44010004's data.
            var other = await s.App.AnyStudentOfAsync(ProvinceSchool);
            var own = await s.App.AnyStudentOfAsync(CitySchool);
            await new LoginPage(s).SignInAsync(CitySchoolUser);

            // Control: the same page does show a student of the user's own school.
            var detail = new StudentDetailPage(s);
            await detail.OpenAsync(own.Id);
            Assert.Equal(own.Name, (await detail.Name.InnerTextAsync()).Trim());

            await detail.OpenAsync(other.Id);
            await s.ShotAsync("denied");

            Assert.Contains("不存在或不在您的管理范围内", await detail.NotFound.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(0, await detail.Name.CountAsync());
            Assert.Equal(0, await detail.IdNumber.CountAsync());
            var page = await s.Page.Locator(".mud-main-content").InnerTextAsync();
            Assert.DoesNotContain(other.Name, page, StringComparison.Ordinal);
            Assert.DoesNotContain(other.IdNumberMasked, page, StringComparison.Ordinal);
            Assert.DoesNotContain(ProvinceSchool, page, StringComparison.Ordinal);
        });
    }
}
