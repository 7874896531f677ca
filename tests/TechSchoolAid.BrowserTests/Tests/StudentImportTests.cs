using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using TechSchoolAid.Modules.Students.Contracts;
using static TechSchoolAid.BrowserTests.Infrastructure.TestData;

namespace TechSchoolAid.BrowserTests.Tests;

[Collection(BrowserCollection.Name)]
public sealed class StudentImportTests(BrowserAppFixture fixture)
{
    [Fact]
    public async Task StudentImport_FileWithErrorRow_ShowsRowErrorsAndImportsNothing_ThenCorrectedFileImports()
    {
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            var first = new ImportRow("导入甲", IdNumbers.Valid("440106", new DateOnly(2010, 5, 1), 311));
            var secondValid = IdNumbers.Valid("440106", new DateOnly(2010, 6, 2), 422);
            var bad = new ImportRow("导入乙", IdNumbers.WithWrongCheck(secondValid));
            var before = await s.App.CountStudentsAsync(CitySchool);

            await new LoginPage(s).SignInAsync(CitySchoolUser);
            var import = new StudentImportPage(s);
            await import.OpenAsync();
            await s.ShotAsync("empty");

            await import.ImportAsync("新生-有错.csv", ImportCsv(first, bad));
            await import.ErrorTable.WaitForAsync();
            await s.ShotAsync("row-errors");

            Assert.Contains("整个文件未导入", await import.Failed.InnerTextAsync(), StringComparison.Ordinal);
            var errors = await import.ErrorsAsync();
            var error = Assert.Single(errors);
            Assert.Equal("第 3 行", error.Row); // header is row 1, so the second student is row 3
            Assert.Equal("证件号码", error.Column);
            Assert.Contains("校验位不正确", error.Message, StringComparison.Ordinal);
            Assert.Equal(0, await import.Success.CountAsync());
            Assert.Equal(before, await s.App.CountStudentsAsync(CitySchool)); // not even the good row 2
            Assert.Null(await s.App.FindStudentAsync(CitySchool, "导入甲"));

            await import.ImportAsync("新生-已改正.csv", ImportCsv(first, bad with { IdNumber = secondValid }));
            await import.Success.WaitForAsync();
            await s.ShotAsync("imported");

            Assert.Contains("新登记 2 名", await import.Success.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(0, await import.ErrorTable.CountAsync());
            Assert.Equal(before + 2, await s.App.CountStudentsAsync(CitySchool));
            var imported = await s.App.FindStudentAsync(CitySchool, "导入乙");
            Assert.NotNull(imported);
            Assert.Equal(TechSchoolAid.Modules.Students.Contracts.RegistrationState.Collected, imported.RegistrationState);
        });
    }
}
