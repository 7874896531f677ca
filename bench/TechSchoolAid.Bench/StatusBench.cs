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
            var late = await TimeAsync(() => As(actor, s => s.GetRequiredService<StatusChangeQueries>().ListAsync(lateFilter, default)));
            var lateBase = await TimeBaselineAsync(connection, Baseline.Late(actor.ScopePath, today));
            Check("late list", actor, late.Result.Total, late.Result.Items.Select(i => i.Id), lateBase);
            Report($"late-change list, {actor.UserName} ({late.Result.Total:N0} late, page of 50 + total)", late.Times, lateBase.Times);
            plans.Append(await ExplainAsync(connection, $"Late-change list as {actor.UserName} (`{actor.ScopePath}`)",
                () => As(actor, s => s.GetRequiredService<StatusChangeQueries>().ListAsync(lateFilter, default))));

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

/// <summary>
/// The province, bulk-loaded with INSERT … SELECT generate_series (synthetic but valid-looking rows; the cipher and hash
/// bytes are random-looking, never decrypted: only the lists are measured).
/// </summary>
internal static class ProvinceData
{
    /// <param name="national">Spread the students over every school in <c>organizations</c> (the pages benchmark creates
    /// schools for every city first) instead of province 44's schools (and 51's for <paramref name="otherStudents"/>).</param>
    /// <param name="beforeVacuum">More loading (e.g. aid lists) on the same connection before <paramref name="extraSql"/> and VACUUM ANALYZE.</param>
    public static async Task<(int Students, int Schools, int Changes, int Flags)> LoadAsync(string connection, int students, int otherStudents, DateTimeOffset now, string? extraSql,
        bool national = false, Func<Func<string, Task<long>>, Task>? beforeVacuum = null)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        var today = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime);

        async Task<long> Exec(string sql)
        {
            await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 3600 };
            cmd.Parameters.AddWithValue("n", students);
            cmd.Parameters.AddWithValue("all", students + otherStudents);
            cmd.Parameters.AddWithValue("today", today);
            var r = await cmd.ExecuteScalarAsync();
            return r is null or DBNull ? 0 : Convert.ToInt64(r, CultureInfo.InvariantCulture);
        }

        await Exec(national
            ? """
              CREATE TEMP TABLE bench_schools AS
              SELECT (row_number() OVER (ORDER BY "Code") - 1)::int AS n, 0 AS p, "Id", "Code", "ScopePath", "Name"
              FROM organizations WHERE "Level" = 4
              """
            : """
              CREATE TEMP TABLE bench_schools AS
              SELECT (row_number() OVER (PARTITION BY "ScopePath" NOT LIKE '/44/%' ORDER BY "Code") - 1)::int AS n,
                  ("ScopePath" NOT LIKE '/44/%')::int AS p, "Id", "Code", "ScopePath", "Name"
              FROM organizations WHERE "Level" = 4 AND ("ScopePath" LIKE '/44/%' OR "ScopePath" LIKE '/51/%')
              """);
        var schools = (int)await Exec("SELECT count(*) FROM bench_schools WHERE p = 0");
        if (!national && await Exec("SELECT count(*) FROM bench_schools WHERE p = 1") != schools)
        {
            throw new InvalidOperationException("The demo data should give provinces 44 and 51 the same number of schools.");
        }

        // Students: three intakes (autumn 2024, 2025, 2026); ~2 % still in registration, the rest approved with a mix of
        // statuses (active, suspended, reserved, withdrawn, transferred out, graduated).
        await Exec("""
            INSERT INTO student_records ("Id", "SchoolId", "SchoolCode", "ScopePath", "Name", "DocumentType", "IdNumberCipher", "IdNumberHash",
                "IdNumberMasked", "BirthDate", "Sex", "Ethnicity", "Household", "HouseholdCountyCode", "Major", "MajorIsAgricultural", "MajorArts", "TrainingLevel",
                "EntryEducation", "SchoolingYears", "IsFullTime", "IntakeYear", "IntakeSeason", "EnrolmentDate", "ClassName", "PaperFileMade",
                "InputFingerprint", "HoldsPlace", "RegistrationState", "StatusNumber", "CollectedBy", "CollectedAtUtc", "VerifiedBy", "VerifiedAtUtc",
                "VerificationMethod", "SubmittedBy", "SubmittedAtUtc", "ReviewedBy", "ReviewedAtUtc", "Version", "Status", "StatusSince")
            SELECT md5('s' || g)::uuid, s."Id", s."Code", s."ScopePath",
                (ARRAY['王','李','张','刘','陈','杨','黄','赵','吴','周','徐','孙','马','朱','胡','郭','何','林','罗','高','梁','郑','谢','宋','唐'])[1 + g % 25]
                    || (ARRAY['伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳','杰','娟','涛','明','超','秀','霞','平'])[1 + (g / 25) % 20]
                    || CASE WHEN g % 3 = 0 THEN '' ELSE (ARRAY['文','华','鑫','宇','浩','婷','欣','晨','子','梓'])[1 + (g / 500) % 10] END,
                1, decode(md5('c' || g) || md5('d' || g), 'hex'), encode(sha256(convert_to('id' || g, 'UTF8')), 'hex'),
                '4401' || lpad((g % 100)::text, 2, '0') || '********' || lpad((g % 10000)::text, 4, '0'),
                make_date(2026 - 15 - y, 1 + g % 12, 1 + g % 28), 1 + g % 2, '汉族', 1 + (g / 7) % 2, '4401' || lpad((1 + g % 17)::text, 2, '0'),
                (ARRAY['数控加工','电气自动化设备安装与维修','汽车维修','计算机网络应用','现代农业技术','园林技术','烹饪（中式烹调）','电子商务','工业机器人应用与维护','畜牧兽医'])[1 + (g / 10) % 10],
                (g / 10) % 10 IN (4, 5, 9), 0, 1 + g % 3, 1, 3, g % 20 <> 7, 2026 - y, 2, make_date(2026 - y, 9, 1),
                (2026 - y) || '级' || (1 + (g / 10) % 40) || '班', false, md5('f' || g),
                (g % 20 <> 7) AND st NOT IN (4, 5, 6, 7, 8, 9),
                CASE WHEN st = 0 THEN 2 ELSE 4 END,
                CASE WHEN st = 0 THEN NULL ELSE 'G' || s."Code" || lpad(g::text, 8, '0') END,
                'bench', make_timestamptz(2026 - y, 9, 5, 2, 0, 0, 'UTC'), 'bench', make_timestamptz(2026 - y, 9, 6, 2, 0, 0, 'UTC'), '现场点名',
                'bench', make_timestamptz(2026 - y, 9, 7, 2, 0, 0, 'UTC'),
                CASE WHEN st = 0 THEN NULL ELSE 'city' END, CASE WHEN st = 0 THEN NULL ELSE make_timestamptz(2026 - y, 10, 1, 2, 0, 0, 'UTC') END,
                1, st, CASE WHEN st = 0 THEN NULL WHEN st = 1 THEN make_date(2026 - y, 9, 1) ELSE make_date(2026, 3, 1) + (g % 200) END
            FROM generate_series(0, @all - 1) g
            CROSS JOIN LATERAL (SELECT g % 3 AS y, ((g::bigint * 7919) % 100)::int AS h) k
            CROSS JOIN LATERAL (SELECT CASE
                WHEN k.h < 2 AND k.y = 0 THEN 0
                WHEN k.h < 5 THEN 2
                WHEN k.h < 6 THEN 3
                WHEN k.h < 9 THEN 4
                WHEN k.h < 11 THEN 7
                WHEN k.h < 12 THEN 5
                WHEN k.h < 16 AND k.y = 2 THEN 9
                ELSE 1 END AS st) t
            JOIN bench_schools s ON s.p = (g >= @n)::int AND s.n = (g / 7) % (SELECT count(*) FROM bench_schools WHERE p = 0)
            """);

        // Status changes for 5 % of the students (every 20th), each a kind that fits and a deadline state:
        //   60 % approved on time, 10 % processed late, 5 % submitted (waiting for approval), 10 % late and unprocessed
        //   (draft, or returned), 5 % due soon (≤ 3 days), 5 % not yet due, 5 % undone. Transfers have an In row at the
        //   receiving school once submitted. Due date = occurred + 14 days (10 working days).
        await Exec("""
            CREATE TEMP TABLE bench_changes AS
            SELECT g, md5('c' || g)::uuid AS id, md5('s' || g)::uuid AS student, b, occurred, occurred + 14 AS due,
                CASE WHEN b < 60 THEN 4 WHEN b < 70 THEN 4 WHEN b < 75 THEN 2 WHEN b < 82 THEN 1 WHEN b < 85 THEN 5 WHEN b < 95 THEN 1 ELSE 6 END AS state,
                (ARRAY[1, 2, 3, 4, 5, 1, 2, 3, 9, 10])[1 + (g / 20) % 10] AS kind
            FROM generate_series(0, @all - 1, 20) g
            CROSS JOIN LATERAL (SELECT (g / 20 * 37) % 100 AS b) k
            CROSS JOIN LATERAL (SELECT CASE
                WHEN k.b < 75 OR k.b >= 95 THEN @today - 20 - (g % 330)
                WHEN k.b < 85 THEN @today - 15 - (g % 180)
                WHEN k.b < 90 THEN @today - 14 + (g / 20) % 4
                ELSE @today - 10 + (g / 20) % 6 END AS occurred) o
            """);
        await Exec("""
            INSERT INTO status_changes ("Id", "Kind", "Side", "StudentId", "StudentName", "StudentIdNumberMasked", "StatusNumber", "SchoolId", "SchoolCode",
                "SchoolName", "ScopePath", "OtherSchoolCode", "OtherSchoolName", "OccurredOn", "DueDate", "Reason", "RequiresAuthority", "State",
                "EnteredBy", "EnteredAtUtc", "SubmittedBy", "SubmittedAtUtc", "ApprovedBy", "ApprovedAtUtc", "ReturnedBy", "ReturnedAtUtc", "ReturnReason",
                "UndoneBy", "UndoneAtUtc", "UndoReason", "ProcessedOn", "ProcessedLate", "PreviousStatus", "PreviousStatusSince", "Version")
            SELECT c.id, c.kind, CASE WHEN c.kind = 1 THEN 1 ELSE 0 END, c.student, r."Name", r."IdNumberMasked", r."StatusNumber", r."SchoolId", r."SchoolCode",
                s."Name", r."ScopePath", CASE WHEN c.kind = 1 THEN t."Code" END, CASE WHEN c.kind = 1 THEN t."Name" END, c.occurred, c.due,
                '学生及家长申请（基准测试数据）', c.kind IN (1, 5, 7), c.state,
                'school-' || r."SchoolCode", (c.occurred + 1)::timestamp AT TIME ZONE 'Asia/Shanghai',
                CASE WHEN p.processed IS NOT NULL THEN 'school-' || r."SchoolCode" END, (p.processed::timestamp + interval '10 hours') AT TIME ZONE 'Asia/Shanghai',
                CASE WHEN c.state IN (4, 6) THEN 'city' END, CASE WHEN c.state IN (4, 6) THEN (p.processed + 2)::timestamp AT TIME ZONE 'Asia/Shanghai' END,
                CASE WHEN c.state = 5 THEN 'city' END, CASE WHEN c.state = 5 THEN (c.occurred + 5)::timestamp AT TIME ZONE 'Asia/Shanghai' END,
                CASE WHEN c.state = 5 THEN '证明材料不全' END,
                CASE WHEN c.state = 6 THEN 'prov' END, CASE WHEN c.state = 6 THEN (p.processed + 5)::timestamp AT TIME ZONE 'Asia/Shanghai' END,
                CASE WHEN c.state = 6 THEN '录入错误' END,
                p.processed, p.processed IS NOT NULL AND p.processed > c.due, CASE WHEN c.state IN (4, 6) THEN 1 END,
                CASE WHEN c.state IN (4, 6) THEN r."EnrolmentDate" END, 1
            FROM bench_changes c
            JOIN student_records r ON r."Id" = c.student
            JOIN bench_schools s ON s."Id" = r."SchoolId"
            JOIN bench_schools t ON t.p = s.p AND t.n = (s.n + 1) % (SELECT count(*) FROM bench_schools WHERE p = 0)
            CROSS JOIN LATERAL (SELECT CASE
                WHEN c.state IN (1, 5) THEN NULL
                WHEN c.b >= 60 AND c.b < 70 THEN c.due + 1 + c.g % 20
                ELSE c.occurred + c.g % 12 END AS processed) p
            """);
        await Exec("""
            INSERT INTO status_changes ("Id", "Kind", "Side", "StudentId", "StudentName", "StudentIdNumberMasked", "StatusNumber", "SchoolId", "SchoolCode",
                "SchoolName", "ScopePath", "OtherSchoolCode", "OtherSchoolName", "CounterpartId", "OccurredOn", "DueDate", "Reason", "RequiresAuthority",
                "State", "EnteredBy", "EnteredAtUtc", "SubmittedBy", "SubmittedAtUtc", "ProcessedOn", "ProcessedLate", "Version")
            SELECT md5('in' || o."Id")::uuid, 1, 2, o."StudentId", o."StudentName", o."StudentIdNumberMasked", o."StatusNumber", t."Id", t."Code", t."Name",
                t."ScopePath", o."SchoolCode", o."SchoolName", o."Id", o."OccurredOn", o."DueDate", o."Reason", true,
                CASE o."State" WHEN 2 THEN 2 WHEN 6 THEN 4 ELSE o."State" END,
                o."SubmittedBy", o."SubmittedAtUtc", o."SubmittedBy", o."SubmittedAtUtc", o."ProcessedOn", o."ProcessedLate", 1
            FROM status_changes o JOIN bench_schools t ON t."Code" = o."OtherSchoolCode"
            WHERE o."Kind" = 1 AND o."Side" = 1 AND o."State" IN (2, 4, 6)
            """);
        await Exec("""UPDATE status_changes o SET "CounterpartId" = md5('in' || o."Id")::uuid WHERE o."Kind" = 1 AND o."Side" = 1 AND o."State" IN (2, 4, 6)""");

        // Hanging flags for 3 % of the students: reasons (absent, unreachable, no activity, past graduation) and states
        // 50 % open, 20 % answered, 25 % accepted, 5 % cleared; detected over the last year.
        await Exec("""
            INSERT INTO hanging_flags ("Id", "Reason", "Detail", "StudentId", "SchoolId", "SchoolCode", "ScopePath", "StudentName", "StudentIdNumberMasked",
                "StatusNumber", "DetectedOn", "DetectedBy", "DetectedAtUtc", "State", "Answer", "AnsweredBy", "AnsweredAtUtc", "ReviewNote", "ReviewedBy",
                "ReviewedAtUtc", "AnswerCount", "Version")
            SELECT md5('h' || r."Id")::uuid, reason,
                CASE reason WHEN 1 THEN '核验中不在校' WHEN 2 THEN '核验中联系不上' WHEN 3 THEN '超过 180 天无任何学籍活动记录' ELSE '超过预计毕业日期 90 天宽限期仍在籍' END,
                r."Id", r."SchoolId", r."SchoolCode", r."ScopePath", r."Name", r."IdNumberMasked", r."StatusNumber", detected, 'prov-44',
                (detected::timestamp + interval '9 hours') AT TIME ZONE 'Asia/Shanghai', state,
                CASE WHEN state > 1 THEN '学生在校实习，已补充证明' END, CASE WHEN state > 1 THEN 'school-' || r."SchoolCode" END,
                CASE WHEN state > 1 THEN (detected::timestamp + interval '5 days') AT TIME ZONE 'Asia/Shanghai' END,
                CASE WHEN state > 2 THEN '情况属实' END, CASE WHEN state > 2 THEN 'city' END,
                CASE WHEN state > 2 THEN (detected::timestamp + interval '9 days') AT TIME ZONE 'Asia/Shanghai' END,
                CASE WHEN state > 1 THEN 1 ELSE 0 END, 1
            FROM (SELECT g, md5('s' || g)::uuid AS id FROM generate_series(0, @all - 1) g WHERE g % 100 IN (1, 2, 3)) x
            JOIN student_records r ON r."Id" = x.id
            CROSS JOIN LATERAL (SELECT 1 + (x.g / 100) % 4 AS reason, @today - (x.g / 100 * 13) % 365 AS detected,
                CASE WHEN (x.g / 100 * 7) % 20 < 10 THEN 1 WHEN (x.g / 100 * 7) % 20 < 14 THEN 2 WHEN (x.g / 100 * 7) % 20 < 19 THEN 3 ELSE 4 END AS state) k
            """);
        if (beforeVacuum is not null)
        {
            await beforeVacuum(Exec);
        }

        if (extraSql is not null)
        {
            await Exec(extraSql);
        }

        await Exec("VACUUM (ANALYZE)");
        var changes = (int)await Exec("SELECT count(*) FROM status_changes");
        var flags = (int)await Exec("SELECT count(*) FROM hanging_flags");
        var loaded = (int)await Exec("SELECT count(*) FROM student_records WHERE \"ScopePath\" LIKE '/44/%'");
        return (loaded, schools, changes, flags);
    }
}
