using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Dashboards.Contracts;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

/// <summary>
/// RPT-1 "aid approved by the deadline" (AID-5): for the school year starting in the dashboard's year (its autumn and
/// spring terms), the students on the grant and waiver lists, the lines approved by their list's approval deadline or
/// after it (by the calendar day in China, the rule of <see cref="AidRoundRows.ApprovedLate"/>), the lists waiting for
/// review and the lists not reviewed although their deadline has passed. Lines are counted in SQL per list, state and
/// review day (a handful of rows per list), then folded by the list's school.
/// </summary>
public sealed class AidRoundDashboardSource(TsaDbContext db) : IDashboardSource
{
    public const string Key = "aid-rounds";

    private const int OnLists = 0, Grant = 1, Waiver = 2, OnTime = 3, Late = 4, Waiting = 5, Overdue = 6;

    private static readonly DashboardColumn[] Columns =
    [
        new("名单学生", "人次"), new("国家助学金", "人次"), new("免学费", "人次"), new("按期审核通过", "人次"), new("逾期审核通过", "人次"),
        new("待审核名单", "份"), new("逾期未完成审批名单", "份"), new("按期审批率", "%"),
    ];

    public async Task<IReadOnlyList<DashboardTile>> TilesAsync(DashboardQuery query, CancellationToken ct)
    {
        if (!db.Actor.May(StudentAccess.View))
        {
            return [];
        }

        var year = query.Year;
        var rounds = await db.Set<AidRound>().AsNoTracking()
            .Where(r => r.SchoolYear == year && r.ScopePath.StartsWith(query.ScopePath))
            .Select(r => new { r.Id, r.ScopePath, r.State, r.ApprovalDeadline, r.SchoolYear, r.Semester })
            .ToListAsync(ct);
        // A list whose term the province reopened is not overdue while the reopening runs (issue 13 item 10).
        var reopened = await AidDeadlineReopening.InForceAsync(db, [.. rounds.Select(r => r.ScopePath.Split('/', StringSplitOptions.RemoveEmptyEntries)[0]).Distinct()], query.Today, ct);
        var lines = await db.Set<AidEntry>().AsNoTracking()
            .Where(e => e.SchoolYear == year && e.ScopePath.StartsWith(query.ScopePath)
                        && (e.State == AidEntryState.Proposed || e.State == AidEntryState.Approved))
            .GroupBy(e => new { e.RoundId, e.Item, e.State, ReviewedOn = e.ReviewedAtUtc == null ? (DateTime?)null : e.ReviewedAtUtc.Value.AddHours(8).Date })
            .Select(g => new { g.Key.RoundId, g.Key.Item, g.Key.State, g.Key.ReviewedOn, Count = g.LongCount() })
            .ToListAsync(ct);

        var sums = new DashboardBreakdown(query, 7);
        var byId = rounds.ToDictionary(r => r.Id);
        foreach (var r in rounds)
        {
            if (r.State == AidRoundState.Submitted)
            {
                sums.Add(r.ScopePath, Waiting, 1);
            }

            if (r.State != AidRoundState.Reviewed && query.Today > r.ApprovalDeadline && !reopened.ContainsKey((r.ScopePath.Split('/', StringSplitOptions.RemoveEmptyEntries)[0], r.SchoolYear, r.Semester)))
            {
                sums.Add(r.ScopePath, Overdue, 1);
            }
        }

        foreach (var l in lines)
        {
            if (!byId.TryGetValue(l.RoundId, out var round))
            {
                continue;
            }

            sums.Add(round.ScopePath, OnLists, l.Count);
            sums.Add(round.ScopePath, l.Item == AidItem.Grant ? Grant : Waiver, l.Count);
            if (l.State == AidEntryState.Approved)
            {
                var late = l.ReviewedOn is { } day && DateOnly.FromDateTime(day) > round.ApprovalDeadline;
                sums.Add(round.ScopePath, late ? Late : OnTime, l.Count);
            }
        }

        var t = sums.Total;
        var rate = DashboardBreakdown.PerMille(t[OnTime], t[OnTime] + t[Late]);
        var figures = new List<DashboardFigure>
        {
            new("名单学生", t[OnLists], "人次", DashboardTone.Neutral, "/aid/rounds"),
            new("国家助学金", t[Grant], "人次", DashboardTone.Neutral, "/aid/rounds"),
            new("免学费", t[Waiver], "人次", DashboardTone.Neutral, "/aid/rounds"),
            new("按期审核通过", t[OnTime], "人次", DashboardTone.Good, "/aid/rounds"),
            new("逾期审核通过", t[Late], "人次", t[Late] > 0 ? DashboardTone.Warning : DashboardTone.Good, "/aid/rounds"),
            new("待审核名单", t[Waiting], "份", t[Waiting] > 0 ? DashboardTone.Warning : DashboardTone.Neutral, "/aid/rounds?waitingForMe=true"),
            new("逾期未完成审批名单", t[Overdue], "份", t[Overdue] > 0 ? DashboardTone.Bad : DashboardTone.Good, "/aid/rounds"),
            new("按期审批率", rate, "%", t[Late] + t[Overdue] > 0 ? DashboardTone.Warning : DashboardTone.Good, "/aid/rounds"),
        };
        var table = sums.Table(Columns, u => u.Level == OrgLevel.School ? DashboardBreakdown.Link("/aid/rounds", ("school", u.Code)) : null,
            v => [.. v, DashboardBreakdown.PerMille(v[OnTime], v[OnTime] + v[Late])]);
        return [new DashboardTile(Key, $"资助名单按期审批（{year}-{year + 1}学年）", 30, figures, table)];
    }
}
