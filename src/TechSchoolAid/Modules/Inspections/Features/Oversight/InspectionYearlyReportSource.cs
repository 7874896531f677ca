using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.Inspections.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Reports.Contracts;

namespace TechSchoolAid.Modules.Inspections.Features.Oversight;

/// <summary>The yearly report's inspection table (RPT-1): per province, schools planned, visited, findings, rectified, spot checks. Counts in the database.</summary>
public sealed class InspectionYearlyReportSource(TsaDbContext db) : IYearlyReportSource
{
    public async Task<IReadOnlyList<ReportTable>> TablesAsync(YearlyReportQuery query, CancellationToken ct)
    {
        var scope = query.ScopePath;
        var year = query.Year;
        var planned = await db.Set<PlanEntry>().AsNoTracking()
            .Where(e => e.ScopePath.StartsWith(scope) && db.Set<InspectionPlan>().Any(p => p.Id == e.PlanId && p.Year == year))
            .Join(db.Set<InspectionPlan>(), e => e.PlanId, p => p.Id, (e, p) => p.ProvinceCode)
            .GroupBy(c => c).Select(g => new { Code = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Code, x => x.Count, ct);
        var visits = await db.Set<InspectionVisit>().AsNoTracking().Where(v => v.ScopePath.StartsWith(scope) && v.Year == year)
            .GroupBy(v => v.ProvinceCode)
            .Select(g => new
            {
                Code = g.Key,
                Visited = g.Where(v => v.Kind == VisitKind.Planned).Select(v => v.TargetCode).Distinct().Count(),
                Spot = g.Count(v => v.Kind == VisitKind.SpotCheck),
            }).ToDictionaryAsync(x => x.Code, ct);
        var findings = await db.Set<Finding>().AsNoTracking().Where(f => f.ScopePath.StartsWith(scope))
            .Join(db.Set<InspectionVisit>().Where(v => v.Year == year), f => f.VisitId, v => v.Id, (f, v) => v.ProvinceCode)
            .GroupBy(c => c).Select(g => new { Code = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Code, x => x.Count, ct);
        var tasks = await db.Set<RectificationTask>().AsNoTracking().Where(t => t.ScopePath.StartsWith(scope) && t.Year == year)
            .Join(db.Set<InspectionVisit>(), t => t.VisitId, v => v.Id, (t, v) => new { v.ProvinceCode, t.State })
            .GroupBy(x => x.ProvinceCode)
            .Select(g => new { Code = g.Key, All = g.Count(), Closed = g.Count(x => x.State == RectificationState.Closed) })
            .ToDictionaryAsync(x => x.Code, ct);
        var codes = planned.Keys.Concat(visits.Keys).Concat(findings.Keys).Concat(tasks.Keys).Distinct().OrderBy(c => c, StringComparer.Ordinal).ToList();
        var rows = codes.Select(c => new ReportRow([Divisions.ProvinceName(c) ?? c],
        [
            planned.GetValueOrDefault(c), visits.TryGetValue(c, out var v) ? v.Visited : 0, findings.GetValueOrDefault(c),
            tasks.TryGetValue(c, out var t) ? t.All : 0, tasks.TryGetValue(c, out var t2) ? t2.Closed : 0, visits.TryGetValue(c, out var v2) ? v2.Spot : 0,
        ])).ToList();
        if (rows.Count > 1)
        {
            rows.Add(new ReportRow(["合计"], Enumerable.Range(0, 6).Select(i => rows.Sum(r => r.Values[i])).ToList()));
        }

        return
        [
            new ReportTable("inspections", $"{year}年资助核查", 70, ["省份"],
                [new("计划检查学校", ReportValueKind.Count), new("已检查学校", ReportValueKind.Count), new("检查发现", ReportValueKind.Count),
                 new("整改任务", ReportValueKind.Count), new("已整改", ReportValueKind.Count), new("部级抽查", ReportValueKind.Count)],
                rows, "依据人社厅函〔2024〕53号三(二)：省管院校当年全覆盖，市管院校当年三分之一以上，争取三年全覆盖。"),
        ];
    }
}
