using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Unicode;
using MiniExcelLibs;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.CrossCheck.Contracts;

namespace TechSchoolAid.Modules.CrossCheck.Features;

/// <summary>One data row of an exchange file, by column (header = row 1): views of the decoded line, valid during the call only.</summary>
public readonly ref struct ExchangeFields
{
    public long RowNumber { get; init; }

    public ReadOnlySpan<char> IdNumber { get; init; }

    public ReadOnlySpan<char> Name { get; init; }

    public ReadOnlySpan<char> Item { get; init; }

    public ReadOnlySpan<char> SchoolYear { get; init; }

    public ReadOnlySpan<char> Semester { get; init; }

    public ReadOnlySpan<char> SchoolName { get; init; }
}

/// <summary>What a reader worker does with one row, with its own <typeparamref name="TState"/> (no locking needed).</summary>
public delegate void ExchangeRowAction<in TState>(in ExchangeFields row, TState state);

/// <summary>
/// Reads an exchange file (CSV in UTF-8 or GBK, or .xlsx) with bounded memory. CSV is cut on line ends into blocks of
/// about 1 MB by the reading thread and the blocks are parsed in parallel, one worker per core: each line is decoded on
/// its own (so a file that mixes UTF-8 and GBK lines is caught — a GBK line is almost never valid UTF-8 — instead of being
/// half garbled) and split without allocating, because the national file has 13 million rows. One record per line:
/// fields may be quoted, but not span lines. A refusal names the earliest faulty line, as a reading in order would.
/// </summary>
public sealed partial class ExchangeReader(long maxBytes = ExchangeReader.DefaultMaxBytes)
{
    /// <summary>100 MB: what a reader takes unless its caller names a larger bound (the national CSV runs to 1.2 GB).</summary>
    public const long DefaultMaxBytes = 100L * 1024 * 1024;

    /// <summary>An .xlsx is never read past 100 MB, whatever the caller allows: its zipped sheets unpack to many times their size.</summary>
    public const long XlsxMaxBytes = DefaultMaxBytes;

    private const int BlockBytes = 1 << 20;
    private static readonly Encoding Gbk;

    private long _utf8Lines;
    private long _gbkLines;
    private long _firstUtf8Line = long.MaxValue;
    private long _firstGbkLine = long.MaxValue;
    private bool _xlsx;
    private int[] _map = [];
    private readonly Lock _tally = new();

    static ExchangeReader()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Gbk = Encoding.GetEncoding("GB18030");
    }

    /// <summary>"UTF-8", "GBK", "xlsx", or "ASCII" when no line needed either.</summary>
    public string EncodingName => _gbkLines > 0 ? "GBK" : _utf8Lines > 0 ? "UTF-8" : _xlsx ? "xlsx" : "ASCII";

    /// <summary>The largest file this reader takes (a non-seekable stream is counted as it is read).</summary>
    public long MaxBytes { get; } = maxBytes > 0 ? maxBytes : throw new ArgumentOutOfRangeException(nameof(maxBytes));

    /// <summary>The refusal of a file over <paramref name="limit"/> bytes, before any of it is read.</summary>
    private static void RefuseTooLarge(Stream stream, long limit)
    {
        if (stream.CanSeek && stream.Length > limit)
        {
            throw TooLarge(limit);
        }
    }

    private static AppException TooLarge(long limit) =>
        AppException.Invalid("file", $"文件超过 {limit / 1024 / 1024} MB 的上限，未读取，请按月、按资助项目拆分后上传");

    public static bool IsXlsx(Stream stream)
    {
        Span<byte> head = stackalloc byte[4];
        var n = stream.Read(head);
        stream.Seek(0, SeekOrigin.Begin);
        return n == 4 && head[0] == 0x50 && head[1] == 0x4B && head[2] == 0x03 && head[3] == 0x04;
    }

    /// <summary>
    /// Calls <paramref name="action"/> for every data row, each worker with its own state from <paramref name="createState"/>;
    /// returns the states for the caller to merge. Rows reach the workers in no particular order.
    /// </summary>
    public async Task<IReadOnlyList<TState>> ReadAsync<TState>(Stream stream, string fileName, Func<TState> createState,
        ExchangeRowAction<TState> action, CancellationToken ct)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        RefuseTooLarge(stream, extension is ".xlsx" or ".xls" ? Math.Min(MaxBytes, XlsxMaxBytes) : MaxBytes);
        if (IsXlsx(stream))
        {
            RefuseTooLarge(stream, XlsxMaxBytes);
            _xlsx = true;
            var state = createState();
            await Task.Run(() => ReadXlsx(stream, state, action, ct), ct);
            return [state];
        }

        if (extension is ".xlsx" or ".xls")
        {
            throw AppException.Invalid("file", "文件扩展名是 Excel，但内容不是有效的 .xlsx 文件（不支持旧版 .xls），请另存为 .xlsx 或 CSV");
        }

        if (extension is not (".csv" or ".txt"))
        {
            throw AppException.Invalid("file", "只支持 CSV（UTF-8 或 GBK 编码）或 Excel (.xlsx) 文件");
        }

        return await ReadCsvAsync(stream, createState, action, ct);
    }

    private static int[] MapHeader(List<string> headers)
    {
        var names = headers.Select(h => h.Trim().TrimEnd('*', '＊').Trim()).ToList();
        var missing = ExchangeFormat.Required.Where(r => !names.Contains(r)).ToList();
        if (missing.Count > 0)
        {
            throw new LineFault(1, AppException.Invalid("file",
                $"文件缺少必需的列：{string.Join("、", missing)}。应有的列：{string.Join("、", ExchangeFormat.Columns)}（学校名称可选）；本文件的列：{string.Join("、", names.Take(20))}"));
        }

        return ExchangeFormat.Columns.Select(c => names.IndexOf(c)).ToArray();
    }

    private static void ReadXlsx<TState>(Stream stream, TState state, ExchangeRowAction<TState> action, CancellationToken ct)
    {
        IEnumerator<object> rows;
        List<string> headers;
        int[] map;
        try
        {
            headers = stream.GetColumns(useHeaderRow: true, excelType: ExcelType.XLSX)?.Select(h => h?.ToString() ?? "").ToList() ?? [];
            stream.Seek(0, SeekOrigin.Begin);
            map = MapHeader(headers);
            rows = stream.Query(useHeaderRow: true, excelType: ExcelType.XLSX).GetEnumerator();
        }
        catch (LineFault fault)
        {
            throw fault.Error;
        }
        catch (Exception ex) when (ex is not AppException)
        {
            throw AppException.Invalid("file", "无法读取该 Excel 文件，文件可能已损坏");
        }

        long rowNumber = 1;
        using (rows)
        {
            while (true)
            {
                ct.ThrowIfCancellationRequested();
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
                // By the header as written in the file ("证件号码*" is the column 证件号码).
                string? Cell(int i) => map[i] < 0 ? null : CellText(cells.TryGetValue(headers[map[i]], out var v) ? v : null);
                var (id, name, item) = (Cell(0), Cell(1), Cell(2));
                if (id is null && name is null && item is null)
                {
                    continue;
                }

                action(new ExchangeFields
                {
                    RowNumber = rowNumber,
                    IdNumber = id,
                    Name = name,
                    Item = item,
                    SchoolYear = Cell(3),
                    Semester = Cell(4),
                    SchoolName = Cell(5),
                }, state);
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

    /// <summary>A refusal tied to a line of the file.</summary>
    private sealed class LineFault(long line, Exception error) : Exception(error.Message, error)
    {
        public long Line { get; } = line;

        public Exception Error { get; } = error;
    }

    /// <summary>The earliest fault any thread met: the one a reading in order would have stopped at.</summary>
    private sealed class Faults
    {
        private readonly Lock _gate = new();
        private long _line = long.MaxValue;
        private Exception? _error;

        public bool Any => Volatile.Read(ref _error) is not null;

        /// <summary>Whether a fault was met on a line before <paramref name="line"/>.</summary>
        public bool Before(long line)
        {
            lock (_gate)
            {
                return _line < line;
            }
        }

        public void Report(long line, Exception error)
        {
            lock (_gate)
            {
                if (line < _line)
                {
                    _line = line;
                    _error = error;
                }
            }
        }

        public void ThrowEarliest()
        {
            if (_error is not null)
            {
                ExceptionDispatchInfo.Throw(_error);
            }
        }
    }
}
