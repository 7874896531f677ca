using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.CrossCheck.Contracts;
using TechSchoolAid.Modules.CrossCheck.Domain;
using TechSchoolAid.Modules.Reports.Contracts;

namespace TechSchoolAid.Modules.CrossCheck.Features.Oversight;

/// <summary>The yearly report's cross-check table (RPT-1): cases found in the year by kind, how many were cleared, how many ended with the aid revoked, how many remain open.</summary>
public sealed class CrossCheckYearlyReportSource(TsaDbContext db) : IYearlyReportSource
{
    public async Task<IReadOnlyList<ReportTable>> TablesAsync(YearlyReportQuery query, CancellationToken ct)
    {
        var (from, to) = (query.From, query.To);
        var counts = await db.Set<CrossCheckCase>().AsNoTracking()
            .Where(c => c.ScopePath.StartsWith(query.ScopePath) && c.FoundOn >= from && c.FoundOn <= to)
            .GroupBy(c => c.Kind)
            .Select(g => new
            {
                Kind = g.Key,
                Found = g.Count(),
                Cleared = g.Count(c => c.State != CrossCheckCaseState.Open),
                Revoked = g.Count(c => c.State == CrossCheckCaseState.Withdrawn),
                Open = g.Count(c => c.State == CrossCheckCaseState.Open),
            }).ToListAsync(ct);
        var rows = counts.OrderBy(c => c.Kind)
            .Select(c => new ReportRow([c.Kind == CrossCheckKind.MinistryMatch ? "教育部名单比对" : "本系统内重复资助"], [c.Found, c.Cleared, c.Revoked, c.Open])).ToList();
        rows.Add(new ReportRow(["合计"], [counts.Sum(c => (long)c.Found), counts.Sum(c => (long)c.Cleared), counts.Sum(c => (long)c.Revoked), counts.Sum(c => (long)c.Open)]));
        return
        [
            new ReportTable("cross-check", "重复资助比对", 60, ["比对类型"],
                [new ReportColumn("发现（件）", ReportValueKind.Count), new ReportColumn("已清理（件）", ReportValueKind.Count),
                 new ReportColumn("其中撤销资助（件）", ReportValueKind.Count), new ReportColumn("未清理（件）", ReportValueKind.Count)], rows,
                "按发现日期计入当年；已清理含保留、撤销资助和转学三种结论。"),
        ];
    }
}
