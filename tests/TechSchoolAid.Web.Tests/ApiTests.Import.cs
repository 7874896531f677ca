using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Accounts.Features;
using TechSchoolAid.Modules.Organizations.Domain;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Modules.Students.Features;

namespace TechSchoolAid.Web.Tests;

public sealed partial class ApiTests
{
    // ---------------------------------------------------------------- import

    [Fact]
    public async Task Import_Utf8Csv_Returns200WithImportedCount()
    {
        using var client = await app.ClientFor("school-44010010");
        var before = await Api.CountStudentsAsync(client, "44010010");
        var csv = Api.Csv([Api.CsvRow(IdNumbers.Next(), "赵一"), Api.CsvRow(IdNumbers.Next(), "赵二"), Api.CsvRow(IdNumbers.Next(), "赵三")]);
        using var response = await client.PostAsync("/api/v1/schools/44010010/students/import", Api.CsvFile(csv));
        var report = await Api.ReadJson(response, HttpStatusCode.OK);
        Assert.True(report.GetProperty("accepted").GetBoolean());
        Assert.Equal(3, report.GetProperty("imported").GetInt32());
        Assert.Equal(3, report.GetProperty("totalRows").GetInt32());
        Assert.Equal(before + 3, await Api.CountStudentsAsync(client, "44010010"));
    }

    [Fact]
    public async Task Import_GbkCsv_Returns200WithImportedCountAndReadableNames()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        using var client = await app.ClientFor("school-44010010");
        var csv = Api.Csv([Api.CsvRow(IdNumbers.Next(), "钱国强"), Api.CsvRow(IdNumbers.Next(), "钱丽华")]);
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(csv);
        using var response = await client.PostAsync("/api/v1/schools/44010010/students/import", Api.FileContent(bytes, "新生-gbk.csv"));
        var report = await Api.ReadJson(response, HttpStatusCode.OK);
        Assert.Equal(2, report.GetProperty("imported").GetInt32());

        using var list = await client.GetAsync("/api/v1/schools/44010010/students?search=" + Uri.EscapeDataString("钱国强"));
        var found = await Api.ReadJson(list, HttpStatusCode.OK);
        Assert.Equal("钱国强", Assert.Single(found.GetProperty("items").EnumerateArray().ToList()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Import_SameFileTwice_SecondImportsNothingAndReportsUnchanged()
    {
        using var client = await app.ClientFor("school-44010010");
        var csv = Api.Csv([Api.CsvRow(IdNumbers.Next(), "孙甲"), Api.CsvRow(IdNumbers.Next(), "孙乙")]);
        using (var first = await client.PostAsync("/api/v1/schools/44010010/students/import", Api.CsvFile(csv)))
        {
            Assert.Equal(2, (await Api.ReadJson(first, HttpStatusCode.OK)).GetProperty("imported").GetInt32());
        }

        var count = await Api.CountStudentsAsync(client, "44010010");
        using var second = await client.PostAsync("/api/v1/schools/44010010/students/import", Api.CsvFile(csv));
        var report = await Api.ReadJson(second, HttpStatusCode.OK);
        Assert.True(report.GetProperty("accepted").GetBoolean());
        Assert.Equal(0, report.GetProperty("imported").GetInt32());
        Assert.Equal(2, report.GetProperty("unchanged").GetInt32());
        Assert.Equal(count, await Api.CountStudentsAsync(client, "44010010"));
    }

    [Fact]
    public async Task Import_OneBadRow_Returns422NamingRowAndColumnAndWritesNothing()
    {
        using var client = await app.ClientFor("school-44010010");
        var before = await Api.CountStudentsAsync(client, "44010010");
        var csv = Api.Csv([Api.CsvRow(IdNumbers.Next(), "周一"), Api.CsvRow(IdNumbers.WithWrongCheckChar(IdNumbers.Next()), "周二"), Api.CsvRow(IdNumbers.Next(), "周三")]);
        using var response = await client.PostAsync("/api/v1/schools/44010010/students/import", Api.CsvFile(csv));
        var report = await Api.ReadJson(response, HttpStatusCode.UnprocessableEntity);
        Assert.False(report.GetProperty("accepted").GetBoolean());
        Assert.Equal(0, report.GetProperty("imported").GetInt32());
        var errors = report.GetProperty("errors").EnumerateArray().ToList();
        // Header is row 1, so the second data row is row 3. (Birth date and sex, left blank to be read from the ID
        // number, are reported missing on that row too; every error is on that row.)
        Assert.All(errors, e => Assert.Equal(3, e.GetProperty("row").GetInt32()));
        var idError = Assert.Single(errors, e => e.GetProperty("column").GetString() == "证件号码");
        Assert.Contains("校验位", idError.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await Api.CountStudentsAsync(client, "44010010"));
    }

    [Fact]
    public async Task Import_SamePersonTwiceInFile_Returns422AndWritesNothing()
    {
        using var client = await app.ClientFor("school-44010010");
        var before = await Api.CountStudentsAsync(client, "44010010");
        var id = IdNumbers.Next();
        var csv = Api.Csv([Api.CsvRow(id, "吴一"), Api.CsvRow(IdNumbers.Next(), "吴二"), Api.CsvRow(id, "吴一")]);
        using var response = await client.PostAsync("/api/v1/schools/44010010/students/import", Api.CsvFile(csv));
        var report = await Api.ReadJson(response, HttpStatusCode.UnprocessableEntity);
        var error = Assert.Single(report.GetProperty("errors").EnumerateArray().ToList());
        Assert.Equal(4, error.GetProperty("row").GetInt32());
        Assert.Equal("证件号码", error.GetProperty("column").GetString());
        Assert.Contains("第 2 行", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await Api.CountStudentsAsync(client, "44010010"));
    }

    [Fact]
    public async Task Import_EmptyFile_Returns400()
    {
        using var client = await app.ClientFor("school-44010010");
        using var response = await client.PostAsync("/api/v1/schools/44010010/students/import", Api.FileContent([], "新生.csv"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Import_WrongAndMissingColumns_Returns422WithFileErrors()
    {
        using var client = await app.ClientFor("school-44010010");
        var row = new Dictionary<string, string> { ["姓名"] = "郑一", ["证件号码"] = IdNumbers.Next(), ["学号"] = "001" };
        using var response = await client.PostAsync("/api/v1/schools/44010010/students/import", Api.CsvFile(Api.Csv([row], ["姓名", "证件号码", "学号"])));
        var report = await Api.ReadJson(response, HttpStatusCode.UnprocessableEntity);
        var fileErrors = report.GetProperty("fileErrors").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(fileErrors, e => e.Contains("缺少必填列", StringComparison.Ordinal) && e.Contains("民族", StringComparison.Ordinal));
        Assert.Contains(fileErrors, e => e.Contains("学号", StringComparison.Ordinal));
        Assert.Equal(0, report.GetProperty("imported").GetInt32());
    }

    [Fact]
    public async Task Import_NonExcelFileNamedXlsx_Returns400()
    {
        using var client = await app.ClientFor("school-44010010");
        var csv = Api.Csv([Api.CsvRow(IdNumbers.Next())]);
        using var response = await client.PostAsync("/api/v1/schools/44010010/students/import",
            Api.FileContent(Encoding.UTF8.GetBytes(csv), "新生.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        var json = await Api.ReadJson(response, HttpStatusCode.BadRequest);
        Assert.True(json.GetProperty("errors").TryGetProperty("file", out _));
    }

    [Fact]
    public async Task Import_FileOver10MB_Returns413()
    {
        using var client = await app.ClientFor("school-44010010");
        var bytes = new byte[(10 * 1024 * 1024) + 1];
        Array.Fill(bytes, (byte)'a');
        using var response = await client.PostAsync("/api/v1/schools/44010010/students/import", Api.FileContent(bytes, "大文件.csv"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
