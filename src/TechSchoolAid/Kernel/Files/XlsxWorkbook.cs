using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace TechSchoolAid.Kernel.Files;

/// <summary>The few cell styles a template needs (indexes into the workbook's cellXfs; keep the order).</summary>
public enum XlsxStyle
{
    Default = 0,
    Header = 1,
    RequiredHeader = 2,

    /// <summary>Number format "@": Excel keeps what is typed as text (an ID number stays 18 digits, not 4.4E+17).</summary>
    Text = 3,

    /// <summary>The example row: grey italic.</summary>
    Example = 4,
    ExampleText = 5,
    Wrap = 6,
    Title = 7,
}

public sealed record XlsxColumn(double Width, XlsxStyle Style = XlsxStyle.Default);

/// <summary>A cell: text (stored as a string whatever its content) or a number.</summary>
public sealed record XlsxCell(object? Value, XlsxStyle Style = XlsxStyle.Default);

/// <summary>
/// A data validation on a range: a list (<see cref="Formula1"/> names the range of allowed values) or a whole number
/// between <see cref="Formula1"/> and <see cref="Formula2"/>. <see cref="Strict"/> refuses other values; otherwise Excel
/// warns and lets the clerk keep what was typed.
/// </summary>
public sealed record XlsxValidation(string Range, string Type, string Formula1, string? Formula2 = null)
{
    public bool Strict { get; init; } = true;

    public string? PromptTitle { get; init; }

    public string? Prompt { get; init; }

    public string? ErrorTitle { get; init; }

    public string? Error { get; init; }
}

public sealed class XlsxSheet(string name)
{
    public string Name { get; } = name;

    public bool Hidden { get; init; }

    /// <summary>Rows kept in view while scrolling (the header row).</summary>
    public int FrozenRows { get; init; }

    public List<XlsxColumn> Columns { get; } = [];

    public List<IReadOnlyList<XlsxCell>> Rows { get; } = [];

    public List<XlsxValidation> Validations { get; } = [];

    /// <summary>Merged ranges, e.g. "A2:E2".</summary>
    public List<string> Merges { get; } = [];

    /// <summary>Row heights in points by 1-based row number (Excel does not grow a merged, wrapped row by itself).</summary>
    public Dictionary<int, double> Heights { get; } = [];
}

/// <summary>
/// Writes a small .xlsx (SpreadsheetML) with what MiniExcel cannot write: column number formats, data validations
/// (drop-down lists), hidden sheets and defined names. Built with System.IO.Compression and XmlWriter, no dependency;
/// for templates a clerk fills in, not for large exports (those stay with <see cref="SafeExcel"/>).
/// </summary>
public static class XlsxWorkbook
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRels = "http://schemas.openxmlformats.org/package/2006/relationships";

    /// <summary>The column letters of a 0-based column index (0 → A, 26 → AA).</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26)
        {
            name = (char)('A' + ((i - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>An absolute range in another sheet, quoted for any sheet name: '选项'!$A$2:$A$5.</summary>
    public static string SheetRange(string sheet, int column, int firstRow, int lastRow)
    {
        var c = ColumnName(column);
        return string.Create(CultureInfo.InvariantCulture, $"'{sheet.Replace("'", "''", StringComparison.Ordinal)}'!${c}${firstRow}:${c}${lastRow}");
    }

    public static byte[] Write(IReadOnlyList<XlsxSheet> sheets, IReadOnlyDictionary<string, string>? definedNames = null)
    {
        var strings = new Dictionary<string, int>(StringComparer.Ordinal);
        var stringList = new List<string>();
        int StringIndex(string s)
        {
            if (!strings.TryGetValue(s, out var i))
            {
                strings[s] = i = stringList.Count;
                stringList.Add(s);
            }

            return i;
        }

        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml", w =>
            {
                w.WriteStartElement("Types", "http://schemas.openxmlformats.org/package/2006/content-types");
                Default(w, "rels", "application/vnd.openxmlformats-package.relationships+xml");
                Default(w, "xml", "application/xml");
                Override(w, "/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
                for (var i = 0; i < sheets.Count; i++)
                {
                    Override(w, $"/xl/worksheets/sheet{i + 1}.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
                }

                Override(w, "/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
                Override(w, "/xl/sharedStrings.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml");
                w.WriteEndElement();
            });
            Part(zip, "_rels/.rels", w =>
            {
                w.WriteStartElement("Relationships", PackageRels);
                Relationship(w, "rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "xl/workbook.xml");
                w.WriteEndElement();
            });
            Part(zip, "xl/workbook.xml", w =>
            {
                w.WriteStartElement("workbook", Main);
                w.WriteAttributeString("xmlns", "r", null, RelNs);
                w.WriteStartElement("bookViews", Main);
                w.WriteStartElement("workbookView", Main);
                w.WriteAttributeString("activeTab", "0");
                w.WriteEndElement();
                w.WriteEndElement();
                w.WriteStartElement("sheets", Main);
                for (var i = 0; i < sheets.Count; i++)
                {
                    w.WriteStartElement("sheet", Main);
                    w.WriteAttributeString("name", sheets[i].Name);
                    w.WriteAttributeString("sheetId", (i + 1).ToString(CultureInfo.InvariantCulture));
                    if (sheets[i].Hidden)
                    {
                        w.WriteAttributeString("state", "hidden");
                    }

                    w.WriteAttributeString("id", RelNs, $"rId{i + 1}");
                    w.WriteEndElement();
                }

                w.WriteEndElement();
                if (definedNames is { Count: > 0 })
                {
                    w.WriteStartElement("definedNames", Main);
                    foreach (var (name, refersTo) in definedNames)
                    {
                        w.WriteStartElement("definedName", Main);
                        w.WriteAttributeString("name", name);
                        w.WriteString(refersTo);
                        w.WriteEndElement();
                    }

                    w.WriteEndElement();
                }

                w.WriteEndElement();
            });
            Part(zip, "xl/_rels/workbook.xml.rels", w =>
            {
                w.WriteStartElement("Relationships", PackageRels);
                for (var i = 0; i < sheets.Count; i++)
                {
                    Relationship(w, $"rId{i + 1}", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet", $"worksheets/sheet{i + 1}.xml");
                }

                Relationship(w, $"rId{sheets.Count + 1}", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles", "styles.xml");
                Relationship(w, $"rId{sheets.Count + 2}", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings", "sharedStrings.xml");
                w.WriteEndElement();
            });
            for (var i = 0; i < sheets.Count; i++)
            {
                var sheet = sheets[i];
                Part(zip, $"xl/worksheets/sheet{i + 1}.xml", w => WriteSheet(w, sheet, i == 0, StringIndex));
            }

            Part(zip, "xl/styles.xml", WriteStyles);
            Part(zip, "xl/sharedStrings.xml", w =>
            {
                w.WriteStartElement("sst", Main);
                w.WriteAttributeString("count", stringList.Count.ToString(CultureInfo.InvariantCulture));
                w.WriteAttributeString("uniqueCount", stringList.Count.ToString(CultureInfo.InvariantCulture));
                foreach (var s in stringList)
                {
                    w.WriteStartElement("si", Main);
                    w.WriteStartElement("t", Main);
                    if (s.Length > 0 && (char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[^1]) || s.Contains('\n', StringComparison.Ordinal)))
                    {
                        w.WriteAttributeString("xml", "space", null, "preserve");
                    }

                    w.WriteString(s);
                    w.WriteEndElement();
                    w.WriteEndElement();
                }

                w.WriteEndElement();
            });
        }

        return ms.ToArray();
    }

    private static void WriteSheet(XmlWriter w, XlsxSheet sheet, bool selected, Func<string, int> stringIndex)
    {
        w.WriteStartElement("worksheet", Main);
        w.WriteStartElement("sheetViews", Main);
        w.WriteStartElement("sheetView", Main);
        if (selected)
        {
            w.WriteAttributeString("tabSelected", "1");
        }

        w.WriteAttributeString("workbookViewId", "0");
        if (sheet.FrozenRows > 0)
        {
            var topLeft = "A" + (sheet.FrozenRows + 1).ToString(CultureInfo.InvariantCulture);
            w.WriteStartElement("pane", Main);
            w.WriteAttributeString("ySplit", sheet.FrozenRows.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("topLeftCell", topLeft);
            w.WriteAttributeString("activePane", "bottomLeft");
            w.WriteAttributeString("state", "frozen");
            w.WriteEndElement();
            w.WriteStartElement("selection", Main);
            w.WriteAttributeString("pane", "bottomLeft");
            w.WriteAttributeString("activeCell", topLeft);
            w.WriteAttributeString("sqref", topLeft);
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteStartElement("sheetFormatPr", Main);
        w.WriteAttributeString("defaultRowHeight", "15");
        w.WriteEndElement();
        if (sheet.Columns.Count > 0)
        {
            w.WriteStartElement("cols", Main);
            for (var c = 0; c < sheet.Columns.Count; c++)
            {
                var col = sheet.Columns[c];
                var n = (c + 1).ToString(CultureInfo.InvariantCulture);
                w.WriteStartElement("col", Main);
                w.WriteAttributeString("min", n);
                w.WriteAttributeString("max", n);
                w.WriteAttributeString("width", col.Width.ToString("0.##", CultureInfo.InvariantCulture));
                w.WriteAttributeString("customWidth", "1");
                if (col.Style != XlsxStyle.Default)
                {
                    // The column's style is what Excel gives every cell the clerk types into later.
                    w.WriteAttributeString("style", ((int)col.Style).ToString(CultureInfo.InvariantCulture));
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteStartElement("sheetData", Main);
        for (var r = 0; r < sheet.Rows.Count; r++)
        {
            var rowNumber = (r + 1).ToString(CultureInfo.InvariantCulture);
            w.WriteStartElement("row", Main);
            w.WriteAttributeString("r", rowNumber);
            if (sheet.Heights.TryGetValue(r + 1, out var height))
            {
                w.WriteAttributeString("ht", height.ToString("0.##", CultureInfo.InvariantCulture));
                w.WriteAttributeString("customHeight", "1");
            }

            var cells = sheet.Rows[r];
            for (var c = 0; c < cells.Count; c++)
            {
                var cell = cells[c];
                if (cell.Value is null && cell.Style == XlsxStyle.Default)
                {
                    continue;
                }

                w.WriteStartElement("c", Main);
                w.WriteAttributeString("r", ColumnName(c) + rowNumber);
                if (cell.Style != XlsxStyle.Default)
                {
                    w.WriteAttributeString("s", ((int)cell.Style).ToString(CultureInfo.InvariantCulture));
                }

                switch (cell.Value)
                {
                    case null:
                        break;
                    case string s:
                        w.WriteAttributeString("t", "s");
                        w.WriteElementString("v", Main, stringIndex(s).ToString(CultureInfo.InvariantCulture));
                        break;
                    case IFormattable number:
                        w.WriteElementString("v", Main, number.ToString(null, CultureInfo.InvariantCulture));
                        break;
                    default:
                        w.WriteAttributeString("t", "s");
                        w.WriteElementString("v", Main, stringIndex(cell.Value.ToString() ?? "").ToString(CultureInfo.InvariantCulture));
                        break;
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
        if (sheet.Merges.Count > 0)
        {
            w.WriteStartElement("mergeCells", Main);
            w.WriteAttributeString("count", sheet.Merges.Count.ToString(CultureInfo.InvariantCulture));
            foreach (var range in sheet.Merges)
            {
                w.WriteStartElement("mergeCell", Main);
                w.WriteAttributeString("ref", range);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        if (sheet.Validations.Count > 0)
        {
            w.WriteStartElement("dataValidations", Main);
            w.WriteAttributeString("count", sheet.Validations.Count.ToString(CultureInfo.InvariantCulture));
            foreach (var v in sheet.Validations)
            {
                w.WriteStartElement("dataValidation", Main);
                w.WriteAttributeString("type", v.Type);
                if (!v.Strict)
                {
                    w.WriteAttributeString("errorStyle", "warning");
                }

                if (v.Type != "list")
                {
                    w.WriteAttributeString("operator", "between");
                }

                w.WriteAttributeString("allowBlank", "1");
                w.WriteAttributeString("showInputMessage", v.Prompt is null ? "0" : "1");
                w.WriteAttributeString("showErrorMessage", "1");
                Optional(w, "errorTitle", v.ErrorTitle);
                Optional(w, "error", v.Error);
                Optional(w, "promptTitle", v.PromptTitle);
                Optional(w, "prompt", v.Prompt);
                w.WriteAttributeString("sqref", v.Range);
                w.WriteElementString("formula1", Main, v.Formula1);
                if (v.Formula2 is not null)
                {
                    w.WriteElementString("formula2", Main, v.Formula2);
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteStartElement("pageMargins", Main);
        foreach (var (name, value) in new[] { ("left", "0.7"), ("right", "0.7"), ("top", "0.75"), ("bottom", "0.75"), ("header", "0.3"), ("footer", "0.3") })
        {
            w.WriteAttributeString(name, value);
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Optional(XmlWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteAttributeString(name, value);
        }
    }

    /// <summary>Fonts: 0 normal, 1 bold, 2 grey italic, 3 bold dark red, 4 bold large. Fills: 0 none, 1 gray125 (required), 2 pale blue.</summary>
    private static void WriteStyles(XmlWriter w)
    {
        w.WriteStartElement("styleSheet", Main);
        w.WriteStartElement("fonts", Main);
        w.WriteAttributeString("count", "5");
        Font(w, bold: false, italic: false, color: null, size: "11");
        Font(w, bold: true, italic: false, color: null, size: "11");
        Font(w, bold: false, italic: true, color: "FF808080", size: "11");
        Font(w, bold: true, italic: false, color: "FFC00000", size: "11");
        Font(w, bold: true, italic: false, color: null, size: "14");
        w.WriteEndElement();

        w.WriteStartElement("fills", Main);
        w.WriteAttributeString("count", "3");
        Fill(w, "none", null);
        Fill(w, "gray125", null);
        Fill(w, "solid", "FFDDEBF7");
        w.WriteEndElement();

        w.WriteStartElement("borders", Main);
        w.WriteAttributeString("count", "2");
        w.WriteStartElement("border", Main);
        w.WriteEndElement();
        w.WriteStartElement("border", Main);
        foreach (var side in new[] { "left", "right", "top", "bottom" })
        {
            w.WriteStartElement(side, Main);
            w.WriteAttributeString("style", "thin");
            w.WriteStartElement("color", Main);
            w.WriteAttributeString("rgb", "FFBFBFBF");
            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement("cellStyleXfs", Main);
        w.WriteAttributeString("count", "1");
        Xf(w, 0, 0, 0, 0, wrap: false, center: false, inStyles: true);
        w.WriteEndElement();

        // In the order of XlsxStyle.
        w.WriteStartElement("cellXfs", Main);
        w.WriteAttributeString("count", "8");
        Xf(w, numFmt: 0, font: 0, fill: 0, border: 0, wrap: false, center: false);   // Default
        Xf(w, numFmt: 0, font: 1, fill: 2, border: 1, wrap: true, center: true);     // Header
        Xf(w, numFmt: 0, font: 3, fill: 2, border: 1, wrap: true, center: true);     // RequiredHeader
        Xf(w, numFmt: 49, font: 0, fill: 0, border: 0, wrap: false, center: false);  // Text
        Xf(w, numFmt: 0, font: 2, fill: 0, border: 0, wrap: false, center: false);   // Example
        Xf(w, numFmt: 49, font: 2, fill: 0, border: 0, wrap: false, center: false);  // ExampleText
        Xf(w, numFmt: 49, font: 0, fill: 0, border: 1, wrap: true, center: false);   // Wrap
        Xf(w, numFmt: 0, font: 4, fill: 0, border: 0, wrap: false, center: false);   // Title
        w.WriteEndElement();

        w.WriteStartElement("cellStyles", Main);
        w.WriteAttributeString("count", "1");
        w.WriteStartElement("cellStyle", Main);
        w.WriteAttributeString("name", "Normal");
        w.WriteAttributeString("xfId", "0");
        w.WriteAttributeString("builtinId", "0");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Font(XmlWriter w, bool bold, bool italic, string? color, string size)
    {
        w.WriteStartElement("font", Main);
        if (bold)
        {
            w.WriteStartElement("b", Main);
            w.WriteEndElement();
        }

        if (italic)
        {
            w.WriteStartElement("i", Main);
            w.WriteEndElement();
        }

        w.WriteStartElement("sz", Main);
        w.WriteAttributeString("val", size);
        w.WriteEndElement();
        if (color is not null)
        {
            w.WriteStartElement("color", Main);
            w.WriteAttributeString("rgb", color);
            w.WriteEndElement();
        }

        w.WriteStartElement("name", Main);
        w.WriteAttributeString("val", "等线");
        w.WriteEndElement();
        w.WriteStartElement("charset", Main);
        w.WriteAttributeString("val", "134");
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Fill(XmlWriter w, string pattern, string? color)
    {
        w.WriteStartElement("fill", Main);
        w.WriteStartElement("patternFill", Main);
        w.WriteAttributeString("patternType", pattern);
        if (color is not null)
        {
            w.WriteStartElement("fgColor", Main);
            w.WriteAttributeString("rgb", color);
            w.WriteEndElement();
            w.WriteStartElement("bgColor", Main);
            w.WriteAttributeString("indexed", "64");
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Xf(XmlWriter w, int numFmt, int font, int fill, int border, bool wrap, bool center, bool inStyles = false)
    {
        w.WriteStartElement("xf", Main);
        w.WriteAttributeString("numFmtId", numFmt.ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("fontId", font.ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("fillId", fill.ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("borderId", border.ToString(CultureInfo.InvariantCulture));
        if (!inStyles)
        {
            w.WriteAttributeString("xfId", "0");
            if (numFmt != 0)
            {
                w.WriteAttributeString("applyNumberFormat", "1");
            }

            if (font != 0)
            {
                w.WriteAttributeString("applyFont", "1");
            }

            if (fill != 0)
            {
                w.WriteAttributeString("applyFill", "1");
            }

            if (border != 0)
            {
                w.WriteAttributeString("applyBorder", "1");
            }
        }

        if (wrap || center)
        {
            w.WriteAttributeString("applyAlignment", "1");
            w.WriteStartElement("alignment", Main);
            if (center)
            {
                w.WriteAttributeString("horizontal", "center");
            }

            w.WriteAttributeString("vertical", center ? "center" : "top");
            if (wrap)
            {
                w.WriteAttributeString("wrapText", "1");
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void Default(XmlWriter w, string extension, string contentType)
    {
        w.WriteStartElement("Default", "http://schemas.openxmlformats.org/package/2006/content-types");
        w.WriteAttributeString("Extension", extension);
        w.WriteAttributeString("ContentType", contentType);
        w.WriteEndElement();
    }

    private static void Override(XmlWriter w, string part, string contentType)
    {
        w.WriteStartElement("Override", "http://schemas.openxmlformats.org/package/2006/content-types");
        w.WriteAttributeString("PartName", part);
        w.WriteAttributeString("ContentType", contentType);
        w.WriteEndElement();
    }

    private static void Relationship(XmlWriter w, string id, string type, string target)
    {
        w.WriteStartElement("Relationship", PackageRels);
        w.WriteAttributeString("Id", id);
        w.WriteAttributeString("Type", type);
        w.WriteAttributeString("Target", target);
        w.WriteEndElement();
    }

    private static void Part(ZipArchive zip, string name, Action<XmlWriter> write)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        using var stream = entry.Open();
        using var w = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false });
        w.WriteStartDocument(standalone: true);
        write(w);
        w.WriteEndDocument();
    }
}
