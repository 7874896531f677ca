using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TechSchoolAid.Hosting;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Calendar;
using TechSchoolAid.Modules.StatusChanges.Features;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Supervision.Features;
using TechSchoolAid.Seeding;

/// <summary>
/// Issue 3's speed requirement: "the late-change list and the hanging list for a province of 300,000 students answer in
/// under 200 ms on PostgreSQL". Loads a province (300,000 students over province 44's demo schools, ~5 % of them with a
/// status change, ~3 % flagged as possibly hanging), then times the real feature classes as the province and as a city
/// actor against hand-written SQL returning the same rows, and prints EXPLAIN (ANALYZE, BUFFERS) of the EF-generated SQL.
///   dotnet run -c Release --project bench/TechSchoolAid.Bench -- status Postgres "Host=…;Port=…;Username=postgres"
/// Options after the connection string: --students N (default 300000), --other-province N (students of province 51 in
/// the same tables, default 0: a national table, where the scope filter must use an index), --explain FILE (plans as Markdown),
/// --extra-sql "CREATE INDEX …" (applied before VACUUM ANALYZE: to measure a proposed index without a migration).
/// </summary>
internal static class StatusBench
{
    private const int Runs = 25;
    private const int WarmUp = 3;
    private const int TargetMs = 200;

    // Monday 2026-10-12 .. the bench's "today" is Thursday 2026-10-15 (Beijing time).
    private static readonly DateTimeOffset Now = new(2026, 10, 15, 2, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(string[] args)
    {
        var provider = args.Length > 0 ? args[0] : "Postgres";
        if (provider != "Postgres")
        {
            throw new InvalidOperationException("The status benchmark measures PostgreSQL only (issue 3): status Postgres \"<connection string>\"");
        }

        var server = BenchHost.Server(args);
        var students = int.Parse(Option(args, "--students") ?? "300000", CultureInfo.InvariantCulture);
        var others = int.Parse(Option(args, "--other-province") ?? "0", CultureInfo.InvariantCulture);
        var explainFile = Option(args, "--explain");
        var extraSql = Option(args, "--extra-sql");

        await BenchHost.WithThrowawayDatabaseAsync(server, "tsa_bench_status_", connection => RunOnAsync(connection, students, others, explainFile, extraSql));
    }

    private static string? Option(string[] args, string name) => BenchHost.Option(args, name);

    private static async Task RunOnAsync(string connection, int studentCount, int otherStudents, string? explainFile, string? extraSql)
    {
        await using var sp = BenchHost.Services(connection, Now);
        Task<T> As<T>(Actor actor, Func<IServiceProvider, Task<T>> run) => sp.As(actor, run);

        var total = Stopwatch.StartNew();
        await As(Actor.System("bench"), async s =>
        {
            await BenchHost.PrepareAsync(s, BenchHost.DemoPassword);
            return 0;
        });
        var setupMs = total.Elapsed.TotalMilliseconds;

        var load = Stopwatch.StartNew();
        var counts = await ProvinceData.LoadAsync(connection, studentCount, otherStudents, Now, extraSql);
        Console.WriteLine("provider: Postgres (status lists, issue 3)");
        Console.WriteLine($"data: {counts.Students:N0} students in province 44 ({counts.Schools} schools){(otherStudents > 0 ? $" + {otherStudents:N0} in province 51" : "")}, {counts.Changes:N0} status changes, {counts.Flags:N0} hanging flags{(otherStudents > 0 ? " (both provinces)" : "")}; " +
            $"migrate + demo orgs {setupMs / 1000:0.0} s, bulk load + VACUUM ANALYZE {load.Elapsed.TotalSeconds:0.0} s");
        if (extraSql is not null)
        {
            Console.WriteLine($"extra SQL applied before VACUUM ANALYZE: {extraSql}");
        }

        var province = new Actor("prov-44", "广东省人社厅管理员", Role.ProvinceAdmin, "44", OrgLevel.Province, "/44/", null);
        var city = new Actor("city-4401", "广州市人社局审核员", Role.CityReviewer, "4401", OrgLevel.City, "/44/4401/", null);
        var today = DateOnly.FromDateTime(Now.ToOffset(TimeSpan.FromHours(8)).DateTime);
        var plans = new StringBuilder();

        foreach (var actor in new[] { province, city })
        {
            // The late list: GET /api/v1/status-changes?overdue=true (first page of 50, with the total).
            var lateFilter = new StatusChangeFilter { Overdue = true, Page = 1, PageSize = 50 };
            var late = await TimeAsync(() => As(actor, s => s.GetRequiredService<ListStatusChanges>().HandleAsync(lateFilter, default)));
            var lateBase = await TimeBaselineAsync(connection, Baseline.Late(actor.ScopePath, today));
            Check("late list", actor, late.Result.Total, late.Result.Items.Select(i => i.Id), lateBase);
            Report($"late-change list, {actor.UserName} ({late.Result.Total:N0} late, page of 50 + total)", late.Times, lateBase.Times);
            plans.Append(await ExplainAsync(connection, $"Late-change list as {actor.UserName} (`{actor.ScopePath}`)",
                () => As(actor, s => s.GetRequiredService<ListStatusChanges>().HandleAsync(lateFilter, default))));

            // The hanging list: GET /api/v1/hanging-flags?open=true (the flags still to answer or review, first page).
            var flagFilter = new HangingFlagFilter { Open = true, Page = 1, PageSize = 50 };
            var flags = await TimeAsync(() => As(actor, s => s.GetRequiredService<HangingFlagQueries>().ListAsync(flagFilter, default)));
            var flagBase = await TimeBaselineAsync(connection, Baseline.Hanging(actor.ScopePath));
            Check("hanging list", actor, flags.Result.Total, flags.Result.Items.Select(i => i.Id), flagBase);
            Report($"hanging list, {actor.UserName} ({flags.Result.Total:N0} open flags, page of 50 + total)", flags.Times, flagBase.Times);
            plans.Append(await ExplainAsync(connection, $"Hanging list as {actor.UserName} (`{actor.ScopePath}`)",
                () => As(actor, s => s.GetRequiredService<HangingFlagQueries>().ListAsync(flagFilter, default))));
        }

        Console.WriteLine($"total run {total.Elapsed.TotalSeconds:0} s");
        if (explainFile is not null)
        {
            await File.WriteAllTextAsync(explainFile, plans.ToString());
            Console.WriteLine($"query plans written to {explainFile}");
        }
    }

    private static void Report(string what, List<double> app, List<double> sql) =>
        Console.WriteLine($"{what}: median {Median(app):0.0} ms, p95 {P95(app):0.0} ms; hand-written SQL median {Median(sql):0.0} ms; " +
            $"ratio {Median(app) / Median(sql):0.0}x; target < {TargetMs} ms{(P95(app) < TargetMs ? "" : "  ** MISSED **")}");

    private static void Check(string what, Actor actor, int total, IEnumerable<Guid> ids, (List<double> Times, int Total, List<Guid> Ids) baseline)
    {
        if (total != baseline.Total || !ids.SequenceEqual(baseline.Ids))
        {
            throw new InvalidOperationException($"{what} as {actor.UserName}: the feature returned {total} / [{string.Join(",", ids.Take(3))}…], the baseline {baseline.Total} / [{string.Join(",", baseline.Ids.Take(3))}…]");
        }

        if (total == 0)
        {
            throw new InvalidOperationException($"{what} as {actor.UserName} is empty: the data set is wrong");
        }
    }

    private static async Task<(T Result, List<double> Times)> TimeAsync<T>(Func<Task<T>> run)
    {
        var result = default(T)!;
        for (var i = 0; i < WarmUp; i++)
        {
            result = await run();
        }

        var times = new List<double>(Runs);
        var sw = new Stopwatch();
        for (var i = 0; i < Runs; i++)
        {
            sw.Restart();
            result = await run();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }

        return (result, times);
    }

    private static async Task<(List<double> Times, int Total, List<Guid> Ids)> TimeBaselineAsync(string connection, (string Count, string Page, Action<DbCommand> Bind) q)
    {
        // A pooled connection opened per run, as the feature's DbContext does.
        async Task<(int, List<Guid>)> Once()
        {
            await using var conn = new NpgsqlConnection(connection);
            await conn.OpenAsync();
            await using var count = conn.CreateCommand();
            count.CommandText = q.Count;
            q.Bind(count);
            var total = Convert.ToInt32(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            await using var page = conn.CreateCommand();
            page.CommandText = q.Page;
            q.Bind(page);
            var ids = new List<Guid>();
            await using var reader = await page.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetGuid(0));
                for (var c = 1; c < reader.FieldCount; c++)
                {
                    _ = reader.GetValue(c);
                }
            }

            return (total, ids);
        }

        var (result, times) = await TimeAsync(Once);
        return (times, result.Item1, result.Item2);
    }

    /// <summary>Runs the feature once, capturing the SQL EF sends (with its parameters), and EXPLAINs each statement.</summary>
    internal static async Task<string> ExplainAsync(string connection, string title, Func<Task> run)
    {
        var commands = new List<(string Sql, NpgsqlParameter[] Parameters)>();
        using (CommandCapture.Start(commands))
        {
            await run();
        }

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"### {title}\n\n");
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        foreach (var (sql, parameters) in commands)
        {
            sb.Append("```sql\n").Append(sql.Trim()).Append('\n');
            foreach (var p in parameters)
            {
                sb.Append(CultureInfo.InvariantCulture, $"-- {p.ParameterName} = {Format(p.Value)}\n");
            }

            sb.Append("```\n\n```\n");
            await using var cmd = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + sql, conn);
            foreach (var p in parameters)
            {
                cmd.Parameters.Add(p.Clone());
            }

            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                sb.Append(reader.GetString(0)).Append('\n');
            }

            sb.Append("```\n\n");
        }

        return sb.ToString();
    }

    private static string Format(object? v) => v switch
    {
        null or DBNull => "NULL",
        string s => $"'{s}'",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        System.Collections.IEnumerable a => "{" + string.Join(",", a.Cast<object>().Select(x => Convert.ToString(x, CultureInfo.InvariantCulture))) + "}",
        _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
    };

    private static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);

    private static double P95(List<double> xs) => xs.Order().ElementAt((int)Math.Ceiling(xs.Count * 0.95) - 1);

    /// <summary>Collects the commands EF executes while active, through EF's DiagnosticSource events.</summary>
    private sealed class CommandCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly List<(string, NpgsqlParameter[])> sink;
        private readonly List<IDisposable> subscriptions = [];

        private CommandCapture(List<(string, NpgsqlParameter[])> sink) => this.sink = sink;

        public static CommandCapture Start(List<(string, NpgsqlParameter[])> sink)
        {
            var c = new CommandCapture(sink);
            c.subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(c));
            return c;
        }

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                subscriptions.Add(value.Subscribe(this));
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData { Command: NpgsqlCommand cmd })
            {
                lock (sink)
                {
                    sink.Add((cmd.CommandText, cmd.Parameters.Select(p => p.Clone()).ToArray()));
                }
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            foreach (var s in subscriptions)
            {
                s.Dispose();
            }
        }
    }
}

/// <summary>Hand-written SQL for the same rows as the features: count + first page, one connection, no ORM.</summary>
internal static class Baseline
{
    public static (string Count, string Page, Action<DbCommand> Bind) Late(string scope, DateOnly today)
    {
        const string Where = "WHERE \"ScopePath\" LIKE @scope AND \"Side\" <> 2 AND \"State\" IN (1, 5) AND \"DueDate\" < @today";
        return ($"SELECT count(*) FROM status_changes {Where}",
            $"SELECT * FROM status_changes {Where} ORDER BY \"DueDate\", \"Id\" LIMIT 50",
            cmd =>
            {
                ((NpgsqlCommand)cmd).Parameters.AddWithValue("scope", scope + "%");
                ((NpgsqlCommand)cmd).Parameters.AddWithValue("today", today);
            });
    }

    public static (string Count, string Page, Action<DbCommand> Bind) Hanging(string scope)
    {
        const string Where = "WHERE f.\"ScopePath\" LIKE @scope AND f.\"State\" IN (1, 2)";
        return ($"SELECT count(*) FROM hanging_flags f {Where}",
            $"SELECT f.*, o.\"Name\" FROM hanging_flags f JOIN organizations o ON o.\"Id\" = f.\"SchoolId\" {Where} ORDER BY f.\"State\", f.\"DetectedAtUtc\" DESC, f.\"Id\" LIMIT 50",
            cmd => ((NpgsqlCommand)cmd).Parameters.AddWithValue("scope", scope + "%"));
    }
}
