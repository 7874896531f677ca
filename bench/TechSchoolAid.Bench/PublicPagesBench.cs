using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TechSchoolAid.Bench;

/// <summary>
/// PUB-1's speed target: the public policy page (/public/policies/44) against a static file served by the same host
/// (/favicon.svg), requests per second with N clients, one after the other against one real web process (SQLite demo
/// data, Production environment). Usage: bench public [clients=16] [seconds=15] [path/to/TechSchoolAid.Web.dll].
/// Prints both rates and their ratio (the target is at least 0.5).
/// </summary>
public static class PublicPagesBench
{
    public static async Task RunAsync(string[] args)
    {
        var clients = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 16;
        var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;
        var dll = args.Length > 2 ? args[2] : Path.Combine(AppContext.BaseDirectory, "TechSchoolAid.Web.dll");
        var work = Path.Combine(Path.GetTempPath(), "tsa-public-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet", [Path.GetFullPath(dll)])
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["ASPNETCORE_URLS"] = url;
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["Security__AllowPlainHttp"] = "true";
        psi.Environment["Security__AllowKeyFile"] = "true";
        psi.Environment["Security__KeyFile"] = Path.Combine(work, "keys.json");
        psi.Environment["Audit__CheckpointFolder"] = Path.Combine(work, "checkpoints");
        psi.Environment["Database__Provider"] = "Sqlite";
        psi.Environment["Database__MigrateOnStart"] = "true";
        psi.Environment["ConnectionStrings__Default"] = $"Data Source={Path.Combine(work, "tsa.db")}";
        psi.Environment["Demo__Enabled"] = "true";
        psi.Environment["Demo__Password"] = "Bench@2026pass";
        psi.Environment["Demo__StudentsPerSchool"] = "2";
        psi.Environment["Jobs__Enabled"] = "false";
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        var log = new StringBuilder();
        using var web = Process.Start(psi) ?? throw new InvalidOperationException("Could not start the web host.");
        web.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        web.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        web.BeginOutputReadLine();
        web.BeginErrorReadLine();
        try
        {
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
            using var http = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
            await WaitForHealthAsync(http, web, log);
            foreach (var path in new[] { "/favicon.svg", "/public/policies/44" })
            {
                using var warm = await http.GetAsync(path);
                if (warm.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"GET {path} answered {(int)warm.StatusCode}");
                }
            }

            var statics = await LoadAsync(http, "/favicon.svg", clients, TimeSpan.FromSeconds(seconds));
            var policy = await LoadAsync(http, "/public/policies/44", clients, TimeSpan.FromSeconds(seconds));
            var ratio = policy.PerSecond / statics.PerSecond;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"clients={clients} seconds={seconds} load={LoadAverage()} processors={Environment.ProcessorCount}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"GET /favicon.svg          {statics.PerSecond,10:F0} req/s  p95 {statics.P95:F1} ms  errors {statics.Errors}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"GET /public/policies/44   {policy.PerSecond,10:F0} req/s  p95 {policy.P95:F1} ms  errors {policy.Errors}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio policy/static = {ratio:F2} (target >= 0.50): {(ratio >= 0.5 ? "MET" : "NOT MET")}"));
        }
        finally
        {
            if (!web.HasExited)
            {
                web.Kill(entireProcessTree: true);
            }

            await web.WaitForExitAsync();
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    private sealed record Load(double PerSecond, double P95, int Errors);

    private static async Task<Load> LoadAsync(HttpClient http, string path, int clients, TimeSpan duration)
    {
        var timings = new List<double>[clients];
        var errors = 0;
        var sw = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, clients).Select(async i =>
        {
            var mine = timings[i] = [];
            while (sw.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                using var r = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
                _ = await r.Content.ReadAsByteArrayAsync();
                if (r.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref errors);
                }

                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }).ToList();
        await Task.WhenAll(tasks);
        var all = timings.SelectMany(t => t).Order().ToList();
        return new Load(all.Count / sw.Elapsed.TotalSeconds, all.Count == 0 ? 0 : all[(int)(all.Count * 0.95)], errors);
    }

    private static async Task WaitForHealthAsync(HttpClient http, Process web, StringBuilder log)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromMinutes(5))
        {
            if (web.HasExited)
            {
                throw new InvalidOperationException($"The web host exited ({web.ExitCode}):\n{log}");
            }

            try
            {
                using var r = await http.GetAsync("/health");
                if (r.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(500);
        }

        throw new InvalidOperationException($"The web host did not answer /health in 5 minutes:\n{log}");
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
