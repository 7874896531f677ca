using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Dashboards.Contracts;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.StatusChanges.Domain;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.StatusChanges.Features;

/// <summary>
/// RPT-1 "status changes on time" (STA-2): the changes that occurred in the year at the schools (a transfer counted once,
/// at the sending school; undone changes left out), by the completion rule of <see cref="StatusChange.CompletedOn"/> —
/// completed in the system by the due date (10 working days, 人社厅函〔2024〕53号) or after it — and those still open,
/// within or past their due date. Counted in SQL by scope path over the index ix_status_changes_dashboard.
/// </summary>
public sealed class StatusChangeDashboardSource(TsaDbContext db) : IDashboardSource
{
    public const string Key = "status-changes";

    private const int Changes = 0, OnTime = 1, CompletedLate = 2, Open = 3, OpenLate = 4;

    private static readonly DashboardColumn[] Columns =
    [
        new("异动", "件"), new("按期完成", "件"), new("逾期完成", "件"), new("办理中", "件"), new("逾期未完成", "件"), new("按期完成率", "%"),
    ];

    public async Task<IReadOnlyList<DashboardTile>> TilesAsync(DashboardQuery query, CancellationToken ct)
    {
        if (!db.Actor.May(StudentAccess.View))
        {
            return [];
        }

        var from = new DateOnly(query.Year, 1, 1);
        var to = from.AddYears(1);
        var today = query.Today;
        var counts = await db.Set<StatusChange>().AsNoTracking()
            .Where(c => c.OccurredOn >= from && c.OccurredOn < to && c.ScopePath.StartsWith(query.ScopePath)
                        && c.Side != TransferSide.In && c.State != StatusChangeState.Undone)
            .GroupBy(c => c.ScopePath)
            .Select(g => new
            {
                ScopePath = g.Key,
                Changes = g.LongCount(),
                OnTime = g.Sum(c => c.CompletedOn != null && c.CompletedOn <= c.DueDate ? 1L : 0L),
                Late = g.Sum(c => c.CompletedOn != null && c.CompletedOn > c.DueDate ? 1L : 0L),
                Open = g.Sum(c => c.CompletedOn == null && c.State != StatusChangeState.Approved && c.DueDate >= today ? 1L : 0L),
                OpenLate = g.Sum(c => c.CompletedOn == null && c.State != StatusChangeState.Approved && c.DueDate < today ? 1L : 0L),
            })
            .ToListAsync(ct);

        var sums = new DashboardBreakdown(query, 5);
        foreach (var c in counts)
        {
            sums.Add(c.ScopePath, Changes, c.Changes);
            sums.Add(c.ScopePath, OnTime, c.OnTime);
            sums.Add(c.ScopePath, CompletedLate, c.Late);
            sums.Add(c.ScopePath, Open, c.Open);
            sums.Add(c.ScopePath, OpenLate, c.OpenLate);
        }

        var t = sums.Total;
        var rate = DashboardBreakdown.PerMille(t[OnTime], t[OnTime] + t[CompletedLate]);
        var figures = new List<DashboardFigure>
        {
            new($"{query.Year}年学籍异动", t[Changes], "件", DashboardTone.Neutral, "/status-changes"),
            new("按期完成", t[OnTime], "件", DashboardTone.Good, "/status-changes?state=Approved"),
            new("逾期完成", t[CompletedLate], "件", t[CompletedLate] > 0 ? DashboardTone.Warning : DashboardTone.Good, "/status-changes?state=Approved"),
            new("办理中", t[Open], "件", DashboardTone.Neutral, "/status-changes?dueSoon=true"),
            new("逾期未完成", t[OpenLate], "件", t[OpenLate] > 0 ? DashboardTone.Bad : DashboardTone.Good, "/status-changes?overdue=true"),
            new("按期完成率", rate, "%", t[CompletedLate] + t[OpenLate] > 0 ? DashboardTone.Warning : DashboardTone.Good, "/status-changes"),
        };
        var table = sums.Table(Columns, u => u.Level == OrgLevel.School ? DashboardBreakdown.Link("/status-changes", ("school", u.Code)) : null,
            v => [.. v, DashboardBreakdown.PerMille(v[OnTime], v[OnTime] + v[CompletedLate])]);
        return [new DashboardTile(Key, "学籍异动按期办理（10个工作日内完成）", 20, figures, table)];
    }
}
