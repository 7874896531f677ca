namespace TechSchoolAid.Modules.Reports.Contracts;

/// <summary>
/// The yearly report to the ministry (RPT-1, the notice 三(三)「相关工作情况及时报我部」) is assembled from every module
/// that has something to report, as the dashboard is: each module implements this for its own data (students, status
/// changes, graduates, aid, the funding gap, cross-check, inspections, complaints …) and registers it; the report knows
/// none of them (docs/adr/0019-oversight-modules.md). A source reads only what the caller's data scope lets it read and
/// must stay fast on the 5-million-student national set (aggregate in the database, never load rows).
/// </summary>
public interface IYearlyReportSource
{
    Task<IReadOnlyList<ReportTable>> TablesAsync(YearlyReportQuery query, CancellationToken ct);
}

/// <summary>What the report covers: a scope (a province, or "/" for the whole country), a calendar year and its days.</summary>
/// <param name="ScopePath">The scope reported on.</param>
/// <param name="Year">The year reported on.</param>
/// <param name="From">First day of the year (1 January).</param>
/// <param name="To">Last day covered (31 December, or today while the year runs).</param>
public sealed record YearlyReportQuery(string ScopePath, int Year, DateOnly From, DateOnly To);

/// <summary>What a value column holds.</summary>
public enum ReportValueKind
{
    /// <summary>A count (students, schools, cases).</summary>
    Count = 0,

    /// <summary>Money in fen, shown in yuan with two decimals.</summary>
    Money = 1,

    /// <summary>A rate in per mille, shown as a percentage with one decimal.</summary>
    PerMille = 2,
}

/// <summary>A value column: its Chinese title and kind.</summary>
public sealed record ReportColumn(string Title, ReportValueKind Kind);

/// <summary>One row: its labels (one per label column: province, level, kind …) and its values (one per value column).</summary>
public sealed record ReportRow(IReadOnlyList<string> Labels, IReadOnlyList<long> Values);

/// <summary>
/// One table of the report (one Excel sheet, one section of the PDF).
/// </summary>
/// <param name="Key">Stable key ("students", "status-changes", …).</param>
/// <param name="Title">Chinese title (the sheet's name is cut to 31 characters).</param>
/// <param name="Order">Position in the report (lower first).</param>
/// <param name="LabelColumns">Chinese titles of the label columns.</param>
/// <param name="ValueColumns">The value columns.</param>
/// <param name="Rows">The rows; a total row, where it makes sense, is the source's to add (label "合计").</param>
/// <param name="Note">A Chinese note under the table (definitions, sources), or null.</param>
public sealed record ReportTable(
    string Key,
    string Title,
    int Order,
    IReadOnlyList<string> LabelColumns,
    IReadOnlyList<ReportColumn> ValueColumns,
    IReadOnlyList<ReportRow> Rows,
    string? Note);
