using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;

namespace TechSchoolAid.BrowserTests.Tests;

[Collection(BrowserCollection.Name)]
public sealed class StudentEntryTests(BrowserAppFixture fixture)
{
    private static readonly DateOnly Birth = new(2010, 3, 15);

    [Fact]
    public async Task StudentEntry_ValidIdNumber_EndsOnDetailPageWithMaskedNumber()
    {
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            var idNumber = IdNumbers.Valid("440305", Birth, 123);
            await new LoginPage(s).SignInAsync(TestData.CitySchoolUser);
            var entry = new StudentEntryPage(s);
            await entry.OpenAsync();
            Assert.Contains("2026年秋季注册截止日期 2026-10-31", await entry.WindowState.InnerTextAsync(), StringComparison.Ordinal);

            await entry.FillAsync(new NewStudent("林测试", idNumber));
            await s.ShotAsync("filled");
            var id = await entry.SubmitAsync();
            Assert.NotNull(id);

            var detail = new StudentDetailPage(s);
            await detail.WaitLoadedAsync();
            await s.ShotAsync("detail");
            Assert.Equal("林测试", (await detail.Name.InnerTextAsync()).Trim());
            var shown = (await detail.IdNumber.InnerTextAsync()).Trim();
            Assert.Equal(IdNumbers.Masked(idNumber), shown);
            Assert.Equal("440**************" + idNumber[^1..], shown);
            Assert.DoesNotContain("20100315", await s.Page.Locator(".mud-main-content").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal("已采集", (await detail.State.InnerTextAsync()).Trim());
            Assert.Equal("2010-03-15", (await detail.Value("出生日期").InnerTextAsync()).Trim());
            Assert.Equal("男", (await detail.Value("性别").InnerTextAsync()).Trim()); // order code 123: odd

            var saved = await s.App.GetStudentAsync(id.Value);
            Assert.NotNull(saved);
            Assert.Equal(TestData.CitySchool, saved.SchoolCode);
            Assert.Equal(TestData.CitySchoolUser, saved.CollectedBy);
        });
    }

    [Fact]
    public async Task StudentEntry_WrongCheckDigit_ShowsFieldErrorAndSavesNothing()
    {
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            var wrong = IdNumbers.WithWrongCheck(IdNumbers.Valid("440305", Birth, 246));
            var before = await s.App.CountStudentsAsync(TestData.CitySchool);
            await new LoginPage(s).SignInAsync(TestData.CitySchoolUser);
            var entry = new StudentEntryPage(s);
            await entry.OpenAsync();

            await entry.FillAsync(new NewStudent("错校验", wrong));
            var id = await entry.SubmitAsync();
            await entry.FieldError("idNumber").WaitForAsync();
            await s.ShotAsync("field-error");

            Assert.Null(id);
            Assert.Equal("身份证号码校验位不正确，请核对", (await entry.FieldError("idNumber").InnerTextAsync()).Trim());
            Assert.Equal("true", await entry.Field("idNumber").GetAttributeAsync("aria-invalid"));
            // Birth date and sex come from the number: no noise about them while the number itself is wrong.
            Assert.Equal(0, await entry.FieldError("birthDate").CountAsync());
            Assert.Equal(0, await entry.FieldError("sex").CountAsync());
            Assert.EndsWith(StudentEntryPage.Path, s.Page.Url, StringComparison.Ordinal);
            Assert.Equal(wrong, await entry.Field("idNumber").InputValueAsync()); // the clerk's input is kept to correct it
            Assert.Equal(before, await s.App.CountStudentsAsync(TestData.CitySchool));
            Assert.Null(await s.App.FindStudentAsync(TestData.CitySchool, "错校验"));
        });
    }
}
