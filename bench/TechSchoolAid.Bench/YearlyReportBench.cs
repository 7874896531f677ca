using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Reports.Features.Yearly;

namespace TechSchoolAid.Bench;

/// <summary>
/// Issue 12's speed requirement: "the yearly report of the whole country generated in ≤ 60 s" on the 5 M-student national
/// set. Loads the pages benchmark's national set (schools for every city, the students with status changes and hanging
/// flags, one term of aid lists: <see cref="PagesBench"/>, <see cref="ProvinceData"/>), then times the ministry's real
/// features end to end: the tables gathered from every registered source (YearlyReportBuilder), the Excel file and the
/// PDF, for the current year, a few runs.
///   dotnet run -c Release --project bench/TechSchoolAid.Bench -- yearly Postgres "Host=…;Port=…;Username=postgres" [--students N] [--runs R]
/// </summary>
internal static class YearlyReportBench
{
    private const double TargetSeconds = 60;
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public static async Task RunAsync(string[] args)
    {
        if ((args.Length > 0 ? args[0] : "Postgres") != "Postgres")
        {
            throw new InvalidOperationException("The yearly-report benchmark measures PostgreSQL only: yearly Postgres \"<connection string>\"");
        }

        var server = BenchHost.Server(args);
        var students = int.Parse(BenchHost.Option(args, "--students") ?? "5000000", CultureInfo.InvariantCulture);
        var runs = int.Parse(BenchHost.Option(args, "--runs") ?? "3", CultureInfo.InvariantCulture);
        await BenchHost.WithThrowawayDatabaseAsync(server, "tsa_bench_yearly_", connection => RunOnAsync(connection, students, runs));
    }

    private static async Task RunOnAsync(string connection, int studentCount, int runs)
    {
        await using var sp = BenchHost.Services(connection, Now);
        await sp.As(Actor.System("bench"), async s =>
        {
            await BenchHost.PrepareAsync(s, BenchHost.DemoPassword);
            return 0;
        });

        var load = Stopwatch.StartNew();
        await using (var conn = new NpgsqlConnection(connection))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand(PagesBench.NationalSchoolsSql, conn);
            cmd.Parameters.AddWithValue("perCity", 7);
            await cmd.ExecuteNonQueryAsync();
        }

        var counts = await ProvinceData.LoadAsync(connection, studentCount, 0, Now, null, national: true, beforeVacuum: async exec =>
        {
            await exec(PagesBench.AidRoundsSql);
            await exec(PagesBench.AidEntriesSql(waiver: true));
            await exec(PagesBench.AidEntriesSql(waiver: false));
        });
        Console.WriteLine($"Loaded {studentCount:N0} students ({counts.Students:N0} of them in 广东), {counts.Schools:N0} schools, {counts.Changes:N0} status changes and one term of aid lists in {load.Elapsed.TotalSeconds:0} s.");

        var ministry = new Actor("ministry", "部资助办", Role.MinistryAdmin, "000000", OrgLevel.Ministry, "/", null);
        var year = Now.ToOffset(TimeSpan.FromHours(8)).Year;
        var tablesMs = new List<double>();
        var excelMs = new List<double>();
        var pdfMs = new List<double>();
        var totalMs = new List<double>();
        YearlyReport? report = null;
        (int Excel, int Pdf) sizes = default;
        for (var i = 0; i < runs; i++)
        {
            var total = Stopwatch.StartNew();
            report = await sp.As(ministry, async s =>
            {
                var builder = s.GetRequiredService<YearlyReportBuilder>();
                return await builder.BuildAsync(await builder.ScopeAsync(null, default), year, default);
            });
            tablesMs.Add(total.Elapsed.TotalMilliseconds);
            var sw = Stopwatch.StartNew();
            var excel = YearlyReportDocuments.Excel(report, null);
            excelMs.Add(sw.Elapsed.TotalMilliseconds);
            sw.Restart();
            if (!sp.GetRequiredService<ReportFonts>().Available)
            {
                throw new InvalidOperationException("No Chinese TrueType font (fonts-droid-fallback): the PDF cannot be measured.");
            }

            var pdf = YearlyReportDocuments.Pdf(report, null);
            pdfMs.Add(sw.Elapsed.TotalMilliseconds);
            totalMs.Add(total.Elapsed.TotalMilliseconds);
            sizes = (excel.Length, pdf.Length);
        }

        var students = report!.Tables.Single(t => t.Key == "students").Rows.Single(r => r.Labels[0] == "合计").Values[0];
        Console.WriteLine($"Country report {year}: {report.Tables.Count} tables, {report.Tables.Sum(t => t.Rows.Count):N0} rows, {students:N0} students in the register; Excel {sizes.Excel / 1024:N0} KB, PDF {sizes.Pdf / 1024:N0} KB");
        Console.WriteLine($"Tables (all sources): median {Median(tablesMs) / 1000:0.0} s, max {tablesMs.Max() / 1000:0.0} s");
        Console.WriteLine($"Excel: median {Median(excelMs):0} ms; PDF: median {Median(pdfMs):0} ms");
        Console.WriteLine($"Whole report (tables + Excel + PDF): median {Median(totalMs) / 1000:0.0} s, max {totalMs.Max() / 1000:0.0} s; target ≤ {TargetSeconds} s: {(Median(totalMs) <= TargetSeconds * 1000 ? "met" : "NOT met")}");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
