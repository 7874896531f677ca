using System.Text;

namespace TechSchoolAid.Kernel.Files;

/// <summary>
/// Reads a CSV file of any size record by record (RFC 4180 quoting, CR/LF/CRLF line ends), with the same encoding rule as
/// <see cref="TabularFile.Decode"/>: UTF-8 when the start of the file is valid UTF-8 (BOM or not), otherwise GB 18030,
/// the superset of GBK. Memory stays bounded by the longest record.
/// </summary>
public sealed class CsvStreamReader : IDisposable
{
    private const int SniffBytes = 64 * 1024;
    private readonly FileStream _stream;
    private readonly StreamReader _reader;
    private readonly StringBuilder _field = new();

    static CsvStreamReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public CsvStreamReader(string path)
    {
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Length = _stream.Length;
        var encoding = Sniff(_stream);
        _stream.Position = 0;
        _reader = new StreamReader(_stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
    }

    public long Length { get; }

    /// <summary>Bytes read so far (to the reader's buffer): good enough for a progress bar.</summary>
    public long Position => _stream.Position;

    /// <summary>The next record, or null at the end of the file.</summary>
    public List<string>? ReadRecord()
    {
        var record = new List<string>();
        _field.Clear();
        var inQuotes = false;
        var any = false;
        while (true)
        {
            var c = _reader.Read();
            if (c < 0)
            {
                if (!any)
                {
                    return null;
                }

                record.Add(_field.ToString());
                return record;
            }

            any = true;
            var ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (_reader.Peek() == '"')
                    {
                        _reader.Read();
                        _field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    _field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"' when _field.Length == 0:
                    inQuotes = true;
                    break;
                case ',':
                    record.Add(_field.ToString());
                    _field.Clear();
                    break;
                case '\r':
                    if (_reader.Peek() == '\n')
                    {
                        _reader.Read();
                    }

                    record.Add(_field.ToString());
                    return record;
                case '\n':
                    record.Add(_field.ToString());
                    return record;
                default:
                    _field.Append(ch);
                    break;
            }
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _stream.Dispose();
    }

    private static Encoding Sniff(FileStream stream)
    {
        var buffer = new byte[SniffBytes];
        var read = stream.ReadAtLeast(buffer, SniffBytes, throwOnEndOfStream: false);
        var span = buffer.AsSpan(0, read);
        if (read == SniffBytes)
        {
            // Do not judge a multi-byte character cut by the end of the sample.
            var cut = 0;
            while (cut < 3 && cut < span.Length && (span[^(cut + 1)] & 0xC0) == 0x80)
            {
                cut++;
            }

            if (cut < span.Length && span[^(cut + 1)] >= 0xC0)
            {
                cut++;
            }

            span = span[..^cut];
        }

        try
        {
            new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(span);
            return new UTF8Encoding(false);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030");
        }
    }
}
