using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Modules.Reports.Contracts;

namespace TechSchoolAid.Modules.Reports.Features.Yearly;

/// <summary>What the cover says about a submitted report (null for a preview).</summary>
public sealed record SubmissionStamp(string SubmittedBy, DateTime SubmittedAtUtc, string Sha256);

/// <summary>The yearly report as Excel (a cover sheet, one sheet per table) and as a printable A4 PDF with a Chinese font.</summary>
public static class YearlyReportDocuments
{
    private const double Margin = 40;

    public static string Format(long value, ReportValueKind kind) => kind switch
    {
        ReportValueKind.Money => (value / 100m).ToString("N2", CultureInfo.InvariantCulture),
        ReportValueKind.PerMille => (value / 10m).ToString("0.0", CultureInfo.InvariantCulture) + "%",
        _ => value.ToString("N0", CultureInfo.InvariantCulture),
    };

    private static object ExcelValue(long value, ReportValueKind kind) => kind switch
    {
        ReportValueKind.Money => value / 100m,
        ReportValueKind.PerMille => value / 10m,
        _ => value,
    };

    private static string ColumnTitle(ReportColumn c) => c.Kind switch
    {
        ReportValueKind.Money when !c.Title.Contains('元', StringComparison.Ordinal) => c.Title + "（元）",
        ReportValueKind.PerMille when !c.Title.Contains('%', StringComparison.Ordinal) => c.Title + "（%）",
        _ => c.Title,
    };

    private static List<(string Label, string Value)> Cover(YearlyReport report, SubmissionStamp? stamp)
    {
        var lines = new List<(string, string)>
        {
            ("报告", report.Title),
            ("范围", report.ScopeName),
            ("年度", report.Year.ToString(CultureInfo.InvariantCulture)),
            ("生成时间", ChinaTime.Format(report.GeneratedAtUtc)),
            ("数据截至", ChinaTime.Iso(report.DataAsOf)),
        };
        if (stamp is not null)
        {
            lines.Add(("报送人", stamp.SubmittedBy));
            lines.Add(("报送时间", ChinaTime.Format(stamp.SubmittedAtUtc)));
            lines.Add(("校验值（SHA-256）", stamp.Sha256));
        }
        else
        {
            lines.Add(("状态", "预览（未报送）"));
        }

        return lines;
    }

    /// <summary>Excel: the cover sheet 封面, then one sheet per table named by its title (cut to 31 characters, unique).</summary>
    public static byte[] Excel(YearlyReport report, SubmissionStamp? stamp)
    {
        var sheets = new Dictionary<string, IEnumerable<IDictionary<string, object?>>>(StringComparer.Ordinal)
        {
            ["封面"] = Cover(report, stamp).Select(l => (IDictionary<string, object?>)new Dictionary<string, object?> { ["项目"] = l.Label, ["内容"] = l.Value }).ToList(),
        };
        foreach (var table in report.Tables)
        {
            var rows = table.Rows.Select(r =>
            {
                var row = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var i = 0; i < table.LabelColumns.Count; i++)
                {
                    row[table.LabelColumns[i]] = i < r.Labels.Count ? r.Labels[i] : "";
                }

                for (var i = 0; i < table.ValueColumns.Count; i++)
                {
                    row[ColumnTitle(table.ValueColumns[i])] = i < r.Values.Count ? ExcelValue(r.Values[i], table.ValueColumns[i].Kind) : null;
                }

                return (IDictionary<string, object?>)row;
            }).ToList();
            if (rows.Count == 0)
            {
                rows.Add(new Dictionary<string, object?> { ["说明"] = "本年度无数据" });
            }

            if (table.Note is { Length: > 0 } note)
            {
                // MiniExcel takes the columns from the first row: the note row carries them all, the note in the first.
                var keys = rows[0].Keys.ToList();
                var noteRow = keys.ToDictionary(k => k, _ => (object?)null, StringComparer.Ordinal);
                noteRow[keys[0]] = "注：" + note;
                rows.Add(noteRow);
            }

            sheets[SheetName(table.Title, sheets.Keys)] = rows;
        }

        return SafeExcel.WriteSheets(sheets);
    }

    public static string SheetName(string title, IEnumerable<string> taken)
    {
        var clean = new string(title.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\')).ToArray());
        clean = clean.Length > 31 ? clean[..31] : clean;
        var used = taken.ToHashSet(StringComparer.Ordinal);
        var name = clean.Length == 0 ? "表" : clean;
        for (var n = 2; used.Contains(name); n++)
        {
            var suffix = $"({n})";
            name = (clean.Length + suffix.Length > 31 ? clean[..(31 - suffix.Length)] : clean) + suffix;
        }

        return name;
    }

    /// <summary>A4 PDF: title and cover lines, then each table with its header repeated on every page it spans.</summary>
    public static byte[] Pdf(YearlyReport report, SubmissionStamp? stamp)
    {
        using var document = new PdfDocument();
        document.Info.Title = report.Title;
        var titleFont = new Fonts(16);
        var headFont = new Fonts(11);
        var font = new Fonts(8.5);
        var writer = new PageWriter(document);
        writer.NewPage(landscape: false);
        writer.Text(report.Title, titleFont, 26);
        foreach (var (label, value) in Cover(report, stamp))
        {
            writer.Text($"{label}：{value}", font, 14);
        }

        writer.Gap(10);
        foreach (var table in report.Tables)
        {
            DrawTable(writer, table, headFont, font);
        }

        if (report.Tables.Count == 0)
        {
            writer.Text("本范围、本年度没有可报告的数据。", headFont, 18);
        }

        writer.Dispose();
        using var ms = new MemoryStream();
        document.Save(ms, false);
        return ms.ToArray();
    }

    private static void DrawTable(PageWriter w, ReportTable table, Fonts headFont, Fonts font)
    {
        const double rowHeight = 13;
        var columns = table.LabelColumns.Select(c => (Title: c, Weight: 1.6)).Concat(table.ValueColumns.Select(c => (Title: ColumnTitle(c), Weight: 1.0))).ToList();
        if (columns.Count == 0)
        {
            return;
        }

        w.Ensure(rowHeight * 4 + 20);
        w.Text(table.Title, headFont, 18);
        var total = columns.Sum(c => c.Weight);
        void Header()
        {
            w.Row(columns.Select(c => c.Title).ToList(), columns.Select(c => c.Weight / total).ToList(), font, rowHeight, header: true, table.LabelColumns.Count);
        }

        Header();
        foreach (var row in table.Rows)
        {
            if (w.Ensure(rowHeight))
            {
                Header();
            }

            var cells = table.LabelColumns.Select((_, i) => i < row.Labels.Count ? row.Labels[i] : "")
                .Concat(table.ValueColumns.Select((c, i) => i < row.Values.Count ? Format(row.Values[i], c.Kind) : "")).ToList();
            w.Row(cells, columns.Select(c => c.Weight / total).ToList(), font, rowHeight, header: false, table.LabelColumns.Count);
        }

        if (table.Rows.Count == 0)
        {
            w.Text("本年度无数据", font, rowHeight);
        }

        if (table.Note is { Length: > 0 } note)
        {
            w.Text("注：" + note, font, rowHeight);
        }

        w.Gap(10);
    }

    /// <summary>One size of the two faces: Chinese characters with the Chinese face, letters and digits with the Latin one.</summary>
    private sealed class Fonts(double size)
    {
        private static readonly XPdfFontOptions Options = new(PdfFontEncoding.Unicode);

        public XFont Chinese { get; } = new(ReportFonts.Family, size, XFontStyleEx.Regular, Options);

        public XFont Latin { get; } = new(ReportFonts.LatinFamily, size, XFontStyleEx.Regular, Options);

        /// <summary>The text cut into runs of one face each.</summary>
        public IEnumerable<(string Text, XFont Font)> Runs(string text)
        {
            var start = 0;
            for (var i = 1; i <= text.Length; i++)
            {
                if (i == text.Length || ReportFonts.IsChinese(text[i]) != ReportFonts.IsChinese(text[start]))
                {
                    yield return (text[start..i], ReportFonts.IsChinese(text[start]) ? Chinese : Latin);
                    start = i;
                }
            }
        }
    }

    private enum Align
    {
        Left,
        Right,
        Center,
    }

    /// <summary>Writes down the page and turns it when full.</summary>
    private sealed class PageWriter(PdfDocument document) : IDisposable
    {
        private static readonly Fonts PageFont = new(8);
        private XGraphics? _gfx;
        private PdfPage? _page;
        private double _y;

        private double Width => _page!.Width.Point - (2 * Margin);

        private double Bottom => _page!.Height.Point - Margin;

        public void NewPage(bool landscape)
        {
            _gfx?.Dispose();
            _page = document.AddPage();
            _page.Size = PageSize.A4;
            _page.Orientation = landscape ? PageOrientation.Landscape : PageOrientation.Portrait;
            _gfx = XGraphics.FromPdfPage(_page);
            _y = Margin;
            var number = document.PageCount.ToString(CultureInfo.InvariantCulture);
            Draw($"第 {number} 页", PageFont, XBrushes.Gray, Margin, Bottom + 12, Width, 12, Align.Center);
        }

        /// <summary>Turns the page unless <paramref name="height"/> fits; true when it turned.</summary>
        public bool Ensure(double height)
        {
            if (_y + height <= Bottom)
            {
                return false;
            }

            NewPage(landscape: false);
            return true;
        }

        public void Gap(double height) => _y += height;

        public void Text(string text, Fonts font, double height)
        {
            Ensure(height);
            Draw(Fit(text, font, Width), font, XBrushes.Black, Margin, _y, Width, height, Align.Left);
            _y += height;
        }

        /// <summary>Draws the text run by run (each in its face), left, right or centred in the box, vertically centred.</summary>
        private void Draw(string text, Fonts font, XBrush brush, double x, double y, double width, double height, Align align)
        {
            var runs = font.Runs(text).Select(r => (r.Text, r.Font, Width: _gfx!.MeasureString(r.Text, r.Font).Width)).ToList();
            var total = runs.Sum(r => r.Width);
            var at = align switch
            {
                Align.Right => x + width - total,
                Align.Center => x + ((width - total) / 2),
                _ => x,
            };
            foreach (var run in runs)
            {
                _gfx!.DrawString(run.Text, run.Font, brush, new XRect(at, y, run.Width + 1, height), XStringFormats.CenterLeft);
                at += run.Width;
            }
        }

        public void Row(IReadOnlyList<string> cells, IReadOnlyList<double> shares, Fonts font, double height, bool header, int labelColumns)
        {
            var x = Margin;
            if (header)
            {
                _gfx!.DrawRectangle(XBrushes.WhiteSmoke, Margin, _y, Width, height);
            }

            for (var i = 0; i < cells.Count; i++)
            {
                var w = shares[i] * Width;
                Draw(Fit(cells[i], font, w - 4), font, XBrushes.Black, x + 2, _y, w - 4, height, header || i < labelColumns ? Align.Left : Align.Right);
                x += w;
            }

            _gfx!.DrawLine(XPens.LightGray, Margin, _y + height, Margin + Width, _y + height);
            _y += height;
        }

        private double Measure(string text, Fonts font) => font.Runs(text).Sum(r => _gfx!.MeasureString(r.Text, r.Font).Width);

        private string Fit(string text, Fonts font, double width)
        {
            if (Measure(text, font) <= width)
            {
                return text;
            }

            var cut = text;
            while (cut.Length > 1 && Measure(cut + "…", font) > width)
            {
                cut = cut[..^1];
            }

            return cut + "…";
        }

        public void Dispose() => _gfx?.Dispose();
    }
}
