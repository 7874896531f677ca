using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Reports.Contracts;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Modules.Students.Features.Oversight;

/// <summary>
/// The yearly report's students table (RPT-1): by province, training level and school kind, the students in the register
/// at the end of the year (registration approved, enrolled by then, and still in school then: in school, suspended or
/// reserved now, or left only after the year) and the year's new registrations (intake of the year, approved). Counted in
/// the database grouped by school and level; the schools' province and kind come from the organisation tree.
/// </summary>
public sealed class StudentsYearlyReportSource(TsaDbContext db) : IYearlyReportSource
{
    public static string LevelText(TrainingLevel level) => level switch
    {
        TrainingLevel.Intermediate => "中级工",
        TrainingLevel.Senior => "高级工",
        TrainingLevel.PreTechnician => "预备技师",
        _ => "其他",
    };

    public async Task<IReadOnlyList<ReportTable>> TablesAsync(YearlyReportQuery query, CancellationToken ct)
    {
        var to = query.To;
        var year = query.Year;
        var counts = await db.Set<StudentRecord>().AsNoTracking()
            .Where(s => s.ScopePath.StartsWith(query.ScopePath) && s.RegistrationState == RegistrationState.Approved && s.EnrolmentDate <= to)
            .GroupBy(s => new { s.SchoolId, s.TrainingLevel })
            .Select(g => new
            {
                g.Key.SchoolId,
                g.Key.TrainingLevel,
                InRegister = g.Count(s => s.Status == EnrolmentStatus.Active || s.Status == EnrolmentStatus.Suspended || s.Status == EnrolmentStatus.Reserved
                    || (s.StatusSince != null && s.StatusSince > to)),
                New = g.Count(s => s.IntakeYear == year),
            }).ToListAsync(ct);
        var schools = await db.SchoolGroupingsAsync(query.ScopePath, ct);
        var rows = counts
            .Select(c => (School: schools.GetValueOrDefault(c.SchoolId), c.TrainingLevel, c.InRegister, c.New))
            .Where(c => c.School is not null)
            .GroupBy(c => (c.School!.ProvinceCode, c.School.ProvinceName, c.TrainingLevel, c.School.KindName))
            .OrderBy(g => g.Key.ProvinceCode, StringComparer.Ordinal).ThenBy(g => g.Key.TrainingLevel).ThenBy(g => g.Key.KindName, StringComparer.Ordinal)
            .Select(g => new ReportRow([g.Key.ProvinceName, LevelText(g.Key.TrainingLevel), g.Key.KindName], [g.Sum(x => (long)x.InRegister), g.Sum(x => (long)x.New)]))
            .ToList();
        rows.Add(new ReportRow(["合计", "", ""], [rows.Sum(r => r.Values[0]), rows.Sum(r => r.Values[1])]));
        return
        [
            new ReportTable("students", "学生人数（按省份、培养层次、学校类别）", 10, ["省份", "培养层次", "学校类别"],
                [new ReportColumn("年末在籍学生（人）", ReportValueKind.Count), new ReportColumn("当年新注册学生（人）", ReportValueKind.Count)], rows,
                "年末在籍：注册审核通过、年末前入学且年末仍在籍（含休学、保留学籍）；新注册：当年入学并经审核注册的学生。"),
        ];
    }
}
