using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Reports.Contracts;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.StatusChanges.Domain;

namespace TechSchoolAid.Modules.StatusChanges.Features.Oversight;

/// <summary>
/// The yearly report's status-change table (RPT-1): the changes approved in the year by kind, how many within their
/// deadline and the on-time rate. A transfer is counted once, at the sending school.
/// </summary>
public sealed class StatusChangesYearlyReportSource(TsaDbContext db) : IYearlyReportSource
{
    public async Task<IReadOnlyList<ReportTable>> TablesAsync(YearlyReportQuery query, CancellationToken ct)
    {
        var (from, to) = (query.From, query.To);
        var counts = await db.Set<StatusChange>().AsNoTracking()
            .Where(c => c.ScopePath.StartsWith(query.ScopePath) && c.State == StatusChangeState.Approved && c.Side != TransferSide.In
                && c.ProcessedOn >= from && c.ProcessedOn <= to)
            .GroupBy(c => c.Kind)
            .Select(g => new { Kind = g.Key, All = g.Count(), Late = g.Count(c => c.ProcessedLate) })
            .ToListAsync(ct);
        var rows = counts.OrderBy(c => c.Kind)
            .Select(c => Row(c.Kind.ToChinese(), c.All, c.Late)).ToList();
        rows.Add(Row("合计", counts.Sum(c => c.All), counts.Sum(c => c.Late)));
        return
        [
            new ReportTable("status-changes", "学籍异动（按类型）", 20, ["异动类型"],
                [new ReportColumn("办结（件）", ReportValueKind.Count), new ReportColumn("按时办结（件）", ReportValueKind.Count),
                 new ReportColumn("逾期办结（件）", ReportValueKind.Count), new ReportColumn("按时办结率", ReportValueKind.PerMille)],
                rows, "按当年审批办结的异动统计；转学只在转出学校计一次；按时指在规定工作日内办结。"),
        ];
    }

    private static ReportRow Row(string label, int all, int late) =>
        new([label], [all, all - late, late, all == 0 ? 0 : (all - late) * 1000L / all]);
}
