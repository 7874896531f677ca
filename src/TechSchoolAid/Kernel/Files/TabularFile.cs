using System.Globalization;
using System.IO.Compression;
using System.Text;
using MiniExcelLibs;
using TechSchoolAid.Kernel.Errors;

namespace TechSchoolAid.Kernel.Files;

/// <summary>One data row of an uploaded sheet: its spreadsheet row number (header = row 1) and its cells by header.</summary>
public sealed record SheetRow(int RowNumber, IReadOnlyDictionary<string, string?> Cells)
{
    private static readonly IReadOnlySet<string> None = new HashSet<string>();

    /// <summary>
    /// The headers whose cells an .xlsx stored as numbers (a CSV has none). Excel keeps 15 significant digits, so an
    /// 18-digit ID number in such a cell has lost its last digits: the importer says so instead of checking what is left.
    /// </summary>
    public IReadOnlySet<string> NumberCells { get; init; } = None;
}

public sealed record Sheet(IReadOnlyList<string> Headers, IReadOnlyList<SheetRow> Rows);

/// <summary>
/// Reads an uploaded .xlsx or CSV (UTF-8 or GBK) into rows of text cells (IMP-1), refusing what is not such a file with a
/// message a clerk understands. The file's kind is decided by its content, not its name.
/// </summary>
public static class TabularFile
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int MaxRows = 50_000;

    /// <summary>
    /// The most an .xlsx may unpack to. A full 50,000-row import template unpacks to about 40 MB; the bound stops a file
    /// that is small on the wire from filling the server's memory (a single 200 MB cell took it from 440 MB to 2.4 GB).
    /// </summary>
    public const long MaxUnpackedBytes = 100 * 1024 * 1024;

    /// <summary>Excel itself holds at most 32,767 characters in a cell; none of ours comes near.</summary>
    public const int MaxCellChars = 32_767;

    private const int MaxZipEntries = 1_000;

    static TabularFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Sheet Read(byte[] content, string fileName)
    {
        if (content.Length == 0)
        {
            throw AppException.Invalid("file", "文件是空的");
        }

        if (content.Length > MaxBytes)
        {
            throw new AppException(ErrorKind.TooLarge, $"文件不能超过 {MaxBytes / 1024 / 1024} MB，请分批导入");
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var isZip = content.Length > 4 && content[0] == 0x50 && content[1] == 0x4B && content[2] == 0x03 && content[3] == 0x04;
        var isOle = content.Length > 8 && content[0] == 0xD0 && content[1] == 0xCF && content[2] == 0x11 && content[3] == 0xE0;
        if (isOle || extension == ".xls")
        {
            throw AppException.Invalid("file", "不支持旧版 Excel (.xls) 文件，请在 Excel 中另存为 .xlsx 或 CSV 后再导入");
        }

        if (extension == ".xlsx" && !isZip)
        {
            throw AppException.Invalid("file", "文件扩展名是 .xlsx，但内容不是有效的 Excel 文件，请用模板重新填写");
        }

        if (isZip)
        {
            return ReadXlsx(content);
        }

        if (extension is not (".csv" or ".txt"))
        {
            throw AppException.Invalid("file", "只支持 Excel (.xlsx) 或 CSV 文件");
        }

        return ReadCsv(Decode(content));
    }

    /// <summary>UTF-8 when the bytes are valid UTF-8 (with or without BOM), otherwise GB 18030, the superset of GBK.</summary>
    public static string Decode(byte[] content)
    {
        try
        {
            var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
            var text = strict.GetString(content);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030").GetString(content);
        }
    }

    /// <summary>
    /// Checks an .xlsx package before any parser sees it: the number of parts, their declared sizes, and then the bytes
    /// they really unpack to (a header can lie), streamed through a small buffer with no part held whole in memory. In
    /// the same pass, the longest text between two XML tags bounds every cell (6 bytes is the longest a character takes,
    /// as an entity such as <c>&amp;quot;</c>).
    /// </summary>
    public static void CheckXlsxPackage(byte[] content)
    {
        var tooLarge = new AppException(ErrorKind.TooLarge, $"Excel 文件解压后超过 {MaxUnpackedBytes / 1024 / 1024} MB，请删除多余内容或分批导入");
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            throw AppException.Invalid("file", "无法读取该 Excel 文件，文件可能已损坏或不是模板格式");
        }

        using (zip)
        {
            if (zip.Entries.Count > MaxZipEntries)
            {
                throw AppException.Invalid("file", "该 Excel 文件的结构异常（部件过多），请用模板重新填写");
            }

            if (zip.Entries.Sum(e => e.Length) > MaxUnpackedBytes)
            {
                throw tooLarge;
            }

            var buffer = new byte[81_920];
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                long run = 0;
                var isXml = entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || entry.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);
                try
                {
                    using var part = entry.Open();
                    int read;
                    while ((read = part.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        total += read;
                        if (total > MaxUnpackedBytes)
                        {
                            throw tooLarge;
                        }

                        foreach (var b in isXml ? buffer.AsSpan(0, read) : [])
                        {
                            run = b == (byte)'<' ? 0 : run + 1;
                            if (run > MaxCellChars * 6L)
                            {
                                throw AppException.Invalid("file", $"Excel 文件中有单元格内容过长（每个单元格最多 {MaxCellChars} 个字符），请检查文件");
                            }
                        }
                    }
                }
                catch (InvalidDataException)
                {
                    throw AppException.Invalid("file", "无法读取该 Excel 文件，文件可能已损坏或不是模板格式");
                }
            }
        }
    }

    private static Sheet ReadXlsx(byte[] content)
    {
        CheckXlsxPackage(content);
        List<IDictionary<string, object?>> raw;
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            raw = stream.Query(useHeaderRow: true, excelType: ExcelType.XLSX)
                .Cast<IDictionary<string, object?>>()
                .Take(MaxRows + 1)
                .ToList();
        }
        catch (Exception ex) when (ex is not AppException)
        {
            throw AppException.Invalid("file", "无法读取该 Excel 文件，文件可能已损坏或不是模板格式");
        }

        if (raw.Count > MaxRows)
        {
            throw new AppException(ErrorKind.TooLarge, $"一个文件最多 {MaxRows} 行，请分批导入");
        }

        List<string> headers;
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            headers = stream.GetColumns(useHeaderRow: true, excelType: ExcelType.XLSX)?.Select(h => h?.ToString() ?? "").ToList() ?? [];
        }
        catch (Exception ex) when (ex is not AppException)
        {
            throw AppException.Invalid("file", "无法读取该 Excel 文件的表头");
        }

        var rows = new List<SheetRow>(raw.Count);
        for (var i = 0; i < raw.Count; i++)
        {
            var cells = raw[i].ToDictionary(kv => NormalizeHeader(kv.Key), kv => CellText(kv.Value));
            if (cells.Values.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var numbers = raw[i].Where(kv => kv.Value is double or float or decimal or int or long).Select(kv => NormalizeHeader(kv.Key)).ToHashSet();
            rows.Add(new SheetRow(i + 2, cells) { NumberCells = numbers });
        }

        return new Sheet(headers.Select(NormalizeHeader).ToList(), rows);
    }

    private static string? CellText(object? value) => value switch
    {
        null => null,
        string s => s,
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        // Digits, not "4.40103200801011E+17": a number cell that held an ID number shows what Excel kept of it.
        double d when Math.Abs(d) >= 1e15 && Math.Abs(d) < 1e21 => d.ToString("F0", CultureInfo.InvariantCulture),
        double d => d.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "是" : "否",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static Sheet ReadCsv(string text)
    {
        var records = ParseCsv(text).ToList();
        if (records.Count == 0)
        {
            throw AppException.Invalid("file", "文件是空的");
        }

        if (records.Count - 1 > MaxRows)
        {
            throw new AppException(ErrorKind.TooLarge, $"一个文件最多 {MaxRows} 行，请分批导入");
        }

        var headers = records[0].Select(NormalizeHeader).ToList();
        var rows = new List<SheetRow>(records.Count - 1);
        for (var r = 1; r < records.Count; r++)
        {
            var fields = records[r];
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var cells = new Dictionary<string, string?>();
            for (var c = 0; c < headers.Count; c++)
            {
                cells[headers[c]] = c < fields.Count ? fields[c] : null;
            }

            rows.Add(new SheetRow(r + 1, cells));
        }

        return new Sheet(headers, rows);
    }

    /// <summary>RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF line ends.</summary>
    public static IEnumerable<List<string>> ParseCsv(string text)
    {
        var field = new StringBuilder();
        var record = new List<string>();
        var inQuotes = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"')
            {
                inQuotes = true;
            }
            else if (ch == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (ch is '\r' or '\n')
            {
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                record.Add(field.ToString());
                field.Clear();
                yield return record;
                record = [];
            }
            else
            {
                field.Append(ch);
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            yield return record;
        }
    }

    private static string NormalizeHeader(string header) => header.Trim().TrimEnd('*', '＊').Trim();
}

/// <summary>Excel output that cannot run formulas (IMP-1): a cell starting with = + - @ or a control character is quoted.</summary>
public static class SafeExcel
{
    public static string? Neutralize(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '|' ? "'" + value : value;

    public static byte[] Write(IEnumerable<IDictionary<string, object?>> rows, string sheetName = "Sheet1")
    {
        var safe = rows.Select(r => (IDictionary<string, object?>)r.ToDictionary(kv => kv.Key, kv => kv.Value is string s ? Neutralize(s) : kv.Value)).ToList();
        using var ms = new MemoryStream();
        ms.SaveAs(safe, sheetName: sheetName, excelType: ExcelType.XLSX);
        return ms.ToArray();
    }

    public static byte[] WriteSheets(IDictionary<string, IEnumerable<IDictionary<string, object?>>> sheets)
    {
        var safe = sheets.ToDictionary(
            s => s.Key,
            s => (object)s.Value.Select(r => (IDictionary<string, object?>)r.ToDictionary(kv => kv.Key, kv => kv.Value is string v ? Neutralize(v) : kv.Value)).ToList());
        using var ms = new MemoryStream();
        ms.SaveAs(safe, excelType: ExcelType.XLSX);
        return ms.ToArray();
    }
}
