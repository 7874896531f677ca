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
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Calendar;
using TechSchoolAid.Modules.CrossCheck.Features;
using TechSchoolAid.Modules.Students.Features;
using TechSchoolAid.Seeding;
using TechSchoolAid.Seeding.National;

namespace TechSchoolAid.Bench;

/// <summary>
/// Issue 5's national cross-check (CHK-1) on PostgreSQL: a fresh database with the national set at --scale (schools and
/// students through the bulk import, then `generate aid` for 2026-autumn), the ministry's file of --rows rows (default
/// 13,000,000 × scale) with its planted overlap, then, each in its own child process so that its peak memory is its own:
///   (a) the system: MonthlyCrossCheck.RunFileAsync end to end (hash, read, normalise, blind index, COPY, match, cases);
///   (b) do it yourself: COPY the file as CSV into a bare table, then one SQL JOIN — normalisation in SQL (spaces,
///       full-width digits, lower-case x) against a helper table clear number → PersonKey of the national students
///       (built before, timed separately: SQL cannot compute the HMAC blind index without the key) and aid_entries.
/// Both must end with exactly the planted matches (FILE.expected.json).
///   dotnet run -c Release --project bench/TechSchoolAid.Bench -- crosscheck Postgres "Host=…" [--scale 0.01] [--rows N] [--keep]
/// </summary>
internal static class CrossCheckBench
{
    private static readonly DateTimeOffset Now = new(2026, 10, 15, 2, 0, 0, TimeSpan.Zero);

    private const string Month = "2026-10";

    private static readonly AidTerm Term = new(2026, Semester.Autumn);

    public static async Task RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] == "route")
        {
            await RouteAsync(args[1], args[2], args[3]);
            return;
        }

        var server = BenchHost.Server(args);
        var scale = double.Parse(Option(args, "--scale") ?? "0.01", CultureInfo.InvariantCulture);
        var national = new NationalDataOptions { Scale = scale };
        var rows = Option(args, "--rows") is { } r ? long.Parse(r, CultureInfo.InvariantCulture) : (long?)null;
        var dir = Path.Combine(Path.GetTempPath(), "tsa_bench_cc_" + Guid.NewGuid().ToString("N")[..8]);
        var keep = args.Contains("--keep");
        try
        {
            await BenchHost.WithThrowawayDatabaseAsync(server, "tsa_bench_cc_", connection => RunOnAsync(connection, national, rows, dir), keep);
        }
        finally
        {
            if (keep)
            {
                Console.WriteLine($"files kept: {dir}; one route again: dotnet TechSchoolAid.Bench.dll crosscheck route system|diy CONNECTION {Path.Combine(dir, "moe-2026-10.csv")}");
            }
            else if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    private static string? Option(string[] args, string name) => BenchHost.Option(args, name);

    private static ServiceProvider Services(string connection) => BenchHost.Services(connection, Now);

    private static async Task RunOnAsync(string connection, NationalDataOptions national, long? rows, string dir)
    {
        var load = Stopwatch.StartNew();
        await using (var sp = Services(connection))
        {
            await using var scope = sp.CreateAsyncScope();
            var s = scope.ServiceProvider;
            s.GetRequiredService<ActorAccessor>().Actor = Actor.System("bench");
            await BenchHost.PrepareAsync(s);
            var db = s.GetRequiredService<TsaDbContext>();
            await NationalDataGenerator.GenerateAsync(national, dir, null, default);
            await SchoolFileLoader.LoadAsync(db, Path.Combine(dir, "schools.csv"), new FixedClock(Now), default);
            await Modules.Students.Seeding.MajorCatalogueDemoData.EnsureAsync(db, new FixedClock(Now), default); // the majors the generated set uses (ADR 0025)
            var importer = ActivatorUtilities.CreateInstance<BulkImportStudents>(s);
            var report = await importer.ImportAsync(BulkImportStudents.FilesOf(Path.Combine(dir, "students")), new BulkImportOptions(), null, default);
            Console.WriteLine($"provider: Postgres (national cross-check, issue 5); scale {national.Scale.ToString(CultureInfo.InvariantCulture)}: " +
                $"{report.Imported:N0} students imported in {load.Elapsed.TotalSeconds:0.0} s");
            var aidClock = Stopwatch.StartNew();
            var aid = await NationalAidGenerator.GenerateAsync(db, s.GetRequiredService<IAidPolicies>(), Term, new FixedClock(Now), default);
            Console.WriteLine($"generate aid {aid.Term}: {aid.Rounds:N0} rounds, {aid.Grants:N0} grants, {aid.Waivers:N0} waivers in {aidClock.Elapsed.TotalSeconds:0.0} s");

            var fileClock = Stopwatch.StartNew();
            var file = Path.Combine(dir, "moe-2026-10.csv");
            var expected = await MinistryFileGenerator.WriteAsync(new MinistryFileOptions { National = national, Term = Term, Month = Month, Rows = rows }, file, null, default);
            if (expected.ApprovedGrants != aid.Grants || expected.ApprovedWaivers != aid.Waivers)
            {
                throw new InvalidOperationException($"The generator's rules ({expected.ApprovedGrants}/{expected.ApprovedWaivers}) and the database's ({aid.Grants}/{aid.Waivers}) disagree");
            }

            Console.WriteLine($"ministry file: {expected.Rows:N0} rows, {new FileInfo(file).Length / 1e6:N0} MB, {expected.ExpectedMatches:N0} planted, {expected.Malformed:N0} malformed, " +
                $"written in {fileClock.Elapsed.TotalSeconds:0.0} s");

            // The DIY route's helper: clear number → PersonKey of every national student, from the generator and the key.
            var helperClock = Stopwatch.StartNew();
            var protector = s.GetRequiredService<PersonalDataProtector>();
            await using (var conn = new NpgsqlConnection(connection))
            {
                await conn.OpenAsync();
                await new NpgsqlCommand("CREATE UNLOGGED TABLE diy_person_keys (id_number text NOT NULL, person_key text NOT NULL)", conn).ExecuteNonQueryAsync();
                await using (var copy = await conn.BeginBinaryImportAsync("COPY diy_person_keys FROM STDIN (FORMAT BINARY)"))
                {
                    foreach (var group in NationalStudents.Groups(SchoolsPart.Plan(national)))
                    {
                        foreach (var (_, students) in NationalStudents.Generate(national, group))
                        {
                            foreach (var st in students)
                            {
                                await copy.StartRowAsync();
                                await copy.WriteAsync(st.IdNumber, NpgsqlTypes.NpgsqlDbType.Text);
                                await copy.WriteAsync(Convert.ToHexStringLower(protector.BlindIndex(st.IdNumber)), NpgsqlTypes.NpgsqlDbType.Text);
                            }
                        }
                    }

                    await copy.CompleteAsync();
                }

                foreach (var sql in new[] { "CREATE INDEX ON diy_person_keys (id_number)", "VACUUM ANALYZE diy_person_keys", "VACUUM ANALYZE aid_entries" })
                {
                    await new NpgsqlCommand(sql, conn) { CommandTimeout = 3600 }.ExecuteNonQueryAsync();
                }
            }

            Console.WriteLine($"DIY helper table (clear number → PersonKey, {national.StudentCount:N0} students) built in {helperClock.Elapsed.TotalSeconds:0.0} s (not in the DIY time)");
            var loadSeconds = load.Elapsed.TotalSeconds;
            Console.WriteLine($"set-up total {loadSeconds:0.0} s; load average {LoadAverage()}");

            var system = Child("system", connection, file);
            var diy = Child("diy", connection, file);
            var ok = system.Matches == expected.ExpectedMatches && diy.Matches == expected.ExpectedMatches && system.Malformed == expected.Malformed;
            Console.WriteLine($"cross-check of {expected.Rows:N0} rows against {aid.Grants + aid.Waivers:N0} approved lines: system {system.Seconds:0.0} s " +
                $"({expected.Rows / system.Seconds:N0} rows/s, peak {system.PeakMb:N0} MB, {system.Matches:N0} matches, {system.Malformed:N0} malformed); " +
                $"DIY COPY + one JOIN {diy.Seconds:0.0} s ({expected.Rows / diy.Seconds:N0} rows/s, peak {diy.PeakMb:N0} MB, {diy.Matches:N0} matches); " +
                $"ratio {system.Seconds / diy.Seconds:0.00}x; planted {expected.ExpectedMatches:N0}{(ok ? " (exact)" : "  ** MISMATCH **")}; " +
                $"targets ≤ 60 s at 13 M rows, faster than DIY, < 2,048 MB{(system.Seconds <= 60 * expected.Rows / 13_000_000.0 && system.Seconds < diy.Seconds && system.PeakMb < 2048 ? "" : "  ** MISSED (see docs/benchmarks.md) **")}; " +
                $"load average {LoadAverage()}");
            if (!ok)
            {
                throw new InvalidOperationException("The cross-check did not find exactly the planted matches.");
            }
        }
    }

    private sealed record RouteResult(double Seconds, long Matches, long Malformed, double PeakMb);

    private static RouteResult Child(string route, string connection, string file)
    {
        var psi = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            psi.ArgumentList.Add(typeof(CrossCheckBench).Assembly.Location);
        }

        foreach (var a in new[] { "crosscheck", "route", route, connection, file })
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith("route ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The {route} route failed (exit {p.ExitCode}): {output}");
        var f = line.Split(' ');
        return new RouteResult(double.Parse(f[2], CultureInfo.InvariantCulture), long.Parse(f[3], CultureInfo.InvariantCulture),
            long.Parse(f[4], CultureInfo.InvariantCulture), double.Parse(f[5], CultureInfo.InvariantCulture));
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>The child process: one route, timed, printing "route NAME seconds matches malformed peakMB".</summary>
    private static async Task RouteAsync(string route, string connection, string file)
    {
        var sw = Stopwatch.StartNew();
        long matches, malformed = 0;
        if (route == "system")
        {
            await using var sp = Services(connection);
            await using var scope = sp.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("bench");
            await scope.ServiceProvider.GetRequiredService<WorkingDays>().ReloadAsync(scope.ServiceProvider.GetRequiredService<TsaDbContext>(), default);
            sw.Restart();
            var result = await scope.ServiceProvider.GetRequiredService<MonthlyCrossCheck>().RunFileAsync(file, Month, default);
            matches = result.Matches;
            malformed = result.MalformedRows;
        }
        else
        {
            await using var conn = new NpgsqlConnection(connection);
            await conn.OpenAsync();
            sw.Restart();
            await new NpgsqlCommand("CREATE TEMP TABLE moe_raw (id_number text, name text, item text, school_year text, semester text, school_name text)", conn).ExecuteNonQueryAsync();
            using (var reader = new StreamReader(file, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, 1 << 20))
            await using (var writer = await conn.BeginTextImportAsync("COPY moe_raw FROM STDIN (FORMAT csv, HEADER true)"))
            {
                var buffer = new char[1 << 20];
                int n;
                while ((n = await reader.ReadAsync(buffer)) > 0)
                {
                    await writer.WriteAsync(buffer.AsMemory(0, n));
                }
            }

            await new NpgsqlCommand("ANALYZE moe_raw", conn).ExecuteNonQueryAsync();
            await using var cmd = new NpgsqlCommand("""
                WITH m AS (
                    SELECT upper(translate(id_number, E'０１２３４５６７８９ｘ \t', '0123456789x')) AS id,
                           CASE trim(item) WHEN '助学金' THEN 1 WHEN '国家助学金' THEN 1 WHEN '免学费' THEN 2 END AS item,
                           left(trim(school_year), 4)::int AS school_year,
                           CASE WHEN trim(semester) LIKE '秋%' THEN 2 WHEN trim(semester) LIKE '春%' THEN 1 END AS semester
                    FROM moe_raw WHERE left(trim(school_year), 4) ~ '^[0-9]{4}$')
                SELECT count(*) FROM aid_entries e
                WHERE e."State" = 2 AND EXISTS (
                    SELECT 1 FROM m JOIN diy_person_keys k ON k.id_number = m.id
                    WHERE k.person_key = e."PersonKey" AND m.item = e."Item" AND m.school_year = e."SchoolYear" AND m.semester = e."Semester")
                """, conn) { CommandTimeout = 3600 };
            matches = (long)(await cmd.ExecuteScalarAsync())!;
        }

        var seconds = sw.Elapsed.TotalSeconds;
        using var self = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"route {route} {seconds:0.000} {matches} {malformed} {self.PeakWorkingSet64 / 1048576.0:0}"));
    }
}
