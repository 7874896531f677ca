using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Dashboards.Contracts;
using TechSchoolAid.Modules.Standards.Contracts;
using TechSchoolAid.Modules.Standards.Domain;

namespace TechSchoolAid.Modules.Standards.Features.Oversight;

/// <summary>
/// The dashboard tile 「规范化与招生简章」 (RPT-1): schools, schools missing an item, brochures waiting for review and
/// brochures missing for the current intake, for the scope and by unit of the level below.
/// </summary>
public sealed class StandardsDashboardSource(TsaDbContext db, StandardsFacts facts) : IDashboardSource
{
    public const string Key = "standards";

    public async Task<IReadOnlyList<DashboardTile>> TilesAsync(DashboardQuery query, CancellationToken ct)
    {
        var standings = await facts.StandingsAsync(null, query.ScopePath, query.Today, ct);
        var waiting = await db.Set<Brochure>().AsNoTracking().Where(b => b.Status == BrochureStatus.Submitted && b.ScopePath.StartsWith(query.ScopePath))
            .Select(b => b.ScopePath).ToListAsync(ct);
        long[] Values(IEnumerable<SchoolStanding> schools, IEnumerable<string> waitingPaths)
        {
            var list = schools.ToList();
            return [list.Count, list.Count(s => s.MissingKeys.Count > 0), waitingPaths.Count(), list.Count(s => s.BrochureMissing)];
        }

        var total = Values(standings, waiting);
        var figures = new List<DashboardFigure>
        {
            new("学校", total[0], "所", DashboardTone.Neutral, "/standards"),
            new("有缺项的学校", total[1], "所", total[1] > 0 ? DashboardTone.Warning : DashboardTone.Good, "/standards?missing=any"),
            new("招生简章待审核", total[2], "份", total[2] > 0 ? DashboardTone.Warning : DashboardTone.Neutral, "/standards/brochures"),
            new("未提交招生简章", total[3], "所", total[3] > 0 ? DashboardTone.Bad : DashboardTone.Good, "/standards/brochures?missing=true"),
        };
        var rows = query.Units.Select(u => new DashboardRow(u.Code, u.Name,
            Values(standings.Where(s => s.ScopePath.StartsWith(u.ScopePath, StringComparison.Ordinal)), waiting.Where(p => p.StartsWith(u.ScopePath, StringComparison.Ordinal))),
            "/standards?unit=" + u.Code)).ToList();
        var table = new DashboardTable([new("学校", "所"), new("有缺项的学校", "所"), new("招生简章待审核", "份"), new("未提交招生简章", "所")], rows);
        return [new DashboardTile(Key, "规范化与招生简章", 70, figures, query.Units.Count == 0 ? null : table)];
    }
}
