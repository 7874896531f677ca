using System.Text;
using MiniExcelLibs;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.CrossCheck.Contracts;
using TechSchoolAid.Modules.CrossCheck.Features;

namespace TechSchoolAid.Tests.Modules.CrossCheck;

/// <summary>
/// The exchange reader parses CSV blocks of about 1 MB in parallel: these files span several blocks, so rows, row
/// numbers and refusals must come out as a reading in order would give them.
/// </summary>
public sealed class ExchangeReaderTests
{
    private const string Header = "证件号码*,姓名,资助项目,学年,学期,学校名称";

    static ExchangeReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private sealed class Rows
    {
        public List<(long Row, string Id, string Name, string Item, string School)> All { get; } = [];

        public void Add(in ExchangeFields r) => All.Add((r.RowNumber, r.IdNumber.ToString(), r.Name.ToString(), r.Item.ToString(), r.SchoolName.ToString()));
    }

    private static async Task<(List<(long Row, string Id, string Name, string Item, string School)> Rows, string Encoding)> Read(byte[] file, string name = "moe.csv")
    {
        var reader = new ExchangeReader();
        var states = await reader.ReadAsync(new MemoryStream(file), name, () => new Rows(), static (in ExchangeFields r, Rows s) => s.Add(r), default);
        return ([.. states.SelectMany(s => s.All).OrderBy(r => r.Row)], reader.EncodingName);
    }

    private static string Line(int i) => $"44010520080101{i % 10000:D4},学生{i},助学金,2026-2027,秋季学期,第{i % 7}中等职业学校";

    [Fact]
    public async Task ManyBlocks_EveryRowOnce_WithItsLineNumber_QuotesBomBlankLinesAndStarredHeader()
    {
        var text = new StringBuilder("\uFEFF\r\n").Append(Header).Append("\r\n");
        const int count = 60_000; // about 5 MB: five blocks
        for (var i = 0; i < count; i++)
        {
            text.Append(i == 45_000 ? "440105200801014500,\"王\"\"小\"\"二\",助学金,2026-2027,秋季学期,\"广州市第一职业学校,南校区\"" : Line(i));
            text.Append(i % 10_000 == 9_999 ? "\r\n,,,\r\n" : "\r\n");
        }

        var (rows, encoding) = await Read(Encoding.UTF8.GetBytes(text.ToString()));
        Assert.Equal("UTF-8", encoding);
        Assert.Equal(count, rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => r.Row).Distinct().Count());
        Assert.Equal((3L, "440105200801010000", "学生0"), (rows[0].Row, rows[0].Id, rows[0].Name));

        // Line 1 is blank, line 2 the header; after every 10,000th row one line of commas only (skipped, but counted).
        var quoted = rows.Single(r => r.Name == "王\"小\"二");
        Assert.Equal((45_000L + 3 + 4, "广州市第一职业学校,南校区"), (quoted.Row, quoted.School));
        Assert.Equal(count + 2 + 5, rows[^1].Row);
    }

    [Fact]
    public async Task FaultsInTwoBlocks_TheEarlierLineIsNamed()
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var text = new StringBuilder(Header).Append('\n');
            for (var i = 0; i < 50_000; i++)
            {
                text.Append(i is 8_000 or 40_000 ? "4401\0binary" : Line(i)).Append('\n');
            }

            var refused = await Assert.ThrowsAsync<AppException>(() => Read(Encoding.UTF8.GetBytes(text.ToString())));
            Assert.Contains("第 8002 行含有二进制内容", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task MixedEncodingsInDifferentBlocks_NamesTheFirstLineOfTheSecondEncoding()
    {
        var gbk = Encoding.GetEncoding("GB18030");
        var file = new MemoryStream();
        file.Write(Encoding.UTF8.GetBytes(Header + "\n"));
        for (var i = 0; i < 40_000; i++)
        {
            file.Write((i < 30_000 ? Encoding.UTF8 : gbk).GetBytes(Line(i) + "\n"));
        }

        var refused = await Assert.ThrowsAsync<AppException>(() => Read(file.ToArray()));
        Assert.Contains("混用了 UTF-8 和 GBK", refused.Message, StringComparison.Ordinal);
        Assert.Contains("第 30002 行", refused.Message, StringComparison.Ordinal);

        // All GBK (header included) is fine.
        var (rows, encoding) = await Read(gbk.GetBytes(Header + "\n" + string.Join("\n", Enumerable.Range(0, 20_000).Select(Line))));
        Assert.Equal(("GBK", 20_000), (encoding, rows.Count));
        Assert.Equal("学生19999", rows[^1].Name);
    }

    [Fact]
    public async Task TooLongLine_NoHeader_AndNotCsv_AreRefused()
    {
        var longLine = Encoding.UTF8.GetBytes(Header + "\n" + Line(1) + "\n" + new string('1', 1_100_000) + "\n" + Line(2) + "\n");
        Assert.Contains("第 3 行超过 1 MB", (await Assert.ThrowsAsync<AppException>(() => Read(longLine))).Message, StringComparison.Ordinal);
        Assert.Contains("文件是空的", (await Assert.ThrowsAsync<AppException>(() => Read(Encoding.UTF8.GetBytes("\r\n,,,\r\n  \r\n")))).Message, StringComparison.Ordinal);
        Assert.Contains("缺少必需的列：资助项目", (await Assert.ThrowsAsync<AppException>(() => Read(Encoding.UTF8.GetBytes("证件号码,姓名,学年,学期\n1,2,3,4\n")))).Message, StringComparison.Ordinal);
        Assert.Contains("只支持 CSV", (await Assert.ThrowsAsync<AppException>(() => Read(Encoding.UTF8.GetBytes(Header), "moe.pdf"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xlsx_ColumnsFoundByTheirHeader_EvenWithAStar()
    {
        var sheet = new MemoryStream();
        var rows = Enumerable.Range(0, 3).Select(i => new Dictionary<string, object>
        {
            ["姓名"] = $"学生{i}",
            ["证件号码*"] = $"44010520080101{i:D4}",
            ["资助项目"] = "免学费",
            ["学年"] = "2026-2027",
            ["学期"] = "秋季学期",
        }).ToList();
        await sheet.SaveAsAsync(rows, excelType: ExcelType.XLSX);
        var (read, encoding) = await Read(sheet.ToArray(), "moe.xlsx");
        Assert.Equal("xlsx", encoding);
        Assert.Equal(
            [(2L, "440105200801010000", "学生0", "免学费", ""), (3L, "440105200801010001", "学生1", "免学费", ""), (4L, "440105200801010002", "学生2", "免学费", "")],
            read);
    }

    [Fact]
    public async Task FileOver100Mb_RefusedWithAChineseMessage_BeforeAnyOfItIsRead()
    {
        var reader = new ExchangeReader();
        var huge = new UnreadableStream(ExchangeReader.DefaultMaxBytes + 1);
        var refused = await Assert.ThrowsAsync<AppException>(() => reader.ReadAsync(huge, "moe.csv", () => new Rows(), static (in ExchangeFields r, Rows s) => s.Add(r), default));
        Assert.Equal(ErrorKind.Validation, refused.Kind);
        Assert.Contains("文件超过 100 MB 的上限", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, huge.Reads);

        // An .xlsx is never read past 100 MB, even when the caller allows more for CSV.
        var xlsx = await Assert.ThrowsAsync<AppException>(() => new ExchangeReader(2 * ExchangeReader.DefaultMaxBytes)
            .ReadAsync(huge, "moe.xlsx", () => new Rows(), static (in ExchangeFields r, Rows s) => s.Add(r), default));
        Assert.Contains("文件超过 100 MB 的上限", xlsx.Message, StringComparison.Ordinal);
        Assert.Equal(0, huge.Reads);
    }

    /// <summary>Claims a length and fails any read: proves the refusal comes before reading.</summary>
    private sealed class UnreadableStream(long length) : Stream
    {
        public int Reads { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Reads++;
            throw new InvalidOperationException("read");
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = offset;

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
