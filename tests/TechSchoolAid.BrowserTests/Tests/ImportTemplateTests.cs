using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using TechSchoolAid.TestSupport;
using static TechSchoolAid.BrowserTests.Infrastructure.TestData;

namespace TechSchoolAid.BrowserTests.Tests;

/// <summary>
/// Issue 13, item 5: the clerk downloads the template from the import page (its ID column is text), fills it in as Excel
/// would when the column was turned back into numbers, and sees one error per row with the row number and the student's
/// name; the corrected file, with the example row left in, imports. Screenshots at 1440 px and 390 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ImportTemplateTests(BrowserAppFixture fixture)
{
    private static readonly XNamespace M = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    [Fact]
    public async Task ImportTemplate_DownloadedIdColumnIsText_NumbersReportedOncePerRowWithName_CorrectedFileImports()
    {
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            var before = await s.App.CountStudentsAsync(CitySchool);
            await new LoginPage(s).SignInAsync(CitySchoolUser);
            var import = new StudentImportPage(s);
            await import.OpenAsync();
            Assert.Contains("下拉列表", await s.TestId("template-explained").InnerTextAsync(), StringComparison.Ordinal);

            var download = await s.Page.RunAndWaitForDownloadAsync(() => s.TestId("download-template").ClickAsync());
            Assert.Equal("新生导入模板.xlsx", download.SuggestedFilename);
            byte[] template;
            await using (var stream = await download.CreateReadStreamAsync())
            using (var buffer = new MemoryStream())
            {
                await stream.CopyToAsync(buffer);
                template = buffer.ToArray();
            }

            Assert.Equal(49, IdColumnNumberFormat(template)); // "@": text

            var first = IdNumbers.Valid("440106", new DateOnly(2010, 7, 1), 511);
            var second = IdNumbers.Valid("440106", new DateOnly(2010, 8, 2), 622);
            var numbers = TemplateFiller.Fill(template, [Row("模板甲", first), Row("模板乙", second)], keepExample: false, asNumbers: new HashSet<string> { "证件号码" });
            await import.ImportAsync("新生-号码成了数字.xlsx", numbers);
            await import.ErrorTable.WaitForAsync();
            await s.ShotAsync("id-as-number-errors");

            var errors = await import.ErrorsAsync();
            Assert.Equal(2, errors.Count); // one per row: no birth-date, sex or check-digit complaints besides
            Assert.Equal(("第 2 行", "模板甲", "证件号码"), (errors[0].Row, errors[0].Name, errors[0].Column));
            Assert.Equal(("第 3 行", "模板乙", "证件号码"), (errors[1].Row, errors[1].Name, errors[1].Column));
            Assert.All(errors, e => Assert.Equal("身份证号被 Excel 存成了数字，请把该列设为文本后重新填写", e.Message));
            Assert.Equal(before, await s.App.CountStudentsAsync(CitySchool));

            await s.Page.SetViewportSizeAsync(390, 844);
            await s.ShotAsync("id-as-number-errors-390");
            await s.Page.SetViewportSizeAsync(1440, 900);

            var corrected = TemplateFiller.Fill(template, [Row("模板甲", first), Row("模板乙", second)], keepExample: true);
            await import.ImportAsync("新生-已改正.xlsx", corrected);
            await import.Success.WaitForAsync();
            await s.ShotAsync("imported-example-skipped");
            var success = await import.Success.InnerTextAsync();
            Assert.Contains("新登记 2 名", success, StringComparison.Ordinal);
            Assert.Contains("示例行已跳过", success, StringComparison.Ordinal);
            Assert.Equal(before + 2, await s.App.CountStudentsAsync(CitySchool));
        });
    }

    private static Dictionary<string, string> Row(string name, string id) => new()
    {
        ["姓名"] = name,
        ["证件类型"] = "居民身份证",
        ["证件号码"] = id,
        ["民族"] = "汉族",
        ["户籍性质"] = "农村",
        ["户籍所在县区代码"] = "440106 广州市天河区",
        ["专业"] = "数控加工",
        ["培养层次"] = "中级工",
        ["入学前学历"] = "初中",
        ["学制"] = "3",
        ["是否全日制"] = "是",
        ["招生年份"] = "2026",
        ["招生季"] = "秋季",
        ["入学日期"] = "2026-09-01",
        ["班级"] = "2026级数控1班",
    };

    /// <summary>The number format of the style of sheet 1's column C (证件号码), as Excel reads it.</summary>
    private static int IdColumnNumberFormat(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        var col = TemplateFiller.Load(zip, "xl/worksheets/sheet1.xml").Root!.Element(M + "cols")!.Elements(M + "col").Single(c => c.Attribute("min")!.Value == "3");
        var style = int.Parse(col.Attribute("style")!.Value, CultureInfo.InvariantCulture);
        var xf = TemplateFiller.Load(zip, "xl/styles.xml").Root!.Element(M + "cellXfs")!.Elements(M + "xf").ElementAt(style);
        return int.Parse(xf.Attribute("numFmtId")!.Value, CultureInfo.InvariantCulture);
    }
}
