using System.Globalization;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Identity;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Students.Features;

/// <summary>
/// One column of the new-student template: its header (the importer's key), the JSON field of <see cref="StudentInput"/>
/// it fills, whether it is required, what the 填写说明 sheet says about it, and the example row's value. A column with
/// <see cref="Choices"/> gets a drop-down list; a <see cref="Text"/> column is formatted as text so that Excel keeps codes
/// as typed.
/// </summary>
public sealed record ImportColumn(string Header, string Field, bool Required, string Format, string Example, string Source)
{
    public IReadOnlyList<string>? Choices { get; init; }

    /// <summary>Number format "@": ID numbers, codes, phones and dates stay exactly as typed.</summary>
    public bool Text { get; init; }

    /// <summary>False: a value outside the list only draws a warning in Excel (a county may be typed as its bare code).</summary>
    public bool StrictChoices { get; init; } = true;

    /// <summary>A whole number between these (学制).</summary>
    public (int Min, int Max)? WholeNumber { get; init; }

    public double Width { get; init; } = 12;
}

/// <summary>
/// The new-student template (issue 13, item 5): sheet 1 「新生信息」 with the header row, text-formatted code columns, a
/// drop-down list on every coded column and one grey example row; sheet 2 「填写说明」 explaining each column; a hidden
/// sheet holding the lists. The column definitions here are the importer's header map (<see cref="ImportStudents"/>), so
/// the template and the import cannot disagree.
/// </summary>
public static class ImportTemplate
{
    public const string DataSheet = "新生信息";
    public const string HelpSheet = "填写说明";
    public const string ListSheet = "下拉选项";

    /// <summary>The example row's name ends with this; the importer skips such a row if the clerk leaves it in.</summary>
    public const string ExampleMarker = "（示例，导入前请删除）";

    /// <summary>Rows that carry the drop-downs and formats below the header (the importer's row limit).</summary>
    public const int DataRows = TabularFile.MaxRows;

    private static readonly string[] YesNo = ["是", "否"];

    public static readonly IReadOnlyList<ImportColumn> Columns =
    [
        new("姓名", "name", true, "与身份证件一致；只能包含汉字、字母、间隔号“·”和空格", "张三" + ExampleMarker, "学生身份证件、户口簿") { Width = 26 },
        new("证件类型", "documentType", false, "不填为居民身份证", "居民身份证", "学生身份证件")
        {
            Choices = Enum.GetValues<IdDocumentType>().Select(t => t.ToChinese()).ToList(), Width = 16,
        },
        new("证件号码", "idNumber", true, "18 位身份证号码（末位可为 X）。本列已设为文本格式，请勿改为“常规”或“数值”，否则 Excel 会把号码存成数字并丢失末几位；从其他表格复制时请用“选择性粘贴 → 值”",
            "440103201009011230", "学生身份证、户口簿") { Text = true, Width = 22 },
        new("出生日期", "birthDate", false, "yyyy-MM-dd，如 2010-09-01；居民身份证可不填（按号码自动计算），填写时须与号码一致", "", "学生身份证件") { Text = true, Width = 13 },
        new("性别", "sex", false, "居民身份证可不填（按号码自动计算），填写时须与号码一致", "", "学生身份证件")
        {
            Choices = Enum.GetValues<Sex>().Select(s => s.ToChinese()).ToList(), Width = 8,
        },
        new("民族", "ethnicity", true, "国家标准民族名称（GB/T 3304），如“汉族”", "汉族", "户口簿、身份证") { Choices = StudentText.Ethnicities, Width = 12 },
        new("户籍性质", "household", true, "农村 / 县镇 / 城市。县镇：县城和建制镇的城镇户籍（免学费按农村，国家助学金特定地区政策不含县城）", "农村", "户口簿“户别”及户籍地址")
        {
            Choices = Enum.GetValues<Household>().OrderBy(h => h == Household.Urban ? 3 : h == Household.CountyTown ? 2 : 1).Select(h => h.ToChinese()).ToList(), Width = 10,
        },
        new("户籍所在县区代码", "householdCountyCode", true, "从下拉列表选择“代码 名称”，或直接填写 6 位县级行政区划代码（GB/T 2260），如 440305", CountyLabel("440103") ?? "440103", "户口簿上的户籍地址（所在县、县级市或区）")
        {
            Choices = CountyLabels(), StrictChoices = false, Text = true, Width = 26,
        },
        new("专业", "major", true, "从下拉列表选择专业目录中的专业（“代码 名称”），也可只填专业代码或目录中的专业名称；涉农、表演艺术类由目录决定", "数控加工", "技工院校专业目录；本校专业设置、招生计划") { Width = 16 },
        new("是否涉农专业", "majorIsAgricultural", false, "是 / 否，不填为否", "否", "本校专业设置") { Choices = YesNo, Width = 10 },
        new("培养层次", "trainingLevel", true, "中级工 / 高级工 / 预备技师", "中级工", "录取名册、招生计划")
        {
            Choices = Enum.GetValues<TrainingLevel>().Select(t => t.ToChinese()).ToList(), Width = 10,
        },
        new("入学前学历", "entryEducation", true, "初中 / 高中（高中及以上填高中）", "初中", "学生的毕业证书")
        {
            Choices = Enum.GetValues<EntryEducation>().Select(e => e.ToChinese()).ToList(), Width = 10,
        },
        new("学制", "schoolingYears", true, "1–6 的整数（年）", "3", "招生计划") { WholeNumber = (1, 6), Width = 8 },
        new("是否全日制", "isFullTime", true, "是 / 否", "是", "录取名册") { Choices = YesNo, Width = 10 },
        new("招生年份", "intakeYear", true, "四位年份，如 2026", "", "录取名册") { Width = 10 },
        new("招生季", "intakeSeason", true, "春季 / 秋季", "秋季", "录取名册")
        {
            Choices = Enum.GetValues<IntakeSeason>().Select(s => s.ToChinese()).ToList(), Width = 8,
        },
        new("入学日期", "enrolmentDate", true, "yyyy-MM-dd，须在招生季内（春季 1–6 月，秋季 7–12 月），不晚于今天", "", "报到登记") { Text = true, Width = 13 },
        new("班级", "className", true, "本校班级名称，如“2026级数控1班”", "", "本校分班名单") { Width = 18 },
        new("联系电话", "phone", false, "11 位手机号或带区号的固定电话（如 020-12345678）", "13800138000", "学生或家长提供") { Text = true, Width = 15 },
        new("监护人姓名", "guardianName", false, "只能包含汉字、字母、间隔号“·”和空格", "张大山", "户口簿、家长提供") { Width = 12 },
        new("监护人电话", "guardianPhone", false, "11 位手机号或带区号的固定电话", "", "家长提供") { Text = true, Width = 15 },
        new("纸质档案已建立", "paperFileMade", false, "是 / 否，不填为否", "否", "本校学籍档案室") { Choices = YesNo, Width = 12 },
        new("表演艺术类专业", "majorArts", false, "否 / 艺术类表演专业 / 戏曲表演专业，不填为否（艺术类表演专业不享受免学费，戏曲表演专业除外）", "否", "本校专业设置")
        {
            Choices = Enum.GetValues<MajorArts>().Select(a => a.ToChinese()).ToList(), Width = 16,
        },
    ];

    /// <summary>“440103 广州市荔湾区”: the county's code and its full name (the province for a municipality's districts).</summary>
    public static string? CountyLabel(string code)
    {
        if (Divisions.CountyName(code) is not { } county)
        {
            return null;
        }

        var city = Divisions.Cities.FirstOrDefault(c => c.Code == code[..4]);
        var parent = city is null || city.Name is "市辖区" or "县" || city.Name.EndsWith("直辖县级行政区划", StringComparison.Ordinal)
            ? Divisions.ProvinceName(code[..2]) ?? ""
            : city.Name;
        return $"{code} {parent}{county}";
    }

    private static List<string> CountyLabels() =>
        Divisions.Provinces.SelectMany(p => Divisions.CountiesOfProvince(p.Code)).Select(c => c.Code).Order(StringComparer.Ordinal).Select(c => CountyLabel(c)!).ToList();

    /// <summary>True for the template's example row, which the importer skips.</summary>
    public static bool IsExampleRow(SheetRow row) =>
        row.Cells.TryGetValue("姓名", out var name) && name is not null && name.Trim().EndsWith(ExampleMarker, StringComparison.Ordinal);

    /// <summary>
    /// The template. <paramref name="choices"/> adds or replaces a column's drop-down by field name, e.g. the majors of the
    /// major catalogue: <c>new Dictionary&lt;string, IReadOnlyList&lt;string&gt;&gt; { ["major"] = majors }</c>.
    /// </summary>
    public static byte[] Build(DateOnly today, IReadOnlyDictionary<string, IReadOnlyList<string>>? choices = null)
    {
        var columns = Columns.Select(c => choices?.TryGetValue(c.Field, out var list) == true ? c with { Choices = list } : c).ToList();
        var data = new XlsxSheet(DataSheet) { FrozenRows = 1 };
        var lists = new XlsxSheet(ListSheet) { Hidden = true };
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var header = new List<XlsxCell>();
        var example = new List<XlsxCell>();
        var listColumns = new List<(string Header, IReadOnlyList<string> Values)>();
        for (var i = 0; i < columns.Count; i++)
        {
            var c = columns[i];
            data.Columns.Add(new XlsxColumn(c.Width, c.Text ? XlsxStyle.Text : XlsxStyle.Default));
            header.Add(new XlsxCell(c.Required ? c.Header + "*" : c.Header, c.Required ? XlsxStyle.RequiredHeader : XlsxStyle.Header));
            example.Add(new XlsxCell(ExampleValue(c, today), c.Text ? XlsxStyle.ExampleText : XlsxStyle.Example));
            var range = string.Create(CultureInfo.InvariantCulture, $"{XlsxWorkbook.ColumnName(i)}2:{XlsxWorkbook.ColumnName(i)}{DataRows + 1}");
            if (c.Choices is { Count: > 0 } values)
            {
                var listName = "选项_" + c.Header;
                names[listName] = XlsxWorkbook.SheetRange(ListSheet, listColumns.Count, 2, values.Count + 1);
                listColumns.Add((c.Header, values));
                data.Validations.Add(new XlsxValidation(range, "list", listName)
                {
                    Strict = c.StrictChoices,
                    PromptTitle = Shorten(c.Header, 32),
                    Prompt = Shorten(c.StrictChoices ? "请从下拉列表中选择" : c.Format, 250),
                    ErrorTitle = Shorten(c.Header, 32),
                    Error = Shorten(c.StrictChoices ? $"请从下拉列表中选择{c.Header}（见“{HelpSheet}”）" : $"不在列表中：{c.Format}", 250),
                });
            }
            else if (c.WholeNumber is { } bounds)
            {
                data.Validations.Add(new XlsxValidation(range, "whole", bounds.Min.ToString(CultureInfo.InvariantCulture), bounds.Max.ToString(CultureInfo.InvariantCulture))
                {
                    ErrorTitle = c.Header,
                    Error = $"{c.Header}应为 {bounds.Min}–{bounds.Max} 的整数",
                });
            }
        }

        data.Rows.Add(header);
        data.Rows.Add(example);

        for (var i = 0; i < listColumns.Count; i++)
        {
            lists.Columns.Add(new XlsxColumn(listColumns[i].Values.Max(v => v.Length) + 4.0));
        }

        var longest = listColumns.Count == 0 ? 0 : listColumns.Max(l => l.Values.Count);
        lists.Rows.Add(listColumns.Select(l => new XlsxCell(l.Header, XlsxStyle.Header)).ToList());
        for (var r = 0; r < longest; r++)
        {
            lists.Rows.Add(listColumns.Select(l => new XlsxCell(r < l.Values.Count ? l.Values[r] : null)).ToList());
        }

        return XlsxWorkbook.Write([data, Help(columns), lists], names);
    }

    private static string? ExampleValue(ImportColumn c, DateOnly today) => c.Field switch
    {
        "intakeYear" => today.Year.ToString(CultureInfo.InvariantCulture),
        "enrolmentDate" => $"{today.Year:D4}-09-01",
        "className" => $"{today.Year}级数控1班",
        _ => c.Example.Length == 0 ? null : c.Example,
    };

    private static XlsxSheet Help(IReadOnlyList<ImportColumn> columns)
    {
        var help = new XlsxSheet(HelpSheet) { FrozenRows = 3 };
        help.Columns.Add(new XlsxColumn(18));
        help.Columns.Add(new XlsxColumn(8));
        help.Columns.Add(new XlsxColumn(60));
        help.Columns.Add(new XlsxColumn(40));
        help.Columns.Add(new XlsxColumn(26));
        help.Rows.Add([new XlsxCell("新生导入模板填写说明", XlsxStyle.Title)]);
        help.Rows.Add([new XlsxCell(
            $"在“{DataSheet}”表第 2 行起每行填一名学生，表头不要改动。带 * 的列必填。第 2 行灰色的是示例（姓名以“{ExampleMarker}”结尾），导入前请删除；未删除的示例行导入时会被跳过。一个文件最多 {TabularFile.MaxRows:N0} 行、10 MB。",
            XlsxStyle.Wrap)]);
        help.Merges.Add("A2:E2");
        help.Heights[2] = 48;
        help.Rows.Add([new("列名", XlsxStyle.Header), new("是否必填", XlsxStyle.Header), new("格式与要求", XlsxStyle.Header), new("可选值", XlsxStyle.Header), new("从哪里找", XlsxStyle.Header)]);
        foreach (var c in columns)
        {
            var allowed = c.Choices switch
            {
                null => c.WholeNumber is { } b ? $"{b.Min}–{b.Max}" : "（自由填写）",
                { Count: > 60 } list => $"单元格下拉列表中的 {list.Count:N0} 项（可输入代码查找）",
                var list => string.Join("、", list),
            };
            help.Rows.Add(
            [
                new XlsxCell(c.Header, XlsxStyle.Wrap),
                new XlsxCell(c.Required ? "必填" : "选填", XlsxStyle.Wrap),
                new XlsxCell(c.Format, XlsxStyle.Wrap),
                new XlsxCell(allowed, XlsxStyle.Wrap),
                new XlsxCell(c.Source, XlsxStyle.Wrap),
            ]);
        }

        return help;
    }

    private static string Shorten(string s, int max) => s.Length > max ? s[..(max - 1)] + "…" : s;
}
