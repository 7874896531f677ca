using System.IO.Compression;
using System.Text;
using MiniExcelLibs;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;

namespace TechSchoolAid.Tests.Kernel;

public sealed class UploadLimitsTests
{
    /// <summary>A valid workbook whose one cell holds <paramref name="cellChars"/> characters: a few hundred KB on the wire.</summary>
    private static byte[] XlsxWithOneCell(long cellChars)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string name, string xml)
            {
                using var w = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                w.Write(xml);
            }

            Part("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
            Part("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Part("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Part("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            using var sheet = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
            sheet.Write("""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>""");
            var chunk = new string('A', 64 * 1024);
            for (long written = 0; written < cellChars; written += chunk.Length)
            {
                sheet.Write(chunk.AsSpan(0, (int)Math.Min(chunk.Length, cellChars - written)));
            }

            sheet.Write("</t></is></c></row></sheetData></worksheet>");
        }

        return ms.ToArray();
    }

    [Fact]
    public void Read_XlsxWhoseOneCellHolds200Mb_RefusedInChineseWithoutUnpackingItIntoMemory()
    {
        var bomb = XlsxWithOneCell(200L * 1024 * 1024);
        Assert.True(bomb.Length < TabularFile.MaxBytes, $"{bomb.Length} bytes on the wire");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.ThrowsAny<AppException>(() => TabularFile.Read(bomb, "名单.xlsx"));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(ErrorKind.TooLarge, error.Kind);
        Assert.Contains("解压后超过", error.Message, StringComparison.Ordinal);
        // The check streams through a small buffer: far below even one copy of the cell (it took 2 GB before).
        Assert.True(allocated < 20L * 1024 * 1024, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void Read_XlsxWithOneCellPastExcelsOwnLimit_RefusedInChinese()
    {
        var error = Assert.ThrowsAny<AppException>(() => TabularFile.Read(XlsxWithOneCell(1024 * 1024), "名单.xlsx"));
        Assert.Contains("单元格内容过长", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_XlsxUnpackingPastTheLimitInManyCells_RefusedAsTooLarge()
    {
        // Many ordinary cells, each under Excel's own limit, together past the unpacked bound.
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var part = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
            var cell = "<c><v>" + new string('1', 1000) + "</v></c>";
            for (var i = 0; i < (TabularFile.MaxUnpackedBytes / cell.Length) + 10; i++)
            {
                part.Write(cell);
            }
        }

        var error = Assert.ThrowsAny<AppException>(() => TabularFile.Read(ms.ToArray(), "名单.xlsx"));
        Assert.Equal(ErrorKind.TooLarge, error.Kind);
        Assert.Contains("解压后超过", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OrdinaryXlsx_StillRead()
    {
        using var ms = new MemoryStream();
        ms.SaveAs(new[] { new Dictionary<string, object?> { ["姓名"] = "张三", ["班级"] = "1班" } }, excelType: ExcelType.XLSX);
        var sheet = TabularFile.Read(ms.ToArray(), "名单.xlsx");
        Assert.Equal("张三", Assert.Single(sheet.Rows).Cells["姓名"]);
    }

    [Theory]
    [InlineData("证明.bat", "application/pdf", "证明.pdf")]
    [InlineData("note.html", "image/png", "note.png")]
    [InlineData("\u202Egnp.exe", "image/png", "gnp.png")]      // shown as "exe.png" by a bidi-aware screen
    [InlineData("诊断\u0000证明.pdf.js", "image/jpeg", "诊断证明pdf.jpg")]
    [InlineData("../../etc/passwd", "application/pdf", "passwd.pdf")]
    [InlineData("<script>.pdf", "application/pdf", "script.pdf")]
    [InlineData("", "image/png", "证明材料.png")]
    [InlineData(null, "application/pdf", "证明材料.pdf")]
    public void SafeName_AnyUploadedName_ServerChosenExtensionAndHarmlessStem(string? uploaded, string detected, string expected)
    {
        Assert.Equal(expected, EvidenceUpload.SafeName(uploaded, detected));
    }

    [Fact]
    public void Check_PdfNamedBat_StoredAsPdf()
    {
        var upload = EvidenceUpload.Check("%PDF-1.4 test"u8.ToArray(), "证明.bat", "证明材料");
        Assert.Equal(("证明.pdf", "application/pdf"), (upload.FileName, upload.ContentType));
    }
}
