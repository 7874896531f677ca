using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using TechSchoolAid.Modules.Students.Features;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.Students;

public sealed class LargeImportTests
{
    private const string School = "44010004";

    /// <summary>45,000 rows is inside the stated limits (50,000 rows, 10 MB); it answered 500 (too many SQL variables).</summary>
    [Fact]
    public async Task Import_45000RowXlsxOnSqlite_AllImported()
    {
        const int count = 45_000;
        var rows = Enumerable.Range(0, count).Select(i =>
        {
            var birth = new DateOnly(2009, 1, 1).AddDays(i / 1000).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            var first17 = "440305" + birth + (i % 1000).ToString("D3", CultureInfo.InvariantCulture);
            int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
            var id = first17 + "10X98765432"[first17.Select((c, k) => (c - '0') * weights[k]).Sum() % 11];
            // Names hold no digits: the number spelt in Chinese numerals keeps the 45,000 names apart.
            var name = "学生" + string.Concat(i.ToString(CultureInfo.InvariantCulture).Select(d => "零一二三四五六七八九"[d - '0']));
            string[] values = [name, "居民身份证", id, "", "", "汉族", "农村", "440305", "数控加工", "否", "中级工", "初中", "3", "是",
                "2026", "秋季", "2026-09-01", "2026级数控" + (i % 40 + 1).ToString(CultureInfo.InvariantCulture) + "班", "13800138000", "", "", "否"];
            return (IDictionary<string, object?>)ImportStudents.Columns.Select((c, k) => (c.Header, Value: (object?)(k < values.Length ? values[k] : null))).ToDictionary(x => x.Header, x => x.Value);
        }).ToList();
        using var ms = new MemoryStream();
        ms.SaveAs(rows, excelType: ExcelType.XLSX);
        var bytes = ms.ToArray();
        Assert.True(bytes.Length < TechSchoolAid.Kernel.Files.TabularFile.MaxBytes, $"{bytes.Length} bytes");

        await using var db = await TestDatabase.CreateAsync(TestDatabase.Sqlite, studentsPerSchool: 1);
        var school = await db.ActorOf($"school-{School}");
        var report = await db.As(school, sp => sp.GetRequiredService<ImportStudents>().HandleAsync(School, bytes, "45000.xlsx", default));

        Assert.True(report.Accepted, string.Join("; ", report.Errors.Take(5).Select(e => $"{e.Row} {e.Column} {e.Message}")));
        Assert.Equal(count, report.Imported);
        var list = await db.As(school, sp => sp.GetRequiredService<StudentQueries>().ListAsync(new StudentFilter { SchoolCode = School, PageSize = 1 }, default));
        Assert.Equal(count + 1, list.Total);
    }
}
