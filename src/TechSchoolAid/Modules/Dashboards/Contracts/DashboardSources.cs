using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Modules.Dashboards.Contracts;

/// <summary>
/// The overview on the home page of the ministry, a province and a city (RPT-1) is gathered from every module that has
/// figures to show, as the to-do panel gathers work: each module implements this for its own data (registration,
/// status changes, aid, cross-check, funds, inspections, complaints …) and registers it; the dashboard knows none of
/// them (docs/adr/0019-oversight-modules.md). A source reads only what the caller's data scope lets it read.
/// </summary>
public interface IDashboardSource
{
    Task<IReadOnlyList<DashboardTile>> TilesAsync(DashboardQuery query, CancellationToken ct);
}

/// <summary>
/// What a dashboard is asked for: the caller's scope, the day it counts to (China date) and the units of the level
/// below (a province's cities and its 省管 schools, a city's schools, the ministry's provinces), by which every tile
/// breaks its figures down so a figure drills down to the unit behind it.
/// </summary>
/// <param name="ScopePath">The scope of the organisation whose overview it is ("/" for the ministry).</param>
/// <param name="Level">That organisation's level.</param>
/// <param name="Today">The day figures are counted to (deadlines are compared with it).</param>
/// <param name="Year">The school or fiscal year the figures are about (the year of <paramref name="Today"/> unless chosen).</param>
/// <param name="Units">The organisations directly below the scope, in display order.</param>
public sealed record DashboardQuery(string ScopePath, OrgLevel Level, DateOnly Today, int Year, IReadOnlyList<DashboardUnit> Units);

/// <summary>An organisation directly below the dashboard's scope: its records are those whose scope path starts with <paramref name="ScopePath"/>.</summary>
public sealed record DashboardUnit(string Code, string Name, OrgLevel Level, string ScopePath);

/// <summary>How a figure reads: neutral, on track, needs attention, or in breach of a rule or deadline.</summary>
public enum DashboardTone
{
    Neutral = 0,
    Good = 1,
    Warning = 2,
    Bad = 3,
}

/// <summary>One headline figure of a tile ("逾期未完成 12"), with the list behind it.</summary>
/// <param name="Label">Chinese label.</param>
/// <param name="Value">The figure: a count, or money in fen when <paramref name="Unit"/> is "元" (shown in yuan).</param>
/// <param name="Unit">"人", "所", "件", "元", "%" (the value is then per mille) …</param>
/// <param name="Tone">How it reads.</param>
/// <param name="DrillDown">The page (relative link) listing the records behind the figure, or null.</param>
public sealed record DashboardFigure(string Label, long Value, string Unit, DashboardTone Tone, string? DrillDown);

/// <summary>
/// One tile of a dashboard: headline figures, and the same figures by unit of the level below (a table that is also
/// drawn as a chart and exported to Excel).
/// </summary>
/// <param name="Key">Stable key ("registration", "status-changes", …), used by tests and exports.</param>
/// <param name="Title">Chinese title.</param>
/// <param name="Order">Position on the page (lower first).</param>
/// <param name="Figures">Headline figures for the whole scope.</param>
/// <param name="Breakdown">The figures by unit of the level below, or null when the tile has none.</param>
public sealed record DashboardTile(string Key, string Title, int Order, IReadOnlyList<DashboardFigure> Figures, DashboardTable? Breakdown);

/// <summary>A table of figures by unit: one column per figure, one row per unit.</summary>
public sealed record DashboardTable(IReadOnlyList<DashboardColumn> Columns, IReadOnlyList<DashboardRow> Rows);

/// <summary>A column: its Chinese title and unit (as <see cref="DashboardFigure.Unit"/>).</summary>
public sealed record DashboardColumn(string Title, string Unit);

/// <summary>A unit's row: its values in column order, and the link to its own records.</summary>
public sealed record DashboardRow(string UnitCode, string UnitName, IReadOnlyList<long> Values, string? DrillDown);
