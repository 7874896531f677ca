namespace TechSchoolAid.Modules.Dashboards.Contracts;

/// <summary>
/// How a source turns figures counted in the database by scope path (GROUP BY "ScopePath": one row per school or
/// authority, never per record) into a tile's totals and its breakdown by the units of the level below.
/// </summary>
/// <remarks>
/// Counting by the full scope path and folding the paths into units here keeps the SQL the same on both databases and
/// lets one index on (filter columns, ScopePath) answer it; the rows folded are at most one per organisation.
/// </remarks>
public sealed class DashboardBreakdown
{
    private readonly DashboardQuery _query;
    private readonly Dictionary<string, DashboardUnit> _units;
    private readonly Dictionary<string, long[]> _byUnit = new(StringComparer.Ordinal);
    private readonly long[] _total;

    public DashboardBreakdown(DashboardQuery query, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        _query = query;
        _units = query.Units.ToDictionary(u => u.ScopePath, StringComparer.Ordinal);
        _total = new long[columns];
    }

    /// <summary>The figures of the whole scope (the unit rows plus the scope's own records).</summary>
    public IReadOnlyList<long> Total => _total;

    /// <summary>The unit of the level below that a record's scope path falls in, or null for the scope's own records (or a path outside it).</summary>
    public static DashboardUnit? UnitOf(DashboardQuery query, IReadOnlyDictionary<string, DashboardUnit> units, string path)
    {
        if (!path.StartsWith(query.ScopePath, StringComparison.Ordinal) || path.Length == query.ScopePath.Length)
        {
            return null;
        }

        var next = path.IndexOf('/', query.ScopePath.Length);
        return next < 0 ? null : units.GetValueOrDefault(path[..(next + 1)]);
    }

    /// <summary>Adds a value counted for one scope path to a column, both to the total and to the path's unit.</summary>
    public void Add(string scopePath, int column, long value)
    {
        if (!scopePath.StartsWith(_query.ScopePath, StringComparison.Ordinal))
        {
            return;
        }

        _total[column] += value;
        if (UnitOf(_query, _units, scopePath) is { } unit)
        {
            if (!_byUnit.TryGetValue(unit.ScopePath, out var row))
            {
                row = new long[_total.Length];
                _byUnit[unit.ScopePath] = row;
            }

            row[column] += value;
        }
    }

    /// <summary>The figures of one unit (zeros when nothing was counted for it).</summary>
    public IReadOnlyList<long> Of(DashboardUnit unit) =>
        _byUnit.TryGetValue(unit.ScopePath, out var row) ? row : new long[_total.Length];

    /// <summary>
    /// The table by unit, in the query's unit order, every unit listed (a unit with nothing to count shows zeros). A
    /// column may be derived from others (a share) by <paramref name="derive"/>, which gets the row's counted values.
    /// </summary>
    public DashboardTable Table(IReadOnlyList<DashboardColumn> columns, Func<DashboardUnit, string?> drillDown, Func<IReadOnlyList<long>, IReadOnlyList<long>>? derive = null)
    {
        var rows = _query.Units.Select(u =>
        {
            var values = Of(u);
            return new DashboardRow(u.Code, u.Name, derive is null ? values.ToArray() : derive(values), drillDown(u));
        }).ToList();
        return new DashboardTable(columns, rows);
    }

    /// <summary>A share in per mille (the unit "%" of <see cref="DashboardFigure"/>), 0 when the whole is 0.</summary>
    public static long PerMille(long part, long whole) => whole <= 0 ? 0 : (long)Math.Round(part * 1000m / whole, MidpointRounding.AwayFromZero);

    /// <summary>A link with query parameters, the organisation's code added as "school" or "org" for a unit row.</summary>
    public static string Link(string path, params (string Name, string? Value)[] parameters)
    {
        var pairs = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return pairs.Count == 0 ? path : $"{path}?{string.Join('&', pairs)}";
    }
}
