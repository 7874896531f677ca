using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Unicode;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.CrossCheck.Contracts;

namespace TechSchoolAid.Modules.CrossCheck.Features;

/// <summary>The CSV half of the reader: blocks of whole lines cut by the reading thread, parsed in parallel by the workers.</summary>
public sealed partial class ExchangeReader
{
    private async Task<IReadOnlyList<TState>> ReadCsvAsync<TState>(Stream stream, Func<TState> createState, ExchangeRowAction<TState> action,
        CancellationToken ct)
    {
        var faults = new Faults();
        var workerCount = Math.Max(1, Environment.ProcessorCount);
        using var queue = new BlockingCollection<Block>(boundedCapacity: workerCount * 2);
        var states = Enumerable.Range(0, workerCount).Select(_ => createState()).ToList();
        var workers = states.Select(state => Task.Run(() => Work(queue, state, action, faults, ct), CancellationToken.None)).ToList();
        bool header;
        try
        {
            header = await Task.Run(() => Produce(stream, queue, faults, ct), CancellationToken.None);
        }
        finally
        {
            queue.CompleteAdding();
            await Task.WhenAll(workers);
        }

        if (_utf8Lines > 0 && _gbkLines > 0)
        {
            var line = Math.Max(_firstUtf8Line, _firstGbkLine);
            faults.Report(line, AppException.Invalid("file",
                $"文件混用了 UTF-8 和 GBK 两种编码（第 {line} 行与前面的行编码不同），请统一另存为 UTF-8 或 GBK 后重新上传"));
        }

        faults.ThrowEarliest();
        if (!header)
        {
            throw AppException.Invalid("file", "文件是空的");
        }

        return states;
    }

    private readonly record struct Block(byte[] Buffer, int Start, int Length, long FirstLine);

    /// <summary>The reading thread: cuts the stream into blocks of whole lines; the header line is read here. False if the file has no header.</summary>
    private bool Produce(Stream stream, BlockingCollection<Block> queue, Faults faults, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BlockBytes);
        var length = 0;
        long firstLine = 1;
        var header = false;
        var eof = false;
        long total = 0;
        try
        {
            while (!eof && !faults.Any)
            {
                while (length < BlockBytes && !eof)
                {
                    var read = stream.Read(buffer, length, BlockBytes - length);
                    eof = read == 0;
                    length += read;
                    total += read;
                    if (total > MaxBytes)
                    {
                        throw new LineFault(firstLine, TooLarge(MaxBytes));
                    }
                }

                var filled = buffer.AsSpan(0, length);
                var cut = eof ? length : filled.LastIndexOf((byte)'\n') + 1;
                if (cut == 0 && !eof)
                {
                    throw new LineFault(firstLine, AppException.Invalid("file", $"第 {firstLine} 行超过 1 MB，不是一行一条记录的 CSV 文件"));
                }

                var start = 0;
                if (!header)
                {
                    start = ReadHeader(filled[..cut], ref firstLine, out header);
                }

                var lines = filled[start..cut].Count((byte)'\n') + (eof && cut > start && filled[cut - 1] != (byte)'\n' ? 1 : 0);
                var next = ArrayPool<byte>.Shared.Rent(BlockBytes);
                filled[cut..].CopyTo(next);
                length -= cut;
                if (cut > start)
                {
                    queue.Add(new Block(buffer, start, cut - start, firstLine), ct);
                }
                else
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }

                buffer = next;
                firstLine += lines;
            }
        }
        catch (LineFault fault)
        {
            faults.Report(fault.Line, fault.Error);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return header;
    }

    /// <summary>Skips blank lines up to the header, maps its columns; returns the offset after it.</summary>
    private int ReadHeader(ReadOnlySpan<byte> block, ref long lineNumber, out bool found)
    {
        var offset = 0;
        found = false;
        while (offset < block.Length)
        {
            var nl = block[offset..].IndexOf((byte)'\n');
            var end = nl < 0 ? block.Length : offset + nl + 1;
            var line = Trim(block[offset..end], lineNumber);
            offset = end;
            if (IsBlank(line))
            {
                lineNumber++;
                continue;
            }

            var chars = new char[line.Length];
            var text = Decode(line, lineNumber, chars, out var encoding);
            Tally(encoding == LineEncoding.Utf8 ? 1 : 0, encoding == LineEncoding.Gbk ? 1 : 0,
                encoding == LineEncoding.Utf8 ? lineNumber : long.MaxValue, encoding == LineEncoding.Gbk ? lineNumber : long.MaxValue);
            var ranges = new Range[ExchangeFormat.Columns.Count * 4 + 64];
            var unquoted = new char[line.Length];
            var n = Split(text, ranges, unquoted, out var source);
            var names = new List<string>(n);
            for (var i = 0; i < n; i++)
            {
                names.Add(source[ranges[i]].ToString());
            }

            _map = MapHeader(names);
            lineNumber++;
            found = true;
            break;
        }

        return offset;
    }

    private void Work<TState>(BlockingCollection<Block> queue, TState state, ExchangeRowAction<TState> action, Faults faults, CancellationToken ct)
    {
        var chars = new char[4096];
        var unquoted = new char[4096];
        Range[]? ranges = null;
        long utf8 = 0, gbk = 0, firstUtf8 = long.MaxValue, firstGbk = long.MaxValue;
        foreach (var block in queue.GetConsumingEnumerable(ct))
        {
            var lineNumber = block.FirstLine;
            try
            {
                if (faults.Before(block.FirstLine))
                {
                    continue; // an earlier line already ended the read: drain the queue
                }

                ranges ??= new Range[_map.Max() + 2]; // the header is mapped before the first block is queued
                var span = block.Buffer.AsSpan(block.Start, block.Length);
                while (!span.IsEmpty)
                {
                    var nl = span.IndexOf((byte)'\n');
                    var line = Trim(nl < 0 ? span : span[..nl], lineNumber);
                    span = nl < 0 ? default : span[(nl + 1)..];
                    if (!IsBlank(line))
                    {
                        if (chars.Length < line.Length)
                        {
                            chars = new char[line.Length];
                            unquoted = new char[line.Length];
                        }

                        var text = Decode(line, lineNumber, chars, out var encoding);
                        if (encoding == LineEncoding.Utf8)
                        {
                            utf8++;
                            firstUtf8 = Math.Min(firstUtf8, lineNumber);
                        }
                        else if (encoding == LineEncoding.Gbk)
                        {
                            gbk++;
                            firstGbk = Math.Min(firstGbk, lineNumber);
                        }

                        var count = Split(text, ranges, unquoted, out var source);
                        var map = _map;
                        action(new ExchangeFields
                        {
                            RowNumber = lineNumber,
                            IdNumber = Field(source, ranges, count, map[0]),
                            Name = Field(source, ranges, count, map[1]),
                            Item = Field(source, ranges, count, map[2]),
                            SchoolYear = Field(source, ranges, count, map[3]),
                            Semester = Field(source, ranges, count, map[4]),
                            SchoolName = Field(source, ranges, count, map[5]),
                        }, state);
                    }

                    lineNumber++;
                }
            }
            catch (LineFault fault)
            {
                faults.Report(fault.Line, fault.Error);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                faults.Report(lineNumber, ex);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(block.Buffer);
            }
        }

        Tally(utf8, gbk, firstUtf8, firstGbk);
    }

    private void Tally(long utf8, long gbk, long firstUtf8, long firstGbk)
    {
        lock (_tally)
        {
            _utf8Lines += utf8;
            _gbkLines += gbk;
            _firstUtf8Line = Math.Min(_firstUtf8Line, firstUtf8);
            _firstGbkLine = Math.Min(_firstGbkLine, firstGbk);
        }
    }

    private static ReadOnlySpan<char> Field(ReadOnlySpan<char> source, Range[] ranges, int count, int column) =>
        column >= 0 && column < count ? source[ranges[column]] : default;

    private enum LineEncoding
    {
        Ascii,
        Utf8,
        Gbk,
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line, long lineNumber)
    {
        if (line.Length > 0 && line[^1] == (byte)'\n')
        {
            line = line[..^1];
        }

        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        return lineNumber == 1 && line.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? line[3..] : line;
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.IsEmpty || line.IndexOfAnyExcept((byte)',', (byte)' ', (byte)'\t') < 0;

    /// <summary>Decodes one line into <paramref name="chars"/> (at least as long as the line: neither encoding gives more characters than bytes).</summary>
    private static ReadOnlySpan<char> Decode(ReadOnlySpan<byte> line, long lineNumber, char[] chars, out LineEncoding encoding)
    {
        encoding = LineEncoding.Ascii;
        if (line.Contains((byte)0))
        {
            throw new LineFault(lineNumber, AppException.Invalid("file", $"第 {lineNumber} 行含有二进制内容，文件不是 CSV 文本，请确认文件格式"));
        }

        if (Ascii.ToUtf16(line, chars, out var ascii) == OperationStatus.Done)
        {
            return chars.AsSpan(0, ascii);
        }

        encoding = Utf8.IsValid(line) ? LineEncoding.Utf8 : LineEncoding.Gbk;
        var n = (encoding == LineEncoding.Utf8 ? Encoding.UTF8 : Gbk).GetChars(line, chars);
        var text = chars.AsSpan(0, n);
        if (text.Contains('\uFFFD'))
        {
            throw new LineFault(lineNumber, AppException.Invalid("file", $"第 {lineNumber} 行无法按 UTF-8 或 GBK 解码，请确认文件编码"));
        }

        return text;
    }

    /// <summary>
    /// Splits a line on commas into <paramref name="ranges"/> of <paramref name="source"/> (the line itself, or the
    /// unescaped copy in <paramref name="unquoted"/> when it has quotes); returns the number of fields, at most the
    /// ranges' length (the last range then holds the rest of the line).
    /// </summary>
    private static int Split(ReadOnlySpan<char> line, Span<Range> ranges, Span<char> unquoted, out ReadOnlySpan<char> source)
    {
        if (!line.Contains('"'))
        {
            source = line;
            return line.Split(ranges, ',');
        }

        var count = 0;
        var length = 0;
        var fieldStart = 0;
        var quoted = false;
        for (var i = 0; i < line.Length && count < ranges.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    unquoted[length++] = '"';
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    unquoted[length++] = ch;
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',' && count < ranges.Length - 1)
            {
                ranges[count++] = fieldStart..length;
                fieldStart = length;
            }
            else
            {
                unquoted[length++] = ch;
            }
        }

        ranges[count++] = fieldStart..length;
        source = unquoted[..length];
        return count;
    }
}
