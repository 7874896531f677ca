using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Reports.Contracts;
using TechSchoolAid.Modules.Standards.Domain;

namespace TechSchoolAid.Modules.Standards.Features.Oversight;

/// <summary>
/// The yearly report's tables of INS-2/PUB-2 (RPT-1): per province and city (省管 schools under 「省直管」) the schools,
/// those with aid rules, with aid staff, the staff and those trained within the period, brochures approved and missing
/// for the current intake; and per province the trainings it ran in the year and their attendees.
/// </summary>
public sealed class StandardsYearlyReportSource(TsaDbContext db, StandardsFacts facts) : IYearlyReportSource
{
    public async Task<IReadOnlyList<ReportTable>> TablesAsync(YearlyReportQuery query, CancellationToken ct)
    {
        var standings = await facts.StandingsAsync(null, query.ScopePath, query.To, ct);
        var units = await db.AllOrganizations().Where(o => (o.Level == OrgLevel.Province || o.Level == OrgLevel.City) && o.ScopePath.StartsWith(query.ScopePath))
            .Select(o => new { o.Code, o.Name, o.Level, o.ScopePath }).ToListAsync(ct);
        var names = units.ToDictionary(u => u.ScopePath, u => u.Name);
        string Province(string path) => names.GetValueOrDefault("/" + StandardsSteps.ProvinceOf(path) + "/", StandardsSteps.ProvinceOf(path));
        string City(string path)
        {
            var parent = Kernel.ScopePaths.ParentOf(path);
            return parent.Count(c => c == '/') == 2 ? "省直管" : names.GetValueOrDefault(parent, parent);
        }

        var rows = standings.GroupBy(s => (Province: Province(s.ScopePath), City: City(s.ScopePath))).OrderBy(g => g.Key.Province, StringComparer.Ordinal).ThenBy(g => g.Key.City, StringComparer.Ordinal)
            .Select(g => new ReportRow([g.Key.Province, g.Key.City], Values(g))).ToList();
        if (rows.Count > 0)
        {
            rows.Add(new ReportRow(["合计", ""], Values(standings)));
        }

        var schoolsTable = new ReportTable("standards", "资助工作规范化与招生简章", 70, ["省份", "地市"],
        [
            new("学校数", ReportValueKind.Count), new("有现行资助制度的学校", ReportValueKind.Count), new("有在岗资助工作人员的学校", ReportValueKind.Count),
            new("在岗资助工作人员", ReportValueKind.Count), new("其中周期内参加培训", ReportValueKind.Count), new("招生简章已通过", ReportValueKind.Count),
            new("未提交招生简章", ReportValueKind.Count),
        ], rows, "截至报告期末；培训周期与当前招生季按各省设定的规范化政策参数计算。");

        var inYear = db.Set<Training>().AsNoTracking().Where(t => t.StartsOn >= query.From && t.StartsOn <= query.To && t.ScopePath.StartsWith(query.ScopePath));
        var runs = await inYear.GroupBy(t => t.ScopePath).Select(g => new { Path = g.Key, Count = g.Count(), Hours = g.Sum(t => t.Hours) }).ToListAsync(ct);
        var attended = await db.Set<StaffTraining>().AsNoTracking().Where(s => s.TrainingId != null)
            .Join(inYear, s => s.TrainingId, t => (Guid?)t.Id, (s, t) => t.ScopePath)
            .GroupBy(p => p).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var trainings = runs.Select(r => new { r.Path, r.Count, r.Hours, Attendees = attended.GetValueOrDefault(r.Path) }).ToList();
        var trainingRows = trainings.OrderBy(t => t.Path, StringComparer.Ordinal)
            .Select(t => new ReportRow([names.GetValueOrDefault(t.Path, t.Path)], [t.Count, t.Hours, t.Attendees])).ToList();
        if (trainingRows.Count > 1)
        {
            trainingRows.Add(new ReportRow(["合计"], [trainings.Sum(t => t.Count), trainings.Sum(t => t.Hours), trainings.Sum(t => t.Attendees)]));
        }

        var trainingTable = new ReportTable("standards-trainings", "省级资助工作培训", 71, ["省份"],
            [new("举办培训期数", ReportValueKind.Count), new("培训学时", ReportValueKind.Count), new("参训人次", ReportValueKind.Count)], trainingRows, "按培训开始日期计入年度。");
        return [schoolsTable, trainingTable];
    }

    private static IReadOnlyList<long> Values(IEnumerable<Oversight.SchoolStanding> group)
    {
        var list = group.ToList();
        return [list.Count, list.Count(s => s.HasRules), list.Count(s => s.HasStaff), list.Sum(s => s.StaffCurrent), list.Sum(s => s.StaffTrained),
            list.Count(s => s.BrochureApproved), list.Count(s => s.BrochureMissing)];
    }
}
