using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using TechSchoolAid.TestSupport;

namespace TechSchoolAid.Web.Tests;

/// <summary>Issue 13, item 5 over HTTP: the template a clerk downloads, filled in as Excel fills it, and the import's answers.</summary>
public sealed class StudentImportTemplateApiTests(TestApp app) : IClassFixture<TestApp>
{
    private const string School = "44010010";
    private const string Import = "/api/v1/schools/44010010/students/import";
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string IdAsNumber = "身份证号被 Excel 存成了数字，请把该列设为文本后重新填写";
    private static readonly XNamespace M = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private async Task<byte[]> TemplateAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/v1/students/import-template");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(XlsxType, response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>A fresh valid ID number whose check character is a digit (one ending in X stays text in Excel).</summary>
    private static string DigitsOnlyId()
    {
        while (true)
        {
            var id = IdNumbers.Next();
            if (char.IsAsciiDigit(id[^1]))
            {
                return id;
            }
        }
    }

    private static Dictionary<string, string> Row(string name, string id) => new()
    {
        ["姓名"] = name,
        ["证件号码"] = id,
        ["民族"] = "汉族",
        ["户籍性质"] = "农村",
        ["户籍所在县区代码"] = "440305 深圳市南山区",
        ["专业"] = "数控加工",
        ["培养层次"] = "中级工",
        ["入学前学历"] = "初中",
        ["学制"] = "3",
        ["是否全日制"] = "是",
        ["招生年份"] = "2026",
        ["招生季"] = "秋季",
        ["入学日期"] = "2026-09-01",
        ["班级"] = "2026级数控3班",
    };

    [Fact]
    public async Task Template_Download_HasTheThreeSheetsTextIdColumnListsAndExampleRow()
    {
        using var client = await app.ClientFor($"school-{School}");
        var bytes = await TemplateAsync(client);
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        var sheets = TemplateFiller.Load(zip, "xl/workbook.xml").Root!.Element(M + "sheets")!.Elements(M + "sheet").ToList();
        Assert.Equal(["新生信息", "填写说明", "下拉选项"], sheets.Select(s => s.Attribute("name")!.Value));
        Assert.Equal("hidden", sheets[2].Attribute("state")?.Value);

        var sheet = TemplateFiller.Load(zip, "xl/worksheets/sheet1.xml").Root!;
        var xfs = TemplateFiller.Load(zip, "xl/styles.xml").Root!.Element(M + "cellXfs")!.Elements(M + "xf").ToList();
        var idCol = sheet.Element(M + "cols")!.Elements(M + "col").Single(c => c.Attribute("min")!.Value == "3"); // C: 证件号码
        Assert.Equal("49", xfs[int.Parse(idCol.Attribute("style")!.Value, System.Globalization.CultureInfo.InvariantCulture)].Attribute("numFmtId")!.Value);
        Assert.True(sheet.Element(M + "dataValidations")!.Elements().Count(v => v.Attribute("type")!.Value == "list") >= 12);
        Assert.Equal(2, sheet.Element(M + "sheetData")!.Elements(M + "row").Count()); // header and the example
    }

    [Fact]
    public async Task Import_TemplateWithIdCellsStoredAsNumbers_422OneErrorPerRowWithNameAndRow_NothingWritten()
    {
        using var client = await app.ClientFor($"school-{School}");
        var before = await Api.CountStudentsAsync(client, School);
        var file = TemplateFiller.Fill(await TemplateAsync(client), [Row("数值甲", DigitsOnlyId()), Row("数值乙", DigitsOnlyId())], keepExample: false, asNumbers: new HashSet<string> { "证件号码" });

        using var response = await client.PostAsync(Import, Api.FileContent(file, "新生.xlsx", XlsxType));
        var report = await Api.ReadJson(response, HttpStatusCode.UnprocessableEntity);

        var errors = report.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(2, errors.Count);
        Assert.Equal((2, "数值甲", "证件号码", IdAsNumber), Parts(errors[0]));
        Assert.Equal((3, "数值乙", "证件号码", IdAsNumber), Parts(errors[1]));
        Assert.Equal(0, report.GetProperty("imported").GetInt32());
        Assert.Equal(before, await Api.CountStudentsAsync(client, School));
    }

    [Fact]
    public async Task Import_CsvWithIdInScientificNotation_422OnlyThatErrorForTheRow()
    {
        using var client = await app.ClientFor($"school-{School}");
        var before = await Api.CountStudentsAsync(client, School);
        var good = Api.CsvRow(IdNumbers.Next(), "科学甲");
        var bad = Api.CsvRow("4.40305E+17", "科学乙");
        using var response = await client.PostAsync(Import, Api.CsvFile(Api.Csv([good, bad])));
        var report = await Api.ReadJson(response, HttpStatusCode.UnprocessableEntity);

        var error = Assert.Single(report.GetProperty("errors").EnumerateArray().ToList());
        Assert.Equal((3, "科学乙", "证件号码", IdAsNumber), Parts(error));
        Assert.Equal(before, await Api.CountStudentsAsync(client, School));
    }

    [Fact]
    public async Task Import_TemplateWithExampleRowLeftIn_200TheExampleSkipped()
    {
        using var client = await app.ClientFor($"school-{School}");
        var before = await Api.CountStudentsAsync(client, School);
        var file = TemplateFiller.Fill(await TemplateAsync(client), [Row("示例后乙", IdNumbers.Next())], keepExample: true);

        using var response = await client.PostAsync(Import, Api.FileContent(file, "新生.xlsx", XlsxType));
        var report = await Api.ReadJson(response, HttpStatusCode.OK);

        Assert.Equal(1, report.GetProperty("imported").GetInt32());
        Assert.Equal(1, report.GetProperty("totalRows").GetInt32());
        Assert.Equal(1, report.GetProperty("exampleRowsSkipped").GetInt32());
        Assert.Equal(before + 1, await Api.CountStudentsAsync(client, School));
    }

    [Fact]
    public async Task Import_TemplateWithOnlyTheExampleRow_422SaysSoAndWritesNothing()
    {
        using var client = await app.ClientFor($"school-{School}");
        var before = await Api.CountStudentsAsync(client, School);
        using var response = await client.PostAsync(Import, Api.FileContent(await TemplateAsync(client), "新生导入模板.xlsx", XlsxType));
        var report = await Api.ReadJson(response, HttpStatusCode.UnprocessableEntity);

        Assert.Contains("只有模板的示例行", Assert.Single(report.GetProperty("fileErrors").EnumerateArray().ToList()).GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await Api.CountStudentsAsync(client, School));
    }

    [Fact]
    public async Task Import_CountyCodeWithAnotherCountysName_422NamingTheColumnAndTheRightCounty()
    {
        using var client = await app.ClientFor($"school-{School}");
        var before = await Api.CountStudentsAsync(client, School);
        var row = Row("县名乙", IdNumbers.Next());
        row["户籍所在县区代码"] = "440305 广州市荔湾区";
        var file = TemplateFiller.Fill(await TemplateAsync(client), [row], keepExample: false);

        using var response = await client.PostAsync(Import, Api.FileContent(file, "新生.xlsx", XlsxType));
        var report = await Api.ReadJson(response, HttpStatusCode.UnprocessableEntity);

        var error = Assert.Single(report.GetProperty("errors").EnumerateArray().ToList());
        Assert.Equal((2, "县名乙", "户籍所在县区代码"), (Parts(error).Row, Parts(error).Name, Parts(error).Column));
        Assert.Contains("深圳市南山区", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await Api.CountStudentsAsync(client, School));
    }

    private static (int Row, string? Name, string? Column, string? Message) Parts(JsonElement e) =>
        (e.GetProperty("row").GetInt32(), e.GetProperty("name").GetString(), e.GetProperty("column").GetString(), e.GetProperty("message").GetString());
}
