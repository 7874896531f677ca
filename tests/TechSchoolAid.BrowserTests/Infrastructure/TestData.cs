using System.Text;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.BrowserTests.Infrastructure;

/// <summary>Demo accounts and direct look-ups in the test database (as the system actor).</summary>
public static class TestData
{
    /// <summary>A 市管 school under city 4401 (广州); its supervisor is city-4401.</summary>
    public const string CitySchool = "44010004";

    /// <summary>A 省管 school, also in city 4401, but outside school 44010004's scope.</summary>
    public const string ProvinceSchool = "44010001";

    public const string CitySchoolUser = "school-" + CitySchool;
    public const string CityReviewer = "city-4401";

    public static Task<int> CountStudentsAsync(this AppServer app, string schoolCode) =>
        app.WithDbAsync(db => db.Set<StudentRecord>().CountAsync(s => s.SchoolCode == schoolCode));

    public static Task<StudentRecord?> FindStudentAsync(this AppServer app, string schoolCode, string name) =>
        app.WithDbAsync(db => db.Set<StudentRecord>().AsNoTracking().FirstOrDefaultAsync(s => s.SchoolCode == schoolCode && s.Name == name));

    public static Task<StudentRecord?> GetStudentAsync(this AppServer app, Guid id) =>
        app.WithDbAsync(db => db.Set<StudentRecord>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id));

    public static Task<StudentRecord> AnyStudentOfAsync(this AppServer app, string schoolCode) =>
        app.WithDbAsync(db => db.Set<StudentRecord>().AsNoTracking().OrderBy(s => s.Name).FirstAsync(s => s.SchoolCode == schoolCode));

    /// <summary>One student row of the import template (CSV), autumn 2026 intake, with a valid or deliberately broken ID number.</summary>
    public sealed record ImportRow(string Name, string IdNumber, string County = "440305", string ClassName = "2026级导入1班");

    public static readonly string[] ImportHeaders =
        ["姓名", "证件号码", "民族", "户籍性质", "户籍所在县区代码", "专业", "培养层次", "入学前学历", "学制", "是否全日制", "招生年份", "招生季", "入学日期", "班级"];

    /// <summary>A UTF-8 CSV (with BOM, as Excel saves it); the header is spreadsheet row 1, so the first student is row 2.</summary>
    public static byte[] ImportCsv(params ImportRow[] rows)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(',', ImportHeaders));
        foreach (var r in rows)
        {
            text.AppendLine(string.Join(',', r.Name, r.IdNumber, "汉族", "农村", r.County, "数控加工", "中级工", "初中", "3", "是", "2026", "秋季", "2026-09-01", r.ClassName));
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }
}
