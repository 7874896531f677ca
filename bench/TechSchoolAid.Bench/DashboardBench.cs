using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;

namespace TechSchoolAid.Bench;

/// <summary>
/// Issue 12 (RPT-1) speed: the ministry's, a province's and a city's GET /api/v1/dashboard on the national data set
/// (PagesBench's loader: schools in every city, students, status changes, one term of aid lists), 16 concurrent
/// clients against the real web host, p50 / p95 / p99 against GET /health in the same run. Target p95 ≤ 150 ms.
/// Two web hosts in turn: every request counting again (Dashboards:CacheSeconds = 0), then the product's default
/// (the same overview reused for 30 s per scope, role, year and day).
///   dotnet run -c Release --project bench/TechSchoolAid.Bench -- dashboard Postgres "Host=…;Port=…;Username=postgres"
/// Options: --students N (default 5,000,000), --schools-per-city N (default 7), --seconds N per endpoint (default 10),
/// --clients N (default 16), --web PATH (TechSchoolAid.Web.dll).
/// </summary>
public static partial class PagesBench
{
    public static async Task RunDashboardAsync(string[] args)
    {
        var server = BenchHost.Server(args);
        var o = new PagesBenchOptions
        {
            Students = int.Parse(Option(args, "--students") ?? "5000000", CultureInfo.InvariantCulture),
            SchoolsPerCity = int.Parse(Option(args, "--schools-per-city") ?? "7", CultureInfo.InvariantCulture),
            Seconds = double.Parse(Option(args, "--seconds") ?? "10", CultureInfo.InvariantCulture),
            Clients = int.Parse(Option(args, "--clients") ?? "16", CultureInfo.InvariantCulture),
            WebDll = Option(args, "--web") ?? DefaultWebDll(),
        };
        if (!File.Exists(o.WebDll))
        {
            throw new InvalidOperationException($"{o.WebDll} not found: build it first (dotnet build -c Release src/TechSchoolAid.Web) or pass --web PATH.");
        }

        await BenchHost.WithThrowawayDatabaseAsync(server, "tsa_bench_dash_", (connection, _) => DashboardOnAsync(connection, o, default), false, o.Out, default);
    }

    private static async Task<int> DashboardOnAsync(string connection, PagesBenchOptions o, CancellationToken ct)
    {
        var output = o.Out;
        var total = Stopwatch.StartNew();
        await using (var sp = BenchHost.Services(connection, Now))
        {
            await sp.As(Actor.System("bench"), async s =>
            {
                await BenchHost.PrepareAsync(s, BenchHost.DemoPassword);
                return 0;
            });
        }

        var load = Stopwatch.StartNew();
        await using (var conn = new NpgsqlConnection(connection))
        {
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand(NationalSchoolsSql, conn);
            cmd.Parameters.AddWithValue("perCity", o.SchoolsPerCity);
            await cmd.ExecuteNonQueryAsync(ct);
        }

        var counts = await ProvinceData.LoadAsync(connection, o.Students, 0, Now, null, national: true, beforeVacuum: async exec =>
        {
            await exec(AidRoundsSql);
            await exec(AidEntriesSql(waiver: true));
            await exec(AidEntriesSql(waiver: false));
        });
        // The loader copies the students' masks into the aid lines in the old form; the web host rewrites them at start
        // with a 30 s command timeout, which a loaded machine does not meet on a large set: do it here without one.
        await using (var sp = BenchHost.Services(connection, Now))
        {
            await sp.As(Actor.System("bench"), async s =>
            {
                var db = s.GetRequiredService<TsaDbContext>();
                db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
                return await IdMaskUpgrade.RunAsync(db, ct);
            });
        }

        long Scalar(string sql)
        {
            using var conn = new NpgsqlConnection(connection);
            conn.Open();
            using var cmd = new NpgsqlCommand(sql, conn);
            return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        output.WriteLine("provider: Postgres (dashboards, issue 12 RPT-1)");
        output.WriteLine($"data: {Scalar("SELECT count(*) FROM student_records"):N0} students in {Scalar("""SELECT count(*) FROM organizations WHERE "Level" = 4"""):N0} schools, " +
            $"{counts.Changes:N0} status changes, {Scalar("SELECT count(*) FROM aid_entries"):N0} aid lines; load + VACUUM ANALYZE {load.Elapsed.TotalSeconds:0} s");

        var endpoints = new List<(string Name, string User, string Url)>
        {
            ("static: /health", "", "/health"),
            ("dashboard, ministry (by province)", "ministry", "/api/v1/dashboard"),
            ("dashboard, province 44 (by city and 省管 school)", "prov-44", "/api/v1/dashboard"),
            ("dashboard, city 4401 (by school)", "city-4401", "/api/v1/dashboard"),
        };
        foreach (var cacheSeconds in new[] { "0", "30" })
        {
            Environment.SetEnvironmentVariable("Dashboards__CacheSeconds", cacheSeconds); // the web host inherits it
            NpgsqlConnection.ClearAllPools();
            var baseUrl = $"http://127.0.0.1:{FreePort()}";
            using var web = StartWeb(o.WebDll, o.ContentRoot, connection, baseUrl, out var webLog);
            void KillWeb(object? sender, EventArgs e) => Kill(web);
            AppDomain.CurrentDomain.ProcessExit += KillWeb;
            try
            {
                using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseCookies = false, AllowAutoRedirect = false };
                using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(120) };
                await WaitForHealthAsync(http, web, webLog, ct);
                var tokens = new Dictionary<string, string>();
                foreach (var user in endpoints.Select(e => e.User).Where(u => u.Length > 0).Distinct())
                {
                    using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password = Password }, ct);
                    response.EnsureSuccessStatusCode();
                    tokens[user] = (await response.Content.ReadFromJsonAsync<TokenBody>(ct))!.AccessToken;
                }

                output.WriteLine();
                output.WriteLine(cacheSeconds == "0" ? "every request counts again (Dashboards:CacheSeconds = 0):" : "product default (overview reused for 30 s per scope, role, year and day):");
                output.WriteLine($"{o.Clients} concurrent clients, {o.Seconds} s per endpoint after a warm-up; load average before: {LoadAverage()}");
                output.WriteLine("| endpoint | actor | requests | p50 ms | p95 ms | p99 ms | errors | p95 / static p95 | p50, 1 client | target p95 ≤ 150 ms |");
                output.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
                double? staticP95 = null;
                foreach (var (name, user, url) in endpoints)
                {
                    var token = tokens.GetValueOrDefault(user);
                    await ProbeAsync(http, url, token, ct);
                    var solo = await HammerAsync(http, url, token, 1, TimeSpan.FromSeconds(2), ct);
                    var result = await HammerAsync(http, url, token, o.Clients, TimeSpan.FromSeconds(o.Seconds), ct);
                    staticP95 ??= result.P95;
                    var ok = result.P95 <= TargetMs && result.Errors == 0;
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {name} `{url}` | {(user.Length == 0 ? "anonymous" : user)} | {result.Requests:N0} | {result.P50:0.0} | {result.P95:0.0} | {result.P99:0.0} | {result.Errors}{(result.FirstError is null ? "" : $" ({result.FirstError})")} | {result.P95 / staticP95.Value:0.0}x | {solo.P50:0.0} | {(ok ? "✔" : "** MISSED **")} |"));
                }
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

        output.WriteLine($"load average after: {LoadAverage()}; total run {total.Elapsed.TotalSeconds:0} s");
        return 0;
    }
}
