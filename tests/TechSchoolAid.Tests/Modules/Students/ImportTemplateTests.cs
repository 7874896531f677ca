using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Features;
using TechSchoolAid.Tests.Support;
using TechSchoolAid.TestSupport;

namespace TechSchoolAid.Tests.Modules.Students;

/// <summary>
/// Issue 13, item 5: the template opened as Excel would open it (the package's XML), and the importer's answers to what
/// clerks do with it (an ID stored as a number, the example row left in, a county picked from the list).
/// </summary>
public sealed class ImportTemplateTests
{
    private const string CitySchool = "44010004";
    private static readonly XNamespace M = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly DateOnly Today = new(2026, 10, 8);

    static ImportTemplateTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The opened workbook: sheets by name (with their hidden state), shared strings, styles' number formats, defined names.</summary>
    private sealed class Opened
    {
        public required Dictionary<string, (XDocument Xml, bool Hidden)> Sheets { get; init; }

        public required List<string> SheetOrder { get; init; }

        public required List<string> Strings { get; init; }

        public required List<int> NumFmtOfStyle { get; init; }

        public required List<int> FontOfStyle { get; init; }

        public required List<XElement> Fonts { get; init; }

        public required Dictionary<string, string> Names { get; init; }

        public string? Text(XElement cell) => cell.Attribute("t")?.Value switch
        {
            "s" => Strings[int.Parse(cell.Element(M + "v")!.Value, CultureInfo.InvariantCulture)],
            "inlineStr" => string.Concat(cell.Descendants(M + "t").Select(t => t.Value)),
            _ => cell.Element(M + "v")?.Value,
        };

        /// <summary>Row number → column letters → cell.</summary>
        public Dictionary<int, Dictionary<string, XElement>> Cells(string sheet) =>
            Sheets[sheet].Xml.Root!.Element(M + "sheetData")!.Elements(M + "row").ToDictionary(
                r => int.Parse(r.Attribute("r")!.Value, CultureInfo.InvariantCulture),
                r => r.Elements(M + "c").ToDictionary(c => Letters(c.Attribute("r")!.Value)));

        /// <summary>The values of a range such as '下拉选项'!$B$2:$B$5.</summary>
        public List<string?> Range(string reference)
        {
            var bang = reference.LastIndexOf('!');
            var sheet = reference[..bang].Trim('\'');
            var parts = reference[(bang + 1)..].Replace("$", "", StringComparison.Ordinal).Split(':');
            var column = Letters(parts[0]);
            var first = int.Parse(parts[0][column.Length..], CultureInfo.InvariantCulture);
            var last = int.Parse(parts[1][column.Length..], CultureInfo.InvariantCulture);
            var cells = Cells(sheet);
            return Enumerable.Range(first, last - first + 1).Select(r => cells.TryGetValue(r, out var row) && row.TryGetValue(column, out var c) ? Text(c) : null).ToList();
        }
    }

    private static string Letters(string reference) => new(reference.TakeWhile(char.IsLetter).ToArray());

    private static Opened Open(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        var workbook = TemplateFiller.Load(zip, "xl/workbook.xml");
        var rels = TemplateFiller.Load(zip, "xl/_rels/workbook.xml.rels").Root!.Elements().ToDictionary(e => e.Attribute("Id")!.Value, e => e.Attribute("Target")!.Value);
        var sheets = new Dictionary<string, (XDocument, bool)>();
        var order = new List<string>();
        foreach (var s in workbook.Root!.Element(M + "sheets")!.Elements(M + "sheet"))
        {
            var name = s.Attribute("name")!.Value;
            order.Add(name);
            sheets[name] = (TemplateFiller.Load(zip, "xl/" + rels[s.Attribute(R + "id")!.Value]), s.Attribute("state")?.Value == "hidden");
        }

        var styles = TemplateFiller.Load(zip, "xl/styles.xml").Root!;
        var xfs = styles.Element(M + "cellXfs")!.Elements(M + "xf").ToList();
        return new Opened
        {
            Sheets = sheets,
            SheetOrder = order,
            Strings = TemplateFiller.Load(zip, "xl/sharedStrings.xml").Root!.Elements(M + "si").Select(si => string.Concat(si.Descendants(M + "t").Select(t => t.Value))).ToList(),
            NumFmtOfStyle = xfs.Select(x => int.Parse(x.Attribute("numFmtId")!.Value, CultureInfo.InvariantCulture)).ToList(),
            FontOfStyle = xfs.Select(x => int.Parse(x.Attribute("fontId")!.Value, CultureInfo.InvariantCulture)).ToList(),
            Fonts = styles.Element(M + "fonts")!.Elements(M + "font").ToList(),
            Names = workbook.Root.Element(M + "definedNames")?.Elements(M + "definedName").ToDictionary(d => d.Attribute("name")!.Value, d => d.Value) ?? [],
        };
    }

    /// <summary>Header text (without the required mark) → column letters of sheet 1.</summary>
    private static Dictionary<string, string> HeaderColumns(Opened book) =>
        book.Cells(ImportTemplate.DataSheet)[1].ToDictionary(kv => book.Text(kv.Value)!.TrimEnd('*'), kv => kv.Key);

    [Fact]
    public void Template_IdPhoneCountyAndDateColumns_AreFormattedAsTextInTheColumnAndTheExampleCell()
    {
        var book = Open(ImportTemplate.Build(Today));
        Assert.Equal([ImportTemplate.DataSheet, ImportTemplate.HelpSheet, ImportTemplate.ListSheet], book.SheetOrder);
        var columns = HeaderColumns(book);
        var cols = book.Sheets[ImportTemplate.DataSheet].Xml.Root!.Element(M + "cols")!.Elements(M + "col").ToList();
        foreach (var header in new[] { "证件号码", "联系电话", "监护人电话", "户籍所在县区代码", "出生日期", "入学日期" })
        {
            var index = ColumnIndex(columns[header]);
            var col = Assert.Single(cols, c => int.Parse(c.Attribute("min")!.Value, CultureInfo.InvariantCulture) <= index && index <= int.Parse(c.Attribute("max")!.Value, CultureInfo.InvariantCulture));
            var style = int.Parse(col.Attribute("style")?.Value ?? "0", CultureInfo.InvariantCulture);
            Assert.True(book.NumFmtOfStyle[style] == 49, $"{header}: column style {style} has number format {book.NumFmtOfStyle[style]}, not text (49)");
        }

        // The example's ID number is a string in a text-formatted cell: 18 digits, not 4.40103E+17.
        var idCell = book.Cells(ImportTemplate.DataSheet)[2][columns["证件号码"]];
        Assert.Equal("s", idCell.Attribute("t")!.Value);
        Assert.Equal(49, book.NumFmtOfStyle[int.Parse(idCell.Attribute("s")!.Value, CultureInfo.InvariantCulture)]);
        Assert.Matches(@"^\d{17}[\dX]$", book.Text(idCell));

        // A column that is not a code keeps the General format.
        var nameCol = cols[ColumnIndex(columns["姓名"]) - 1];
        Assert.Equal(0, book.NumFmtOfStyle[int.Parse(nameCol.Attribute("style")?.Value ?? "0", CultureInfo.InvariantCulture)]);
    }

    public static TheoryData<string, string[]> CodedColumns => new()
    {
        { "证件类型", ["居民身份证", "港澳台居民居住证", "外国人永久居留身份证", "护照"] },
        { "性别", ["男", "女"] },
        { "户籍性质", ["农村", "县镇", "城市"] },
        { "培养层次", ["中级工", "高级工", "预备技师"] },
        { "入学前学历", ["初中", "高中"] },
        { "是否全日制", ["是", "否"] },
        { "招生季", ["春季", "秋季"] },
        { "纸质档案已建立", ["是", "否"] },
        { "是否涉农专业", ["是", "否"] },
        { "表演艺术类专业", ["否", "艺术类表演专业", "戏曲表演专业"] },
    };

    [Theory]
    [MemberData(nameof(CodedColumns))]
    public void Template_CodedColumn_HasAListValidationWithItsValues_EachAcceptedByTheImporter(string header, string[] expected)
    {
        var book = Open(ImportTemplate.Build(Today));
        Assert.Equal(expected, ListOf(book, header));
        foreach (var value in expected)
        {
            var errors = new List<ImportError>();
            ImportStudents.ToInput(new SheetRow(2, new Dictionary<string, string?> { [header] = value }), errors);
            Assert.Empty(errors);
        }
    }

    [Fact]
    public void Template_EthnicityList_IsTheValidatorsList_AndCountyListIsEveryShippedCountyWithItsName()
    {
        var book = Open(ImportTemplate.Build(Today));
        var ethnicities = ListOf(book, "民族");
        Assert.Equal(StudentText.Ethnicities.Cast<string?>(), ethnicities);
        Assert.Equal(58, ethnicities.Count); // the 56 groups, 其他, 外国血统中国籍人士
        Assert.Equal("汉族", ethnicities[0]);

        var counties = ListOf(book, "户籍所在县区代码");
        var shipped = Divisions.Provinces.SelectMany(p => Divisions.CountiesOfProvince(p.Code)).Count();
        Assert.Equal(shipped, counties.Count);
        Assert.True(shipped > 2800, $"{shipped} counties");
        Assert.Contains("440103 广州市荔湾区", counties);
        Assert.Contains("110101 北京市东城区", counties); // a municipality's district is named with the municipality
        foreach (var label in counties)
        {
            var errors = new List<ImportError>();
            var input = ImportStudents.ToInput(new SheetRow(2, new Dictionary<string, string?> { ["户籍所在县区代码"] = label }), errors);
            Assert.Empty(errors);
            Assert.True(Divisions.IsCounty(input.HouseholdCountyCode!), label);
        }

        // The county list lets a bare code through (a warning, not a stop); the others refuse what is not in the list.
        var validations = Validations(book);
        Assert.Equal("warning", validations[HeaderColumns(book)["户籍所在县区代码"]].Attribute("errorStyle")?.Value);
        Assert.Null(validations[HeaderColumns(book)["民族"]].Attribute("errorStyle"));
    }

    [Fact]
    public void Template_ExampleRowIsGreyAndMarked_HelpSheetExplainsEveryColumn_ListSheetHidden()
    {
        var book = Open(ImportTemplate.Build(Today));
        var columns = HeaderColumns(book);
        Assert.Equal(ImportTemplate.Columns.Select(c => c.Header), columns.Keys);
        var example = book.Cells(ImportTemplate.DataSheet)[2];
        var name = book.Text(example[columns["姓名"]])!;
        Assert.EndsWith("（示例，导入前请删除）", name, StringComparison.Ordinal);
        var font = book.Fonts[book.FontOfStyle[int.Parse(example[columns["姓名"]].Attribute("s")!.Value, CultureInfo.InvariantCulture)]];
        Assert.NotNull(font.Element(M + "i"));
        Assert.Equal("FF808080", font.Element(M + "color")!.Attribute("rgb")!.Value);
        Assert.Equal("2026", book.Text(example[columns["招生年份"]]));

        var help = book.Cells(ImportTemplate.HelpSheet);
        Assert.False(book.Sheets[ImportTemplate.HelpSheet].Hidden);
        Assert.True(book.Sheets[ImportTemplate.ListSheet].Hidden);
        var explained = help.Values.Where(r => r.ContainsKey("A") && r.ContainsKey("C")).ToDictionary(r => book.Text(r["A"])!, r => (Required: book.Text(r["B"]), Format: book.Text(r["C"]), Allowed: book.Text(r["D"]), Source: book.Text(r["E"])));
        foreach (var c in ImportTemplate.Columns)
        {
            Assert.True(explained.TryGetValue(c.Header, out var row), $"{c.Header} is not explained");
            Assert.Equal(c.Required ? "必填" : "选填", row.Required);
            Assert.False(string.IsNullOrWhiteSpace(row.Format));
            Assert.False(string.IsNullOrWhiteSpace(row.Source));
        }

        Assert.Equal("男、女", explained["性别"].Allowed);
        Assert.Contains("文本格式", explained["证件号码"].Format, StringComparison.Ordinal);
    }

    [Fact]
    public void Template_ReadBack_HeadersAreTheImportersAndTheExampleRowIsRecognised()
    {
        var sheet = TabularFile.Read(ImportTemplate.Build(Today), "新生导入模板.xlsx");
        Assert.Equal(ImportStudents.Columns.Select(c => c.Header), sheet.Headers);
        var row = Assert.Single(sheet.Rows);
        Assert.True(ImportTemplate.IsExampleRow(row));
        Assert.Equal("440103201009011230", row.Cells["证件号码"]);
    }

    [Fact]
    public void Template_MajorChoices_AreOneArgument()
    {
        var book = Open(ImportTemplate.Build(Today, new Dictionary<string, IReadOnlyList<string>> { ["major"] = ["数控加工", "汽车维修"] }));
        Assert.Equal(["数控加工", "汽车维修"], ListOf(book, "专业"));
    }

    [Theory]
    [InlineData("4.40103E+17", false)]
    [InlineData("4.40103201009011E+17", false)]
    [InlineData("440103201009011000", false)]
    [InlineData("440103201009011000", true)]
    [InlineData("4401032010090112", true)]
    public void LooksStoredAsNumber_WhatExcelMakesOfAnIdNumber(string text, bool numberCell) =>
        Assert.True(ImportStudents.LooksStoredAsNumber(text, numberCell));

    [Theory]
    [InlineData("440103201009011230")] // valid, check digit 0
    [InlineData("44010320100901123X")]
    [InlineData("440103201009011231")] // a wrong check digit is a typing error, not Excel's
    [InlineData("E12345678")]         // a passport
    public void LooksStoredAsNumber_NotForNumbersExcelLeftAlone(string text) =>
        Assert.False(ImportStudents.LooksStoredAsNumber(text, numberCell: false));

    [Theory]
    [BothDatabases]
    public async Task Import_IdCellsStoredAsNumbers_OneErrorPerRowWithRowAndName_NothingWritten(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var school = await db.ActorOf($"school-{CitySchool}");
        var file = TemplateFiller.Fill(ImportTemplate.Build(Today), [Row("数字甲", DigitsOnlyId()), Row("数字乙", DigitsOnlyId())], keepExample: true, asNumbers: new HashSet<string> { "证件号码" });

        var report = await db.As(school, sp => sp.GetRequiredService<ImportStudents>().HandleAsync(CitySchool, file, "新生.xlsx", default));

        Assert.False(report.Accepted);
        Assert.Equal(2, report.TotalRows);
        Assert.Equal(1, report.ExampleRowsSkipped);
        Assert.Collection(report.Errors,
            e => Assert.Equal((3, "数字甲", "证件号码", ImportStudents.IdStoredAsNumber), (e.Row, e.Name, e.Column, e.Message)),
            e => Assert.Equal((4, "数字乙", "证件号码", ImportStudents.IdStoredAsNumber), (e.Row, e.Name, e.Column, e.Message)));
        var found = await db.As(school, sp => sp.GetRequiredService<StudentQueries>().ListAsync(new StudentFilter { Search = "数字" }, default));
        Assert.Empty(found.Items);
    }

    [Theory]
    [BothDatabases]
    public async Task Import_CsvWithIdInScientificNotationOrZeroedDigits_OneErrorEachAndOtherProblemsStillReported(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var school = await db.ActorOf($"school-{CitySchool}");
        var header = string.Join(",", ImportStudents.Columns.Select(c => c.Header));
        var sci = Line("科学甲", "4.40305E+17");
        var zeroed = Line("零位乙", TestIds.Make()[..15] + "000").Replace(",汉族,", ",火星族,", StringComparison.Ordinal);
        var csv = Encoding.UTF8.GetBytes(string.Join("\r\n", header, sci, zeroed));

        var report = await db.As(school, sp => sp.GetRequiredService<ImportStudents>().HandleAsync(CitySchool, csv, "新生.csv", default));

        Assert.Equal(3, report.Errors.Count);
        Assert.Equal((2, "科学甲", "证件号码"), (report.Errors[0].Row, report.Errors[0].Name, report.Errors[0].Column));
        Assert.Equal(ImportStudents.IdStoredAsNumber, report.Errors[0].Message);
        Assert.Equal((3, "零位乙", "证件号码", ImportStudents.IdStoredAsNumber), (report.Errors[1].Row, report.Errors[1].Name, report.Errors[1].Column, report.Errors[1].Message));
        Assert.Equal((3, "零位乙", "民族"), (report.Errors[2].Row, report.Errors[2].Name, report.Errors[2].Column)); // a real problem of the row stays
        Assert.Equal(0, report.Imported);
    }

    [Theory]
    [BothDatabases]
    public async Task Import_ExampleRowLeftIn_IsSkippedAndTheRestImported(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var school = await db.ActorOf($"school-{CitySchool}");
        var row = Row("示例后甲", TestIds.Make());
        row["户籍所在县区代码"] = "440305 深圳市南山区";
        var file = TemplateFiller.Fill(ImportTemplate.Build(Today), [row], keepExample: true);

        var report = await db.As(school, sp => sp.GetRequiredService<ImportStudents>().HandleAsync(CitySchool, file, "新生.xlsx", default));

        Assert.True(report.Accepted, string.Join("; ", report.Errors.Select(e => $"{e.Row} {e.Column} {e.Message}")));
        Assert.Equal(1, report.Imported);
        Assert.Equal(1, report.TotalRows);
        Assert.Equal(1, report.ExampleRowsSkipped);
        var list = await db.As(school, sp => sp.GetRequiredService<StudentQueries>().ListAsync(new StudentFilter { Search = "示例后甲" }, default));
        Assert.Equal("440305", Assert.Single(list.Items).HouseholdCountyCode);

        var onlyExample = await db.As(school, sp => sp.GetRequiredService<ImportStudents>().HandleAsync(CitySchool, ImportTemplate.Build(Today), "空模板.xlsx", default));
        Assert.False(onlyExample.Accepted);
        Assert.Contains("只有模板的示例行", Assert.Single(onlyExample.FileErrors), StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async Task Import_CountyLabelWithAnotherCountysName_ReportedOnThatColumn(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var school = await db.ActorOf($"school-{CitySchool}");
        var row = Row("县名甲", TestIds.Make());
        row["户籍所在县区代码"] = "440305 广州市荔湾区";
        var file = TemplateFiller.Fill(ImportTemplate.Build(Today), [row], keepExample: false);

        var report = await db.As(school, sp => sp.GetRequiredService<ImportStudents>().HandleAsync(CitySchool, file, "新生.xlsx", default));

        var error = Assert.Single(report.Errors);
        Assert.Equal((2, "县名甲", "户籍所在县区代码"), (error.Row, error.Name, error.Column));
        Assert.Contains("深圳市南山区", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, report.Imported);
    }

    [Theory]
    [BothDatabases]
    public async Task BulkImport_IdInScientificNotation_OneErrorWithNameAndRow(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var dir = Directory.CreateTempSubdirectory("tsa-bulk-number-");
        try
        {
            var header = string.Join(",", ImportStudents.Columns.Select(c => c.Header));
            var path = Path.Combine(dir.FullName, CitySchool + ".csv");
            await File.WriteAllTextAsync(path, string.Join("\r\n", header, Line("批量甲", TestIds.Make()), Line("批量乙", "4.40305E+17")) + "\r\n");
            await using var scope = db.Scope(await db.ActorOf($"school-{CitySchool}"));
            var importer = ActivatorUtilities.CreateInstance<BulkImportStudents>(scope.ServiceProvider);
            var report = await importer.ImportAsync([path], new BulkImportOptions { Landing = BulkLanding.Collected }, null, default);

            var file = Assert.Single(report.Files);
            var error = Assert.Single(file.Errors);
            Assert.Equal((3, "批量乙", "证件号码", ImportStudents.IdStoredAsNumber), (error.Row, error.Name, error.Column, error.Message));
            Assert.Equal(0, file.Imported);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>A valid ID number whose check character is a digit (one ending in X stays text in Excel).</summary>
    private static string DigitsOnlyId()
    {
        while (true)
        {
            var id = TestIds.Make();
            if (char.IsAsciiDigit(id[^1]))
            {
                return id;
            }
        }
    }

    private static Dictionary<string, string> Row(string name, string id) => new()
    {
        ["姓名"] = name,
        ["证件类型"] = "居民身份证",
        ["证件号码"] = id,
        ["民族"] = "汉族",
        ["户籍性质"] = "农村",
        ["户籍所在县区代码"] = "440305",
        ["专业"] = "数控加工",
        ["是否涉农专业"] = "否",
        ["培养层次"] = "中级工",
        ["入学前学历"] = "初中",
        ["学制"] = "3",
        ["是否全日制"] = "是",
        ["招生年份"] = "2026",
        ["招生季"] = "秋季",
        ["入学日期"] = "2026-09-01",
        ["班级"] = "2026级数控1班",
        ["纸质档案已建立"] = "否",
    };

    private static string Line(string name, string id) =>
        $"{name},居民身份证,{id},,,汉族,农村,440305,数控加工,否,中级工,初中,3,是,2026,秋季,2026-09-01,2026级数控1班,13800138000,,,否,否";

    private static List<string?> ListOf(Opened book, string header)
    {
        var validation = Validations(book)[HeaderColumns(book)[header]];
        Assert.Equal("list", validation.Attribute("type")!.Value);
        var formula = validation.Element(M + "formula1")!.Value;
        return book.Range(book.Names.TryGetValue(formula, out var range) ? range : formula);
    }

    /// <summary>Column letters → its data validation, which must cover the data rows from row 2.</summary>
    private static Dictionary<string, XElement> Validations(Opened book) =>
        book.Sheets[ImportTemplate.DataSheet].Xml.Root!.Element(M + "dataValidations")!.Elements(M + "dataValidation").ToDictionary(
            v => Letters(v.Attribute("sqref")!.Value),
            v =>
            {
                Assert.Matches(@"^[A-Z]+2:[A-Z]+\d{5,}$", v.Attribute("sqref")!.Value);
                return v;
            });

    private static int ColumnIndex(string letters) => letters.Aggregate(0, (n, ch) => (n * 26) + (ch - 'A' + 1));
}
