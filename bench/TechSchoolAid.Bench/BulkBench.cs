using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TechSchoolAid.Hosting;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Students.Features;
using TechSchoolAid.Seeding;
using TechSchoolAid.Seeding.National;

namespace TechSchoolAid.Bench;

/// <summary>
/// Issue 5, item 7, first benchmark: `tsa import students` of N generated rows (parse, the screen import's validation,
/// encryption and blind index, ENR-4 look-ups, binary COPY into the indexed student_records, ledger and audit per batch)
/// against the baseline measured in the same run on the same server: raw COPY of the same CSV files (what psql \copy
/// sends) into an equivalent bare table, one text column per template column, no keys, no indexes.
///   dotnet run -c Release --project bench/TechSchoolAid.Bench -- bulk Postgres "&lt;conn&gt;" [--students 200000] [--batch-size 10000] [--workers N]
/// </summary>
internal static class BulkBench
{
    private static readonly DateTimeOffset Now = new(2026, 10, 15, 2, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] != "Postgres")
        {
            throw new InvalidOperationException("The bulk benchmark measures PostgreSQL: bulk Postgres \"<connection string>\" [--students N]");
        }

        var server = BenchHost.Server(args);
        var students = int.Parse(Option(args, "--students") ?? "200000", CultureInfo.InvariantCulture);
        var batchSize = int.Parse(Option(args, "--batch-size") ?? "10000", CultureInfo.InvariantCulture);
        var workers = Option(args, "--workers") is { } w ? int.Parse(w, CultureInfo.InvariantCulture) : (int?)null;
        var dir = Path.Combine(Path.GetTempPath(), "tsa_bench_bulk_" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await BenchHost.WithThrowawayDatabaseAsync(server, "tsa_bench_bulk_", connection => RunOnAsync(connection, dir, students, batchSize, workers));
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    private static async Task RunOnAsync(string connection, string dir, int students, int batchSize, int? workers)
    {
        await using var sp = BenchHost.Services(connection, Now);

        var options = new NationalDataOptions { Scale = (double)students / NationalDataOptions.FullStudents, Students = students };
        var setup = Stopwatch.StartNew();
        await NationalDataGenerator.GenerateAsync(options, dir, null, default);
        var files = BulkImportStudents.FilesOf(Path.Combine(dir, "students"));
        await using (var scope = sp.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("bench");
            await BenchHost.PrepareAsync(scope.ServiceProvider);
            var db = scope.ServiceProvider.GetRequiredService<TsaDbContext>();
            var schools = await SchoolFileLoader.LoadAsync(db, Path.Combine(dir, "schools.csv"), new FixedClock(Now), default);
            await Modules.Students.Seeding.MajorCatalogueDemoData.EnsureAsync(db, new FixedClock(Now), default); // the majors the generated set uses (ADR 0025)
            if (schools.Errors.Count > 0)
            {
                throw new InvalidOperationException(string.Join("; ", schools.Errors));
            }
        }

        var megabytes = files.Sum(f => new FileInfo(f).Length) / 1024.0 / 1024.0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bulk import: {students:N0} generated students in {files.Count:N0} school files ({megabytes:N1} MB), set up in {setup.Elapsed.TotalSeconds:N1} s"));

        // Baseline: COPY … FROM STDIN (FORMAT csv, HEADER) of the same files, as psql \copy streams them.
        var columns = ImportStudents.Columns.Select((_, i) => $"c{i + 1:D2} text").ToList();
        await using (var conn = new NpgsqlConnection(connection))
        {
            await conn.OpenAsync();
            await new NpgsqlCommand($"CREATE TABLE bulk_baseline ({string.Join(", ", columns)})", conn).ExecuteNonQueryAsync();
        }

        // Three runs (the table emptied in between): on this shared machine one COPY of the same files varied between
        // 440,000 and 640,000 rows/s, so the ratio is taken against the median.
        var baselineRows = 0L;
        var baselineRuns = new List<TimeSpan>();
        for (var run = 0; run < 3; run++)
        {
            await using var conn = new NpgsqlConnection(connection);
            await conn.OpenAsync();
            await new NpgsqlCommand("TRUNCATE bulk_baseline", conn).ExecuteNonQueryAsync();
            var buffer = new char[1 << 16];
            var watch = Stopwatch.StartNew();
            foreach (var file in files)
            {
                await using var writer = await conn.BeginTextImportAsync("COPY bulk_baseline FROM STDIN (FORMAT csv, HEADER true)");
                using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                int read;
                while ((read = await reader.ReadBlockAsync(buffer)) > 0)
                {
                    await writer.WriteAsync(buffer.AsMemory(0, read));
                }
            }

            baselineRuns.Add(watch.Elapsed);
            baselineRows = (long)(await new NpgsqlCommand("SELECT count(*) FROM bulk_baseline", conn).ExecuteScalarAsync())!;
        }

        baselineRuns.Sort();
        var baseline = baselineRuns[1];

        BulkImportReport report;
        var import = Stopwatch.StartNew();
        await using (var scope = sp.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("bench");
            var importer = ActivatorUtilities.CreateInstance<BulkImportStudents>(scope.ServiceProvider);
            report = await importer.ImportAsync(files, new BulkImportOptions { BatchSize = batchSize, Workers = workers }, null, default);
        }

        import.Stop();
        if (!report.Complete || report.Imported != students || baselineRows != students)
        {
            throw new InvalidOperationException($"bulk bench: expected {students} rows, baseline {baselineRows}, imported {report.Imported} (complete: {report.Complete})");
        }

        var baseRate = baselineRows / baseline.TotalSeconds;
        var importRate = report.Imported / import.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  raw COPY (csv, bare table)   {baselineRows,10:N0} rows in {baseline.TotalSeconds,6:N2} s = {baseRate,9:N0} rows/s (median of 3: {string.Join(" / ", baselineRuns.Select(r => r.TotalSeconds.ToString("N2", CultureInfo.InvariantCulture)))} s)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  tsa import students          {report.Imported,10:N0} rows in {import.Elapsed.TotalSeconds,6:N2} s = {importRate,9:N0} rows/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio import / raw COPY: {importRate / baseRate:N2}x (target ≥ 0.50x)"));
        Console.WriteLine("  import phases (ms, summed over batches): " + string.Join(", ", report.PhaseMilliseconds.Select(p => $"{p.Key} {p.Value:N0}")));

        // Two more references for the same rows as they end up (encrypted, blind-indexed, approved), copied in binary
        // from a dump: into a bare table of the same columns, and into a table with every index of student_records.
        var dump = Path.Combine(dir, "student_records.bin");
        await using (var conn = new NpgsqlConnection(connection))
        {
            await conn.OpenAsync();
            await using (var output = File.Create(dump))
            await using (var raw = await conn.BeginRawBinaryCopyAsync("COPY student_records TO STDOUT (FORMAT BINARY)"))
            {
                await raw.CopyToAsync(output);
            }

            await new NpgsqlCommand("CREATE TABLE bare_records (LIKE student_records); CREATE TABLE indexed_records (LIKE student_records INCLUDING ALL)", conn).ExecuteNonQueryAsync();
            foreach (var (table, label) in new[] { ("bare_records", "final rows, bare table"), ("indexed_records", "final rows, all indexes") })
            {
                var watch = Stopwatch.StartNew();
                await using (var input = File.OpenRead(dump))
                await using (var raw = await conn.BeginRawBinaryCopyAsync($"COPY {table} FROM STDIN (FORMAT BINARY)"))
                {
                    await input.CopyToAsync(raw);
                }

                watch.Stop();
                var rate = students / watch.Elapsed.TotalSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  raw COPY ({label,-23}) {students,8:N0} rows in {watch.Elapsed.TotalSeconds,6:N2} s = {rate,9:N0} rows/s   import / this: {importRate / rate:N2}x"));
            }
        }

        // The plan of the per-batch look-up of existing records, as the import sends it.
        await using (var conn = new NpgsqlConnection(connection))
        {
            await conn.OpenAsync();
            var hashes = new List<string>();
            await using (var reader = await new NpgsqlCommand("SELECT \"IdNumberHash\" FROM student_records ORDER BY \"Id\" DESC LIMIT " + BulkImportStudents.LookUpChunk + "", conn).ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    hashes.Add(reader.GetString(0));
                }
            }

            var explain = new NpgsqlCommand(
                "EXPLAIN (ANALYZE, COSTS OFF) SELECT s.\"IdNumberHash\", s.\"SchoolId\", s.\"InputFingerprint\", s.\"HoldsPlace\" FROM student_records AS s " +
                "WHERE s.\"HoldsPlace\" AND s.\"IdNumberHash\" = ANY (@hashes)", conn);
            explain.Parameters.AddWithValue("hashes", hashes.ToArray());
            await using var plan = await explain.ExecuteReaderAsync();
            Console.WriteLine($"  plan of the batch look-up ({BulkImportStudents.LookUpChunk} hashes):");
            while (await plan.ReadAsync())
            {
                var line = plan.GetString(0);
                Console.WriteLine("    " + (line.Contains("ANY", StringComparison.Ordinal) ? line[..line.IndexOf("ANY", StringComparison.Ordinal)] + "ANY (…blind indexes…)" : line));
            }
        }
    }

    private static string? Option(string[] args, string name) => BenchHost.Option(args, name);
}
