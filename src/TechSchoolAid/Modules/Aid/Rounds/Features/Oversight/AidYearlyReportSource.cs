using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Reports.Contracts;

namespace TechSchoolAid.Modules.Aid.Rounds.Features.Oversight;

/// <summary>
/// The yearly report's aid tables (RPT-1): per term of the calendar year (spring of the school year before, autumn of
/// the year) and item, the students and the amount approved; and the central-funding gap by its causes
/// (<see cref="AidReports.FundingGapAsync"/>, 人社厅函〔2024〕53号 二（二）) per organisation one level below the caller.
/// </summary>
public sealed class AidYearlyReportSource(TsaDbContext db, AidReports reports) : IYearlyReportSource
{
    public async Task<IReadOnlyList<ReportTable>> TablesAsync(YearlyReportQuery query, CancellationToken ct)
    {
        var year = query.Year;
        var prior = year - 1;
        var counts = await db.Set<AidEntry>().AsNoTracking()
            .Where(e => e.ScopePath.StartsWith(query.ScopePath) && e.State == AidEntryState.Approved
                && ((e.SchoolYear == prior && e.Semester == Semester.Spring) || (e.SchoolYear == year && e.Semester == Semester.Autumn)))
            .GroupBy(e => new { e.SchoolYear, e.Semester, e.Item })
            .Select(g => new { g.Key.SchoolYear, g.Key.Semester, g.Key.Item, Students = g.Count(), Amount = g.Sum(e => e.AmountFen) })
            .ToListAsync(ct);
        var rows = counts.OrderBy(c => c.SchoolYear).ThenBy(c => c.Semester).ThenBy(c => c.Item)
            .Select(c => new ReportRow([new AidTerm(c.SchoolYear, c.Semester).ToString(), AidTerm.ItemText(c.Item)], [c.Students, c.Amount])).ToList();
        foreach (var item in new[] { AidItem.Grant, AidItem.Waiver })
        {
            var of = counts.Where(c => c.Item == item).ToList();
            rows.Add(new ReportRow(["全年合计", AidTerm.ItemText(item)], [of.Sum(c => (long)c.Students), of.Sum(c => c.Amount)]));
        }

        var aid = new ReportTable("aid", "资助情况（按学期、资助项目）", 40, ["学期", "资助项目"],
            [new ReportColumn("审核通过人数（人次）", ReportValueKind.Count), new ReportColumn("审核通过金额", ReportValueKind.Money)], rows,
            "含当年春季学期（上一学年第二学期）和秋季学期；金额为审核通过名单的学期金额。");

        var gapRows = new List<ReportRow>();
        var province = query.ScopePath == "/" ? null : query.ScopePath.Trim('/');
        foreach (var (schoolYear, semester) in new[] { (prior, Semester.Spring), (year, Semester.Autumn) })
        {
            var term = new AidTerm(schoolYear, semester);
            if (term.StartsOn > query.To)
            {
                continue;
            }

            foreach (var item in new[] { AidItem.Grant, AidItem.Waiver })
            {
                var gap = await reports.FundingGapAsync(schoolYear, semester, item, perSchool: false, ct);
                // The ministry asking for one province gets the rows by province: that province's row is its total.
                var own = db.Actor.Level == OrgLevel.Ministry && province is not null ? gap.Rows.Where(r => r.Code == province).ToList() : gap.Rows.ToList();
                var total = db.Actor.Level == OrgLevel.Ministry && province is not null ? own.FirstOrDefault() : gap.Total;
                foreach (var r in own)
                {
                    gapRows.Add(new ReportRow([term.ToString(), AidTerm.ItemText(item), r.Name], [r.Undeclared, r.UndeclaredCentralFen, r.LateApproved, r.LateCentralFen, r.Gap, r.TotalCentralGapFen]));
                }

                if (total is not null && own.Count != 1)
                {
                    gapRows.Add(new ReportRow([term.ToString(), AidTerm.ItemText(item), "合计"],
                        [total.Undeclared, total.UndeclaredCentralFen, total.LateApproved, total.LateCentralFen, total.Gap, total.TotalCentralGapFen]));
                }
            }
        }

        var gapTable = new ReportTable("funding-gap", "中央资金缺口（按原因）", 50, ["学期", "资助项目", "单位"],
            [new ReportColumn("符合条件未申报（人）", ReportValueKind.Count), new ReportColumn("未申报对应中央资金", ReportValueKind.Money),
             new ReportColumn("逾期审批（人）", ReportValueKind.Count), new ReportColumn("逾期审批对应中央资金", ReportValueKind.Money),
             new ReportColumn("申报未获批（人）", ReportValueKind.Count), new ReportColumn("中央资金缺口合计", ReportValueKind.Money)], gapRows,
            "依据人社厅函〔2024〕53号 二（二）：未注册申报或审批不及时造成的中央补助资金缺口由相关省、地市和技工院校自行负责。");
        return [aid, gapTable];
    }
}
