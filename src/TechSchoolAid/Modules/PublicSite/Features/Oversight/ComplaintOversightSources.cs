using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Dashboards.Contracts;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.PublicSite.Contracts;
using TechSchoolAid.Modules.PublicSite.Domain;
using TechSchoolAid.Modules.Reports.Contracts;

namespace TechSchoolAid.Modules.PublicSite.Features.Oversight;

/// <summary>
/// Complaints as a reason to visit a school first (INS-1): the complaints about a school in the last 12 months, each
/// weighing 1, an upheld or overdue one 3 more (the weights are this source's, documented in ADR 0021).
/// </summary>
public sealed class ComplaintRiskSource(TsaDbContext db) : IInspectionRiskSource
{
    public const int Weight = 1;
    public const int ExtraWeight = 3;

    public async Task<IReadOnlyList<SchoolRisk>> RisksAsync(string provinceScopePath, DateOnly asOf, CancellationToken ct)
    {
        var since = asOf.AddMonths(-12);
        var rows = await db.Set<Complaint>().AsNoTracking()
            .Where(c => c.ScopePath.StartsWith(provinceScopePath) && c.SchoolCode != null && c.Kind == ComplaintKind.Complaint && c.FiledOn > since && c.FiledOn <= asOf)
            .GroupBy(c => c.SchoolCode!)
            .Select(g => new
            {
                School = g.Key,
                Count = g.Count(),
                Serious = g.Count(c => c.Upheld == true || (c.Status == ComplaintStatus.Open && c.FirstDueOn < asOf) || (c.AnsweredOn != null && c.AnsweredOn > c.FirstDueOn)),
            })
            .ToListAsync(ct);
        return rows.Select(r => new SchoolRisk(r.School, "complaints", $"近12个月投诉{r.Count}件，其中属实或逾期答复{r.Serious}件",
            (r.Count * Weight) + (r.Serious * ExtraWeight))).ToList();
    }
}

/// <summary>The dashboard tile 咨询投诉 (RPT-1): open, overdue, answered on time (per mille), by unit of the level below.</summary>
public sealed class ComplaintDashboardSource(TsaDbContext db) : IDashboardSource
{
    public async Task<IReadOnlyList<DashboardTile>> TilesAsync(DashboardQuery query, CancellationToken ct)
    {
        var today = query.Today;
        var yearStart = new DateOnly(query.Year, 1, 1);
        var rows = await db.Set<Complaint>().AsNoTracking().Where(c => c.ScopePath.StartsWith(query.ScopePath))
            .Where(c => c.Status == ComplaintStatus.Open || c.FiledOn >= yearStart)
            .Select(c => new Row(c.ScopePath, c.Status, c.FirstDueOn, c.AnsweredOn, c.FiledOn))
            .ToListAsync(ct);
        long[] Figures(IEnumerable<Row> set)
        {
            var list = set.ToList();
            var open = list.Count(c => c.Status == ComplaintStatus.Open);
            var overdue = list.Count(c => c.Status == ComplaintStatus.Open && c.FirstDueOn < today);
            var answered = list.Where(c => c.AnsweredOn != null && c.FiledOn >= yearStart).ToList();
            var onTime = answered.Count(c => c.AnsweredOn <= c.FirstDueOn);
            return [open, overdue, answered.Count == 0 ? 0 : onTime * 1000L / answered.Count];
        }

        var all = Figures(rows);
        var table = new DashboardTable(
            [new("办理中", "件"), new("逾期未答复", "件"), new("按期答复率", "%")],
            query.Units.Select(u => new DashboardRow(u.Code, u.Name, Figures(rows.Where(r => r.ScopePath.StartsWith(u.ScopePath, StringComparison.Ordinal))),
                u.Level == Kernel.Security.OrgLevel.School ? $"/complaints?schoolCode={u.Code}" : "/complaints")).ToList());
        return
        [
            new DashboardTile("complaints", "咨询投诉", 70,
            [
                new("办理中", all[0], "件", DashboardTone.Neutral, "/complaints?filter=Open"),
                new("逾期未答复", all[1], "件", all[1] > 0 ? DashboardTone.Bad : DashboardTone.Good, "/complaints?filter=Overdue"),
                new("按期答复率", all[2], "%", all[2] >= 900 ? DashboardTone.Good : DashboardTone.Warning, "/complaints?filter=Answered"),
            ], table),
        ];
    }

    private sealed record Row(string ScopePath, ComplaintStatus Status, DateOnly FirstDueOn, DateOnly? AnsweredOn, DateOnly FiledOn);
}

/// <summary>The yearly report's complaints table (RPT-1): per province, received by kind, answered on time, overdue, escalated.</summary>
public sealed class ComplaintYearlyReportSource(TsaDbContext db) : IYearlyReportSource
{
    public async Task<IReadOnlyList<ReportTable>> TablesAsync(YearlyReportQuery query, CancellationToken ct)
    {
        var rows = await db.Set<Complaint>().AsNoTracking()
            .Where(c => c.ScopePath.StartsWith(query.ScopePath) && c.FiledOn >= query.From && c.FiledOn <= query.To)
            .GroupBy(c => new { c.ProvinceCode, c.ProvinceName })
            .Select(g => new
            {
                g.Key.ProvinceCode,
                g.Key.ProvinceName,
                Consultations = g.Count(c => c.Kind == ComplaintKind.Consultation),
                Complaints = g.Count(c => c.Kind == ComplaintKind.Complaint),
                OnTime = g.Count(c => c.AnsweredOn != null && c.AnsweredOn <= c.FirstDueOn),
                Overdue = g.Count(c => (c.AnsweredOn == null && c.FirstDueOn < query.To) || (c.AnsweredOn != null && c.AnsweredOn > c.FirstDueOn)),
                Escalated = g.Count(c => c.EscalationLevel > 0),
            })
            .ToListAsync(ct);
        var ordered = rows.OrderBy(r => r.ProvinceCode, StringComparer.Ordinal).Select(r => new ReportRow([r.ProvinceName],
            [r.Consultations, r.Complaints, r.OnTime, r.Overdue, r.Escalated])).ToList();
        if (ordered.Count > 1)
        {
            ordered.Add(new ReportRow(["合计"], Enumerable.Range(0, 5).Select(i => ordered.Sum(r => r.Values[i])).ToList()));
        }

        return
        [
            new ReportTable("complaints", "政策咨询与投诉办理情况", 70, ["省份"],
                [new("受理咨询", ReportValueKind.Count), new("受理投诉", ReportValueKind.Count), new("按期答复", ReportValueKind.Count),
                 new("逾期答复或逾期未答复", ReportValueKind.Count), new("逐级上报", ReportValueKind.Count)],
                ordered, "按期：在承办单位的答复期限（工作日，咨询投诉答复时限表）内答复；逐级上报：逾期后由定时任务上报上级。"),
        ];
    }
}
