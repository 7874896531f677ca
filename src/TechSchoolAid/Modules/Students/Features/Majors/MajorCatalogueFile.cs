using System.Globalization;
using System.Text.RegularExpressions;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Modules.Students.Features.Majors;

/// <summary>One refused row of an edition file, in Chinese, for the per-row report.</summary>
public sealed record MajorRowProblem(int Row, string Field, string Message)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"第 {Row} 行 {Field}：{Message}");
}

/// <summary>
/// Reads an edition file (.xlsx or CSV; columns 专业代码, 专业名称, 专业类, 涉农, 表演艺术类别) into entries, or into the
/// list of every row's problems. The rule of the flags (ADR 0025): 涉农 is the file's column; a blank 涉农 follows the
/// category (农业类 majors are 涉农); a 农业类 major marked 否 is refused. 表演艺术类别 is 否 (or blank), 艺术类表演 or 戏曲表演.
/// </summary>
public static partial class MajorCatalogueFile
{
    public const string AgriculturalCategory = "农业类";

    private static readonly string[] CodeHeaders = ["专业代码", "代码", "code"];
    private static readonly string[] NameHeaders = ["专业名称", "名称", "name"];
    private static readonly string[] CategoryHeaders = ["专业类", "类别", "category"];
    private static readonly string[] AgriculturalHeaders = ["涉农", "是否涉农", "agricultural"];
    private static readonly string[] ArtsHeaders = ["表演艺术类别", "表演艺术", "arts"];

    public static List<MajorCatalogueEntryInfo> Parse(Sheet sheet, List<MajorRowProblem> problems)
    {
        var code = Column(sheet, CodeHeaders);
        var name = Column(sheet, NameHeaders);
        var category = Column(sheet, CategoryHeaders);
        var agricultural = Column(sheet, AgriculturalHeaders);
        var arts = Column(sheet, ArtsHeaders);
        var missing = new List<string>();
        if (code is null)
        {
            missing.Add("专业代码");
        }

        if (name is null)
        {
            missing.Add("专业名称");
        }

        if (category is null)
        {
            missing.Add("专业类");
        }

        if (missing.Count > 0)
        {
            problems.Add(new MajorRowProblem(1, "表头", $"缺少列：{string.Join("、", missing)}（应有列：专业代码、专业名称、专业类、涉农、表演艺术类别）"));
            return [];
        }

        var entries = new List<MajorCatalogueEntryInfo>();
        var codes = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in sheet.Rows)
        {
            string? Cell(string? header) => header is not null && row.Cells.TryGetValue(header, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
            var c = Cell(code);
            var n = Cell(name);
            var k = Cell(category);
            var a = Cell(agricultural);
            var r = Cell(arts);
            if (c is null && n is null && k is null && a is null && r is null)
            {
                continue;
            }

            var before = problems.Count;
            void Problem(string field, string message) => problems.Add(new MajorRowProblem(row.RowNumber, field, message));

            if (c is null)
            {
                Problem("专业代码", "不能为空");
            }
            else if (!CodePattern().IsMatch(c))
            {
                Problem("专业代码", $"“{Short(c)}”应为 1–{MajorCatalogueEntry.MaxCodeLength} 位字母、数字或连字符");
            }
            else if (codes.TryGetValue(c, out var first))
            {
                Problem("专业代码", string.Create(CultureInfo.InvariantCulture, $"{c} 与第 {first} 行重复"));
            }

            if (n is null)
            {
                Problem("专业名称", "不能为空");
            }
            else if (TextProblem(n, MajorCatalogueEntry.MaxNameLength) is { } np)
            {
                Problem("专业名称", np);
            }
            else if (names.TryGetValue(n, out var firstName))
            {
                Problem("专业名称", string.Create(CultureInfo.InvariantCulture, $"“{n}”与第 {firstName} 行重复"));
            }

            if (k is null)
            {
                Problem("专业类", "不能为空");
            }
            else if (TextProblem(k, MajorCatalogueEntry.MaxCategoryLength) is { } kp)
            {
                Problem("专业类", kp);
            }

            bool? isAgri = a is null ? null : ParseYesNo(a);
            if (a is not null && isAgri is null)
            {
                Problem("涉农", $"“{Short(a)}”应为“是”或“否”");
            }

            var agriCategory = k is not null && k.Contains(AgriculturalCategory, StringComparison.Ordinal);
            if (agriCategory && isAgri == false)
            {
                Problem("涉农", "农业类专业是涉农专业，不能标为“否”");
            }

            var artsKind = ParseArts(r);
            if (artsKind is null)
            {
                Problem("表演艺术类别", $"“{Short(r!)}”应为“否”“艺术类表演”或“戏曲表演”");
            }

            if (problems.Count > before)
            {
                continue;
            }

            codes[c!] = row.RowNumber;
            names[n!] = row.RowNumber;
            entries.Add(new MajorCatalogueEntryInfo(c!, n!, k!, isAgri ?? agriCategory, artsKind!.Value));
        }

        if (entries.Count == 0 && problems.Count == 0)
        {
            problems.Add(new MajorRowProblem(1, "文件", "文件中没有任何专业"));
        }

        return entries;
    }

    public static bool? ParseYesNo(string value) => value.Trim().ToUpperInvariant() switch
    {
        "是" or "Y" or "YES" or "TRUE" or "1" or "涉农" => true,
        "否" or "N" or "NO" or "FALSE" or "0" => false,
        _ => null,
    };

    public static MajorArts? ParseArts(string? value) => value?.Trim() switch
    {
        null or "" or "否" or "无" or "0" => MajorArts.None,
        "艺术类表演" or "艺术类表演专业" or "1" => MajorArts.PerformingArts,
        "戏曲表演" or "戏曲表演专业" or "2" => MajorArts.TraditionalOpera,
        _ => null,
    };

    private static string? TextProblem(string value, int max) =>
        InputGuard.TextProblem(value, max) ?? (FreeTextPattern().IsMatch(value) ? null : "不能以 = + - @ 开头，也不能含有 < >");

    private static string? Column(Sheet sheet, string[] candidates) =>
        sheet.Headers.FirstOrDefault(h => candidates.Contains(h.Trim(), StringComparer.OrdinalIgnoreCase));

    private static string Short(string s) => s.Length > 20 ? s[..20] + "…" : s;

    [GeneratedRegex("^[0-9A-Za-z][0-9A-Za-z-]{0,15}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^[^=+\-@<>\t\r\n][^<>\t\r\n]*$")]
    private static partial Regex FreeTextPattern();
}
