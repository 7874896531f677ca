using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Dashboards.Contracts;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Dashboards.Features;

/// <summary>The overview of the caller's scope: who it is for, the day and year it counts, the units below, and the tiles in page order.</summary>
/// <remarks><see cref="IsOwnScope"/> is false when a unit below the caller's organisation was opened (the drill-down of a unit row).</remarks>
public sealed record DashboardView(
    string OrganizationCode, string OrganizationName, OrgLevel Level, string LevelText, bool IsOwnScope, DateOnly Today, int Year, int MinYear, int MaxYear,
    IReadOnlyList<DashboardUnit> Units, IReadOnlyList<DashboardTile> Tiles);

/// <summary>How long an overview is reused for the same scope, role, year and day (configuration "Dashboards"; 0 = never).</summary>
public sealed class DashboardOptions
{
    public int CacheSeconds { get; set; } = 30;
}

/// <summary>
/// RPT-1: the overview of the caller's scope — the ministry by province, a province by its cities and its 省管 schools, a
/// city by its schools — gathered from every registered <see cref="IDashboardSource"/>, whatever their number (none
/// included), each counting in the database. The same overview is reused for a short time for the same scope, role,
/// year and day, so that a busy morning of many clerks opening the home page costs the database one count per tile;
/// when that time runs out, one request counts again while the others arriving meanwhile wait for it
/// (<see cref="DashboardFlights"/>; docs/adr/0023-dashboards.md).
/// </summary>
public sealed class GetDashboard(TsaDbContext db, IEnumerable<IDashboardSource> sources, IMemoryCache cache, DashboardFlights flights, IOptions<DashboardOptions> options, TimeProvider clock)
{
    public const int MinYear = 2000;

    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/dashboard", (int? year, string? org, GetDashboard feature, CancellationToken ct) => feature.HandleAsync(year, org, ct))
            .RequireAccess(DashboardAccess.View)
            .WithSummary("辖区工作概览：部级按省、省级按市和省管学校、市级按学校分解的学籍注册、学籍异动、资助审批、比对清理、资金执行等统计（year：统计年度，默认今年；org：辖区内某一下级省、市的代码，查看其概览）")
            .Produces<DashboardView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);

    /// <summary>The latest year that may be chosen: next year (an autumn intake planned ahead), never later.</summary>
    public int MaxYear => clock.Today().Year + 1;

    public Task<DashboardView> HandleAsync(int? year, CancellationToken ct) => HandleAsync(year, null, ct);

    /// <summary>The overview of the caller's organisation, or of a province or city within its scope (<paramref name="org"/>).</summary>
    public async Task<DashboardView> HandleAsync(int? year, string? org, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(DashboardAccess.View);
        var today = clock.Today();
        var chosen = year ?? today.Year;
        if (chosen < MinYear || chosen > MaxYear)
        {
            throw AppException.Invalid("year", $"统计年度须在 {MinYear} 年至 {MaxYear} 年之间");
        }

        var target = await TargetAsync(actor, org, ct);
        actor.Demand(DashboardAccess.View, target.ScopePath);
        var seconds = options.Value.CacheSeconds;
        if (seconds <= 0)
        {
            return await BuildAsync(target, today, chosen, ct);
        }

        // The figures depend on the scope (what is counted), the role (which tiles it may see), the year and the day.
        var key = $"dashboard|{target.ScopePath}|{actor.ScopePath}|{actor.Role}|{chosen}|{today.DayNumber}";
        if (cache.TryGetValue(key, out DashboardView? cached) && cached is not null)
        {
            return cached;
        }

        // One count per key at a time: the requests that arrive while it runs wait for it (and find it cached after).
        return await flights.RunAsync(key, async () =>
        {
            if (cache.TryGetValue(key, out DashboardView? counted) && counted is not null)
            {
                return counted;
            }

            var view = await BuildAsync(target, today, chosen, ct);
            cache.Set(key, view, TimeSpan.FromSeconds(seconds));
            return view;
        }, ct);
    }

    /// <summary>
    /// Whose overview: the caller's own organisation, or a province or city in its scope (read through the scoped
    /// context, so one outside it is "not found", as any record outside the scope). A school has no level below it.
    /// </summary>
    private async Task<Target> TargetAsync(Actor actor, string? org, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(org) || org == actor.OrganizationCode)
        {
            var own = await db.AllOrganizations().Where(o => o.Code == actor.OrganizationCode).Select(o => new { o.Code, o.Name }).FirstOrDefaultAsync(ct)
                ?? throw AppException.NotFound("本单位");
            return new Target(own.Code, own.Name, actor.Level, actor.ScopePath, true);
        }

        if (org.Length > 12 || !org.All(char.IsAsciiDigit))
        {
            throw AppException.Invalid("org", "单位代码应为 2 至 12 位数字");
        }

        var found = await db.Organizations().Where(o => o.Code == org).Select(o => new { o.Code, o.Name, o.Level, o.ScopePath }).FirstOrDefaultAsync(ct)
            ?? throw AppException.NotFound($"单位 {org} ");
        if (found.Level == OrgLevel.School)
        {
            throw AppException.Invalid("org", "学校没有下级单位，没有工作概览；请从概览表中的学校行查看其明细列表");
        }

        return new Target(found.Code, found.Name, found.Level, found.ScopePath, false);
    }

    private async Task<DashboardView> BuildAsync(Target target, DateOnly today, int year, CancellationToken ct)
    {
        var scope = target.ScopePath;
        var units = await UnitsAsync(target.Level, scope, ct);
        var query = new DashboardQuery(scope, target.Level, today, year, units);
        var tiles = new List<DashboardTile>();
        foreach (var source in sources)
        {
            tiles.AddRange(await source.TilesAsync(query, ct));
        }

        var ordered = tiles.OrderBy(t => t.Order).ThenBy(t => t.Key, StringComparer.Ordinal).ToList();
        return new DashboardView(target.Code, target.Name, target.Level, target.Level.ToChinese(), target.IsOwn, today, year, MinYear, today.Year + 1, units, ordered);
    }

    /// <summary>
    /// The organisations directly below the scope, from the Organizations module's contract: the ministry's provinces; a
    /// province's cities, then its 省管 schools; a city's schools. Read within the caller's scope.
    /// </summary>
    private async Task<IReadOnlyList<DashboardUnit>> UnitsAsync(OrgLevel level, string scope, CancellationToken ct)
    {
        var below = db.Organizations().Where(o => o.ScopePath != scope && o.ScopePath.StartsWith(scope));
        below = level switch
        {
            OrgLevel.Ministry => below.Where(o => o.Level == OrgLevel.Province),
            OrgLevel.Province => below.Where(o => o.Level == OrgLevel.City || o.Level == OrgLevel.School),
            _ => below.Where(o => o.Level == OrgLevel.School),
        };
        var rows = await below.Select(o => new { o.Code, o.Name, o.Level, o.ScopePath }).ToListAsync(ct);
        return rows.Where(o => ScopePaths.ParentOf(o.ScopePath) == scope)
            .OrderBy(o => o.Level).ThenBy(o => o.Code, StringComparer.Ordinal)
            .Select(o => new DashboardUnit(o.Code, o.Name, o.Level, o.ScopePath)).ToList();
    }

    private sealed record Target(string Code, string Name, OrgLevel Level, string ScopePath, bool IsOwn);
}
