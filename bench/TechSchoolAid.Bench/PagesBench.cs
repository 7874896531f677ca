using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TechSchoolAid.Hosting;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Features;
using TechSchoolAid.Modules.Calendar;
using TechSchoolAid.Modules.StatusChanges.Features;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Features;
using TechSchoolAid.Modules.Supervision.Features;
using TechSchoolAid.Modules.Todo;
using TechSchoolAid.Seeding;

namespace TechSchoolAid.Bench;

/// <summary>
/// Issue 5, item 7, third benchmark: the busiest staff lists and pages with the national data set loaded, 16 concurrent
/// HTTP clients against the real web host (Kestrel, the app's own Program, launched as its own process on a free port),
/// p50 / p95 / p99 and errors per endpoint, against GET /health on the same host. Target: p95 ≤ 150 ms, no errors.
///   dotnet run -c Release --project bench/TechSchoolAid.Bench -- pages Postgres "Host=…;Port=…;Username=postgres"
/// Options: --students N (default 5,000,000), --schools-per-city N (schools created per city besides the 20 demo schools,
/// default 7: about 2,400 schools), --seconds N per endpoint (default 10), --clients N (default 16), --explain FILE
/// (EXPLAIN (ANALYZE, BUFFERS) of the SQL EF sends for each list, as Markdown), --extra-sql "…" (DDL before VACUUM
/// ANALYZE), --web PATH (TechSchoolAid.Web.dll; default: the Release build in src/TechSchoolAid.Web), --keep-database (to
/// study plans with psql afterwards).
/// The same run is callable with <see cref="PagesBenchOptions"/> and returns a <see cref="PagesBenchResult"/>: the web
/// tests run it at a few thousand students against the web host of the build under test (PagesBenchTests).
/// </summary>
public static partial class PagesBench
{
    private const double TargetMs = 150;
    private const string Password = BenchHost.DemoPassword;

    // The web host runs on the real clock, so the data set's "today" is the real one.
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static IReadOnlyDictionary<string, string?> Keys => BenchHost.Keys;

    /// <summary>The command line: `pages [Postgres] CONNECTION [options]`; prints the table.</summary>
    public static async Task RunAsync(string[] args)
    {
        var server = BenchHost.Server(args);
        var o = new PagesBenchOptions
        {
            Students = int.Parse(Option(args, "--students") ?? "5000000", CultureInfo.InvariantCulture),
            SchoolsPerCity = int.Parse(Option(args, "--schools-per-city") ?? "7", CultureInfo.InvariantCulture),
            Seconds = double.Parse(Option(args, "--seconds") ?? "10", CultureInfo.InvariantCulture),
            Clients = int.Parse(Option(args, "--clients") ?? "16", CultureInfo.InvariantCulture),
            ExplainFile = Option(args, "--explain"),
            ExtraSql = Option(args, "--extra-sql"),
            WebDll = Option(args, "--web") ?? DefaultWebDll(),
            KeepDatabase = args.Contains("--keep-database"),
        };
        await RunAsync(server, o, default);
    }

    /// <summary>
    /// One run on <paramref name="server"/> (a PostgreSQL connection string; the run creates its own database there and
    /// drops it at the end, also on failure, unless <see cref="PagesBenchOptions.KeepDatabase"/>). The web host it starts
    /// is stopped before this returns or throws.
    /// </summary>
    public static async Task<PagesBenchResult> RunAsync(string server, PagesBenchOptions o, CancellationToken ct)
    {
        if (!File.Exists(o.WebDll))
        {
            throw new InvalidOperationException($"{o.WebDll} not found: build it first (dotnet build -c Release src/TechSchoolAid.Web) or pass --web PATH.");
        }

        return await BenchHost.WithThrowawayDatabaseAsync(server, "tsa_bench_pages_", (connection, name) => RunOnAsync(connection, name, o, ct),
            o.KeepDatabase, o.Out, ct);
    }

    private static string? Option(string[] args, string name) => BenchHost.Option(args, name);

    /// <summary>The Release build of src/TechSchoolAid.Web in the repository this benchmark was built in.</summary>
    public static string DefaultWebDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TechSchoolAid.slnx")))
        {
            dir = dir.Parent;
        }

        return dir is null ? "TechSchoolAid.Web.dll" : Path.Combine(dir.FullName, "src", "TechSchoolAid.Web", "bin", "Release", "net10.0", "TechSchoolAid.Web.dll");
    }

    private static async Task<PagesBenchResult> RunOnAsync(string connection, string database, PagesBenchOptions o, CancellationToken ct)
    {
        var output = o.Out;
        await using var sp = BenchHost.Services(connection, Now);
        Task<T> As<T>(Actor actor, Func<IServiceProvider, Task<T>> run) => sp.As(actor, run);

        var total = Stopwatch.StartNew();
        await As(Actor.System("bench"), async s =>
        {
            await BenchHost.PrepareAsync(s, BenchHost.DemoPassword);
            return 0;
        });

        // 1. Schools for every city of the country (the 20 demo schools stay), then students, status changes and hanging
        //    flags over all of them (StatusBench's loader), then one term of aid lists, then VACUUM ANALYZE.
        var load = Stopwatch.StartNew();
        await using (var conn = new NpgsqlConnection(connection))
        {
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand(NationalSchoolsSql, conn);
            cmd.Parameters.AddWithValue("perCity", o.SchoolsPerCity);
            await cmd.ExecuteNonQueryAsync(ct);
        }

        var counts = await ProvinceData.LoadAsync(connection, o.Students, 0, Now, o.ExtraSql, national: true, beforeVacuum: async exec =>
        {
            var sw = Stopwatch.StartNew();
            await exec(AidRoundsSql);
            await exec(AidEntriesSql(waiver: true));
            await exec(AidEntriesSql(waiver: false));
            await exec("""UPDATE aid_rounds r SET "DeclaredEligibleCount" = c.n FROM (SELECT "RoundId", count(*)::int AS n FROM aid_entries GROUP BY 1) c WHERE c."RoundId" = r."Id" """);
            output.WriteLine($"aid lists loaded in {sw.Elapsed.TotalSeconds:0} s");
        });
        long Scalar(string sql)
        {
            using var conn = new NpgsqlConnection(connection);
            conn.Open();
            using var cmd = new NpgsqlCommand(sql, conn);
            return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        var schools = Scalar("""SELECT count(*) FROM organizations WHERE "Level" = 4""");
        var students = Scalar("SELECT count(*) FROM student_records");
        var aid = (Rounds: Scalar("SELECT count(*) FROM aid_rounds"), Entries: Scalar("SELECT count(*) FROM aid_entries"));
        var dbSize = Scalar("SELECT pg_database_size(current_database())");
        output.WriteLine("provider: Postgres (staff pages under load, issue 5)");
        output.WriteLine($"data: {students:N0} students in {schools:N0} schools ({counts.Students:N0} in province 44), {counts.Changes:N0} status changes, {counts.Flags:N0} hanging flags, " +
            $"{aid.Rounds:N0} aid lists with {aid.Entries:N0} lines (autumn 2026); database {dbSize / 1024.0 / 1024 / 1024:0.0} GB; load + VACUUM ANALYZE {load.Elapsed.TotalSeconds:0} s");
        if (o.ExtraSql is not null)
        {
            output.WriteLine($"extra SQL applied before VACUUM ANALYZE: {o.ExtraSql}");
        }

        Guid roundId;
        await using (var conn = new NpgsqlConnection(connection))
        {
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("""SELECT "Id" FROM aid_rounds WHERE "SchoolCode" = '44010004' AND "Item" = 2""", conn);
            roundId = (Guid)(await cmd.ExecuteScalarAsync(ct) ?? throw new InvalidOperationException("No aid list for 44010004"));
        }

        var province = new Actor("prov-44", "广东省人社厅管理员", Role.ProvinceAdmin, "44", OrgLevel.Province, "/44/", null);
        var city = new Actor("city-4401", "广州市人社局审核员", Role.CityReviewer, "4401", OrgLevel.City, "/44/4401/", null);
        var school = new Actor("school-44010004-aid", "资助专干", Role.SchoolAidOfficer, "44010004", OrgLevel.School, "/44/4401/44010004/", null);
        var records = school with { UserName = "school-44010004-records", DisplayName = "学籍管理员", Role = Role.SchoolRecordsOfficer };

        // 2. The lists, in the order of the table below: why each one is busy is in docs/postgres-physical-design.md.
        var lists = new List<(string Name, Actor Actor, string Url, Func<IServiceProvider, Task> Feature)>
        {
            ("students, page 1", records, "/api/v1/students?page=1&pageSize=50",
                s => s.GetRequiredService<StudentQueries>().ListAsync(new StudentFilter { Page = 1, PageSize = 50 }, default)),
            ("students, page 1", city, "/api/v1/students?page=1&pageSize=50",
                s => s.GetRequiredService<StudentQueries>().ListAsync(new StudentFilter { Page = 1, PageSize = 50 }, default)),
            ("students, page 1", province, "/api/v1/students?page=1&pageSize=50",
                s => s.GetRequiredService<StudentQueries>().ListAsync(new StudentFilter { Page = 1, PageSize = 50 }, default)),
            ("late status changes", city, "/api/v1/status-changes?overdue=true",
                s => s.GetRequiredService<ListStatusChanges>().HandleAsync(new StatusChangeFilter { Overdue = true }, default)),
            ("hanging list (open)", province, "/api/v1/hanging-flags?open=true",
                s => s.GetRequiredService<HangingFlagQueries>().ListAsync(new HangingFlagFilter { Open = true }, default)),
            ("aid lists waiting for me", city, "/api/v1/aid-rounds?waitingForMe=true",
                s => s.GetRequiredService<ListAidRounds>().HandleAsync(new AidRoundFilter { WaitingForMe = true }, default)),
            ("aid lists of the term", province, "/api/v1/aid-rounds?schoolYear=2026&semester=Autumn",
                s => s.GetRequiredService<ListAidRounds>().HandleAsync(new AidRoundFilter { SchoolYear = 2026, Semester = TechSchoolAid.Modules.Aid.Contracts.Semester.Autumn }, default)),
            ("a school's aid list lines", school, $"/api/v1/aid-rounds/{roundId}/entries",
                s => s.GetRequiredService<ListAidEntries>().HandleAsync(roundId, new AidEntryFilter(), default)),
            ("home to-do panel", province, "/api/v1/todo",
                s => s.GetRequiredService<TodoPanel>().ItemsAsync(default)),
        };

        if (o.ExplainFile is not null)
        {
            var plans = new StringBuilder();
            foreach (var (listName, actor, url, feature) in lists)
            {
                await As(actor, async s => { await feature(s); return 0; }); // warm the EF model and query caches
                plans.Append(await StatusBench.ExplainAsync(connection, $"{listName} as {actor.UserName} (`GET {url.Replace(roundId.ToString(), "{id}", StringComparison.Ordinal)}`)",
                    () => As(actor, async s => { await feature(s); return 0; })));
            }

            await File.WriteAllTextAsync(o.ExplainFile, plans.ToString(), ct);
            output.WriteLine($"query plans written to {o.ExplainFile}");
        }

        // 3. The real web host, on a free port, against this database.
        NpgsqlConnection.ClearAllPools();
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        using var web = StartWeb(o.WebDll, o.ContentRoot, connection, baseUrl, out var webLog);
        // Also when this process ends before the finally below runs (Ctrl+C, a test host shut down): no web host left behind.
        void KillWeb(object? sender, EventArgs e) => Kill(web);
        AppDomain.CurrentDomain.ProcessExit += KillWeb;
        try
        {
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10), UseCookies = false, AllowAutoRedirect = false };
            using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
            await WaitForHealthAsync(http, web, webLog, ct);
            var tokens = new Dictionary<string, string>();
            foreach (var user in lists.Select(l => l.Actor.UserName).Distinct())
            {
                using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password = Password }, ct);
                response.EnsureSuccessStatusCode();
                tokens[user] = (await response.Content.ReadFromJsonAsync<TokenBody>(ct))!.AccessToken;
            }

            var endpoints = new List<(string Name, string Actor, string Url)> { ("static: /health", "anonymous", "/health") };
            endpoints.AddRange(lists.Select(l => (l.Name, l.Actor.UserName, l.Url)));
            // Blazor pages: the first HTML response (server prerender, which runs the page's queries). The bearer token
            // stands in for the sign-in cookie: both end in the same principal, the same actor and the same page.
            endpoints.Add(("page /students (SSR)", records.UserName, "/students"));
            endpoints.Add(("page /students (SSR)", province.UserName, "/students"));
            endpoints.Add(("page / home to-do (SSR)", province.UserName, "/"));
            endpoints.Add(("page /aid/rounds (SSR)", city.UserName, "/aid/rounds"));

            output.WriteLine($"web host {baseUrl} (pid {web.Id}); {o.Clients} concurrent clients, {o.Seconds} s per endpoint after a warm-up; load average before: {LoadAverage()}");
            output.WriteLine("| endpoint | actor | requests | p50 ms | p95 ms | p99 ms | errors | p95 / static p95 | p50, 1 client | target p95 ≤ 150 ms |");
            output.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
            double? staticP95 = null;
            var results = new List<PagesEndpointResult>();
            foreach (var (epName, user, url) in endpoints)
            {
                var token = tokens.GetValueOrDefault(user);
                var (rows, listTotal) = await ProbeAsync(http, url, token, ct);
                var solo = o.SoloSeconds > 0 ? await HammerAsync(http, url, token, 1, TimeSpan.FromSeconds(o.SoloSeconds), ct) : null;
                var result = await HammerAsync(http, url, token, o.Clients, TimeSpan.FromSeconds(o.Seconds), ct);
                ct.ThrowIfCancellationRequested();
                staticP95 ??= result.P95;
                var ok = result.P95 <= TargetMs && result.Errors == 0;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {epName} `{url.Replace(roundId.ToString(), "{id}", StringComparison.Ordinal)}` | {user} | {result.Requests:N0} | {result.P50:0.0} | {result.P95:0.0} | {result.P99:0.0} | {result.Errors}{(result.FirstError is null ? "" : $" ({result.FirstError})")} | {result.P95 / staticP95.Value:0.0}x | {(solo is null ? "—" : solo.P50.ToString("0.0", CultureInfo.InvariantCulture))} | {(ok ? "✔" : "** MISSED **")} |"));
                results.Add(new PagesEndpointResult(epName, user, url, result.Requests, result.Errors, result.FirstError, result.Statuses, result.P50, result.P95, result.P99, solo?.P50, rows, listTotal));
            }

            output.WriteLine($"load average after: {LoadAverage()}; total run {total.Elapsed.TotalSeconds:0} s");
            return new PagesBenchResult(database, students, schools, counts.Students, counts.Changes, counts.Flags, aid.Rounds, aid.Entries, results, Text(webLog));
        }
        finally
        {
            AppDomain.CurrentDomain.ProcessExit -= KillWeb;
            Kill(web);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await web.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                output.WriteLine($"web host pid {web.Id} did not exit within 30 s of being killed");
            }
        }
    }

    private sealed record TokenBody(string AccessToken);

    /// <summary>
    /// The lines: waivers for every active, approved, full-time student with a rural household or an agricultural major;
    /// grants for about 30 % of those of the first two years (the hardship share). Reviewed lists: approved lines (1 %
    /// rejected); the others: proposed.
    /// </summary>
    internal static string AidEntriesSql(bool waiver) => $"""
        INSERT INTO aid_entries ("Id", "RoundId", "SchoolId", "ScopePath", "SchoolYear", "Semester", "Item", "StudentId", "PersonKey", "StudentName",
            "ClassName", "IdNumberMasked", "Grade", "YearAmountFen", "AmountFen", "Basis", "State", "CollectedBy", "CollectedAtUtc",
            "ReviewedBy", "ReviewedAtUtc", "Version")
        SELECT md5('entry' || s."Id" || r."Item")::uuid, r."Id", s."SchoolId", s."ScopePath", 2026, 2, r."Item", s."Id", s."IdNumberHash", s."Name",
            s."ClassName", s."IdNumberMasked", 2026 - s."IntakeYear" + 1,
            {(waiver ? "t.\"AmountFen\", t.\"AmountFen\" / 2" : "200000, 100000")},
            {(waiver ? "CASE WHEN s.\"Household\" = 1 THEN '农村户籍' ELSE '涉农专业' END" : "'家庭经济困难（认定等级：困难）'")},
            CASE WHEN r."State" <> 5 THEN 1 WHEN get_byte(decode(substr(s."IdNumberHash", 3, 2), 'hex'), 0) < 3 THEN 3 ELSE 2 END,
            r."CreatedBy", r."CreatedAtUtc", CASE WHEN r."State" = 5 THEN r."ReviewedBy" END, r."ReviewedAtUtc", 1
        FROM student_records s
        JOIN organizations o ON o."Id" = s."SchoolId"
        JOIN school_tuitions t ON t."SchoolId" = s."SchoolId" AND t."Major" IS NULL AND t."ValidTo" IS NULL
        JOIN aid_rounds r ON r."SchoolId" = s."SchoolId" AND r."Item" = {(waiver ? 2 : 1)}
        WHERE s."Status" = 1 AND s."RegistrationState" = 4 AND s."IsFullTime"
            AND {(waiver ? "(s.\"Household\" = 1 OR s.\"MajorIsAgricultural\")" : "s.\"IntakeYear\" >= 2025 AND get_byte(decode(substr(s.\"IdNumberHash\", 1, 2), 'hex'), 0) < 77")}
        """;
}

/// <summary>What one run of <see cref="PagesBench"/> does. The defaults are the command line's (the national scale).</summary>
public sealed record PagesBenchOptions
{
    public int Students { get; init; } = 5_000_000;

    /// <summary>Schools created per city besides the 20 demo schools (0: the demo schools only).</summary>
    public int SchoolsPerCity { get; init; } = 7;

    /// <summary>Seconds of load per endpoint, after the warm-up.</summary>
    public double Seconds { get; init; } = 10;

    public int Clients { get; init; } = 16;

    /// <summary>Seconds with one client per endpoint before the load (the "1 client" p50); 0 leaves it out.</summary>
    public double SoloSeconds { get; init; } = 2;

    public string? ExplainFile { get; init; }

    public string? ExtraSql { get; init; }

    /// <summary>TechSchoolAid.Web.dll of the build to measure.</summary>
    public required string WebDll { get; init; }

    /// <summary>The web host's working directory (its content root); default: the project directory above bin/.</summary>
    public string? ContentRoot { get; init; }

    public bool KeepDatabase { get; init; }

    /// <summary>Where the progress lines and the table go.</summary>
    public TextWriter Out { get; init; } = Console.Out;
}

/// <summary>What a run loaded, what every endpoint answered, and what the web host wrote (warnings and errors).</summary>
public sealed record PagesBenchResult(
    string Database,
    long Students,
    long Schools,
    int StudentsInProvince44,
    int StatusChanges,
    int HangingFlags,
    long AidRounds,
    long AidLines,
    IReadOnlyList<PagesEndpointResult> Endpoints,
    string WebHostLog);

/// <param name="Statuses">Answers per HTTP status during the load (0: no answer, e.g. a refused connection).</param>
/// <param name="Rows">Rows of one JSON answer taken before the load (an array, or an object's "items"); null for pages.</param>
/// <param name="Total">The "total" of that answer, when it has one.</param>
/// <param name="SoloP50">p50 with one client; null when <see cref="PagesBenchOptions.SoloSeconds"/> is 0.</param>
public sealed record PagesEndpointResult(
    string Name,
    string Actor,
    string Url,
    int Requests,
    int Errors,
    string? FirstError,
    IReadOnlyDictionary<int, int> Statuses,
    double P50,
    double P95,
    double P99,
    double? SoloP50,
    int? Rows,
    int? Total);
