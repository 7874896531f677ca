using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Dashboards.Contracts;

namespace TechSchoolAid.Modules.Dashboards.Features;

/// <summary>
/// RPT-1 "every table exports to Excel": one tile of the caller's overview as an .xlsx — its table by unit with Chinese
/// headers (money in yuan, shares in per cent) and a 合计 row, or its headline figures when it has no table. The
/// figures are aggregates without personal data, so the export is not an audit event (docs/adr/0023-dashboards.md).
/// </summary>
public sealed partial class ExportDashboardTile(GetDashboard dashboard)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/dashboard/tiles/{key}.xlsx", async (string key, int? year, string? org, ExportDashboardTile feature, CancellationToken ct) =>
        {
            var (bytes, name) = await feature.HandleAsync(key, year, org, ct);
            return TypedResults.File(bytes, FileResponses.Xlsx, name);
        }).RequireAccess(DashboardAccess.View)
            .WithSummary("导出辖区工作概览中一项统计的分解表（Excel，中文表头，金额单位为元；year、org 同概览）")
            .ProducesFile(FileResponses.Xlsx).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);

    public async Task<(byte[] Bytes, string FileName)> HandleAsync(string key, int? year, string? org, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 40 || !KeyPattern().IsMatch(key))
        {
            throw AppException.NotFound($"统计项“{Shorten(key)}”");
        }

        var view = await dashboard.HandleAsync(year, org, ct);
        var tile = view.Tiles.FirstOrDefault(t => t.Key == key) ?? throw AppException.NotFound($"统计项“{key}”");
        var bytes = SafeExcel.Write(Rows(tile), SheetName(tile.Title));
        return (bytes, $"{view.OrganizationCode}-{view.Year}-{tile.Key}.xlsx");
    }

    /// <summary>The sheet's rows: one per unit and a total, or one per headline figure.</summary>
    public static IEnumerable<IDictionary<string, object?>> Rows(DashboardTile tile)
    {
        if (tile.Breakdown is not { } table)
        {
            return tile.Figures.Select(f => (IDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["指标"] = f.Label,
                ["数值"] = Cell(f.Value, f.Unit),
                ["单位"] = UnitText(f.Unit),
            }).ToList();
        }

        var rows = table.Rows.Select(r => Row(table.Columns, r.UnitCode, r.UnitName, r.Values)).ToList();
        var totals = table.Columns.Select((c, i) => c.Unit == "%" ? (long?)null : table.Rows.Sum(r => r.Values[i])).ToList();
        var total = new Dictionary<string, object?> { ["单位代码"] = "", ["单位名称"] = "合计" };
        for (var i = 0; i < table.Columns.Count; i++)
        {
            total[Header(table.Columns[i])] = totals[i] is { } sum ? Cell(sum, table.Columns[i].Unit) : null;
        }

        rows.Add(total);
        return rows;
    }

    private static Dictionary<string, object?> Row(IReadOnlyList<DashboardColumn> columns, string code, string name, IReadOnlyList<long> values)
    {
        var row = new Dictionary<string, object?> { ["单位代码"] = code, ["单位名称"] = name };
        for (var i = 0; i < columns.Count; i++)
        {
            row[Header(columns[i])] = i < values.Count ? Cell(values[i], columns[i].Unit) : null;
        }

        return row;
    }

    private static string Header(DashboardColumn column) => $"{column.Title}（{UnitText(column.Unit)}）";

    private static string UnitText(string unit) => unit switch
    {
        "%" => "%",
        "" => "个",
        _ => unit,
    };

    /// <summary>Money in yuan, a share in per cent with one decimal, a count as it is.</summary>
    private static object Cell(long value, string unit) => unit switch
    {
        "元" => value / 100m,
        "%" => value / 10m,
        _ => value,
    };

    private static string SheetName(string title)
    {
        var clean = new string(title.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\')).ToArray());
        return clean.Length == 0 ? "统计" : clean[..Math.Min(31, clean.Length)];
    }

    private static string Shorten(string? key) => key is null ? "" : key.Length > 20 ? key[..20] + "…" : key;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex KeyPattern();
}
