using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Graduation.Contracts;
using TechSchoolAid.Modules.Graduation.Domain;
using TechSchoolAid.Modules.Reports.Contracts;

namespace TechSchoolAid.Modules.Graduation.Features.Oversight;

/// <summary>The yearly report's graduates table (RPT-1): certificates issued for the year's graduations, by kind (毕业, 结业), and how many were later upgraded.</summary>
public sealed class GraduationYearlyReportSource(TsaDbContext db) : IYearlyReportSource
{
    public async Task<IReadOnlyList<ReportTable>> TablesAsync(YearlyReportQuery query, CancellationToken ct)
    {
        var (from, to) = (query.From, query.To);
        var counts = await db.Set<Certificate>().AsNoTracking()
            .Where(c => c.ScopePath.StartsWith(query.ScopePath) && c.GraduationDate >= from && c.GraduationDate <= to)
            .GroupBy(c => c.Kind)
            .Select(g => new { Kind = g.Key, All = g.Count(), Superseded = g.Count(c => c.SupersededByNumber != null) })
            .ToListAsync(ct);
        var rows = counts.OrderBy(c => c.Kind).Select(c => new ReportRow([c.Kind.ToChinese()], [c.All, c.Superseded])).ToList();
        rows.Add(new ReportRow(["合计"], [counts.Sum(c => (long)c.All), counts.Sum(c => (long)c.Superseded)]));
        return
        [
            new ReportTable("graduates", "毕业生与证书", 30, ["证书类型"],
                [new ReportColumn("颁发证书（份）", ReportValueKind.Count), new ReportColumn("其中后来换发（份）", ReportValueKind.Count)], rows,
                "按证书上的毕业（结业）日期计入当年；结业后换发毕业证书的，原证书计入“其中后来换发”。"),
        ];
    }
}
