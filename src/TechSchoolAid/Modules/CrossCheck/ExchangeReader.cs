using System.Globalization;
using System.Text;
using System.Text.Unicode;
using MiniExcelLibs;
using TechSchoolAid.Kernel.Errors;

namespace TechSchoolAid.Modules.CrossCheck;

/// <summary>One data row of an exchange file, by column (header = row 1).</summary>
public sealed record ExchangeRow(long RowNumber, string? IdNumber, string? Name, string? Item, string? SchoolYear, string? Semester, string? SchoolName);

/// <summary>
/// Reads an exchange file (CSV in UTF-8 or GBK, or .xlsx) row by row with bounded memory: CSV is split on bytes and each
/// line decoded on its own, so a 13-million-row file never sits in memory and a file that mixes UTF-8 and GBK lines is
/// caught (a GBK line is almost never valid UTF-8) instead of being half garbled. One record per line: fields may be
/// quoted, but not span lines.
/// </summary>
public sealed class ExchangeReader
{
    private const int BufferBytes = 1 << 20;
    private static readonly Encoding Gbk;
    private static readonly Encoding Utf8Strict = new UTF8Encoding(false, true);

    private long _utf8Lines;
    private long _gbkLines;

    static ExchangeReader()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Gbk = Encoding.GetEncoding("GB18030");
    }

    /// <summary>"UTF-8", "GBK", "xlsx", or "ASCII" when no line needed either.</summary>
    public string EncodingName => _gbkLines > 0 ? "GBK" : _utf8Lines > 0 ? "UTF-8" : _xlsx ? "xlsx" : "ASCII";

    private bool _xlsx;

    public static bool IsXlsx(Stream stream)
    {
        Span<byte> head = stackalloc byte[4];
        var n = stream.Read(head);
        stream.Seek(0, SeekOrigin.Begin);
        return n == 4 && head[0] == 0x50 && head[1] == 0x4B && head[2] == 0x03 && head[3] == 0x04;
    }

    public IEnumerable<ExchangeRow> Read(Stream stream, string fileName)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (IsXlsx(stream))
        {
            _xlsx = true;
            return ReadXlsx(stream);
        }

        if (extension is ".xlsx" or ".xls")
        {
            throw AppException.Invalid("file", "文件扩展名是 Excel，但内容不是有效的 .xlsx 文件（不支持旧版 .xls），请另存为 .xlsx 或 CSV");
        }

        if (extension is not (".csv" or ".txt"))
        {
            throw AppException.Invalid("file", "只支持 CSV（UTF-8 或 GBK 编码）或 Excel (.xlsx) 文件");
        }

        return ReadCsv(stream);
    }

    private IEnumerable<ExchangeRow> ReadCsv(Stream stream)
    {
        var buffer = new byte[BufferBytes];
        int start = 0, end = 0;
        long lineNumber = 0;
        int[]? map = null;
        var eof = false;
        while (true)
        {
            var span = buffer.AsSpan(start, end - start);
            var nl = span.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line;
            if (nl >= 0)
            {
                line = span[..nl];
                start += nl + 1;
            }
            else if (!eof)
            {
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    throw AppException.Invalid("file", $"第 {lineNumber + 1} 行超过 1 MB，不是一行一条记录的 CSV 文件");
                }

                var read = stream.Read(buffer, end, buffer.Length - end);
                if (read == 0)
                {
                    eof = true;
                }

                end += read;
                continue;
            }
            else if (span.Length > 0)
            {
                line = span;
                start = end;
            }
            else
            {
                break;
            }

            lineNumber++;
            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (lineNumber == 1 && line.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                line = line[3..];
            }

            if (line.IsEmpty || line.IndexOfAnyExcept((byte)',', (byte)' ', (byte)'\t') < 0)
            {
                continue;
            }

            var text = Decode(line, lineNumber);
            var fields = Split(text);
            if (map is null)
            {
                map = MapHeader(fields);
                continue;
            }

            yield return new ExchangeRow(lineNumber, At(fields, map[0]), At(fields, map[1]), At(fields, map[2]), At(fields, map[3]), At(fields, map[4]), At(fields, map[5]));
        }

        if (map is null)
        {
            throw AppException.Invalid("file", "文件是空的");
        }
    }

    private string Decode(ReadOnlySpan<byte> line, long lineNumber)
    {
        if (line.Contains((byte)0))
        {
            throw AppException.Invalid("file", $"第 {lineNumber} 行含有二进制内容，文件不是 CSV 文本，请确认文件格式");
        }

        if (System.Text.Ascii.IsValid(line))
        {
            return Encoding.ASCII.GetString(line);
        }

        string text;
        if (Utf8.IsValid(line))
        {
            _utf8Lines++;
            text = Utf8Strict.GetString(line);
        }
        else
        {
            _gbkLines++;
            text = Gbk.GetString(line);
        }

        if (_utf8Lines > 0 && _gbkLines > 0)
        {
            throw AppException.Invalid("file", $"文件混用了 UTF-8 和 GBK 两种编码（第 {lineNumber} 行与前面的行编码不同），请统一另存为 UTF-8 或 GBK 后重新上传");
        }

        if (text.Contains('\uFFFD', StringComparison.Ordinal))
        {
            throw AppException.Invalid("file", $"第 {lineNumber} 行无法按 UTF-8 或 GBK 解码，请确认文件编码");
        }

        return text;
    }

    private static string? At(List<string> fields, int index) => index >= 0 && index < fields.Count ? fields[index] : null;

    private static int[] MapHeader(List<string> headers)
    {
        var names = headers.Select(h => h.Trim().TrimEnd('*', '＊').Trim()).ToList();
        var missing = ExchangeFormat.Required.Where(r => !names.Contains(r)).ToList();
        if (missing.Count > 0)
        {
            throw AppException.Invalid("file",
                $"文件缺少必需的列：{string.Join("、", missing)}。应有的列：{string.Join("、", ExchangeFormat.Columns)}（学校名称可选）；本文件的列：{string.Join("、", names.Take(20))}");
        }

        return ExchangeFormat.Columns.Select(c => names.IndexOf(c)).ToArray();
    }

    private static List<string> Split(string line)
    {
        if (!line.Contains('"', StringComparison.Ordinal))
        {
            return [.. line.Split(',')];
        }

        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(ch);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    private static IEnumerable<ExchangeRow> ReadXlsx(Stream stream)
    {
        IEnumerator<object> rows;
        int[] map;
        try
        {
            var headers = stream.GetColumns(useHeaderRow: true, excelType: ExcelType.XLSX)?.Select(h => h?.ToString() ?? "").ToList() ?? [];
            stream.Seek(0, SeekOrigin.Begin);
            map = MapHeader(headers);
            rows = stream.Query(useHeaderRow: true, excelType: ExcelType.XLSX).GetEnumerator();
        }
        catch (Exception ex) when (ex is not AppException)
        {
            throw AppException.Invalid("file", "无法读取该 Excel 文件，文件可能已损坏");
        }

        var names = ExchangeFormat.Columns;
        long rowNumber = 1;
        using (rows)
        {
            while (true)
            {
                IDictionary<string, object?> cells;
                try
                {
                    if (!rows.MoveNext())
                    {
                        break;
                    }

                    cells = (IDictionary<string, object?>)rows.Current;
                }
                catch (Exception ex) when (ex is not AppException)
                {
                    throw AppException.Invalid("file", $"Excel 文件第 {rowNumber + 1} 行无法读取，文件可能已损坏");
                }

                rowNumber++;
                string? Cell(int i) => map[i] < 0 ? null : CellText(cells.TryGetValue(names[i], out var v) ? v : null);
                var row = new ExchangeRow(rowNumber, Cell(0), Cell(1), Cell(2), Cell(3), Cell(4), Cell(5));
                if (row.IdNumber is null && row.Name is null && row.Item is null)
                {
                    continue;
                }

                yield return row;
            }
        }
    }

    private static string? CellText(object? value) => value switch
    {
        null => null,
        string s => s,
        // An ID number typed as a number has lost its last digits (Excel keeps 15 significant digits).
        double d when Math.Abs(d) >= 1e15 => "#" + d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
