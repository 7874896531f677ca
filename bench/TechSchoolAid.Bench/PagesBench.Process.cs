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

/// <summary>The web process the pages benchmark starts, probes and stops, and the load its clients put on it.</summary>
public static partial class PagesBench
{
    private static void Kill(Process web)
    {
        try
        {
            if (!web.HasExited)
            {
                web.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
    }

    /// <summary>
    /// One request, to see that the data is there: the rows of a JSON list (an array, or an object's "items") and its
    /// "total"; nulls for HTML pages and other answers.
    /// </summary>
    private static async Task<(int? Rows, int? Total)> ProbeAsync(HttpClient http, string url, string? token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType is not { } type || !type.Contains("json", StringComparison.Ordinal))
        {
            return (null, null);
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(ct));
        var root = json.RootElement;
        if (root.ValueKind == JsonValueKind.Array)
        {
            return (root.GetArrayLength(), null);
        }

        int? rows = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array ? items.GetArrayLength() : null;
        int? total = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("total", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetInt32() : null;
        return (rows, total);
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static Process StartWeb(string dll, string? contentRoot, string connection, string url, out StringBuilder log)
    {
        // The dotnet that runs this process when there is one (DOTNET_HOST_PATH is set by `dotnet run` and `dotnet test`).
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet", [dll])
        {
            // Default: the project directory of bin/<configuration>/<framework>/TechSchoolAid.Web.dll.
            WorkingDirectory = contentRoot ?? Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(dll)))))!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["ASPNETCORE_URLS"] = url;
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["Security__AllowPlainHttp"] = "true"; // a loopback host without TLS: cookies must not demand it
        psi.Environment["Database__Provider"] = "Postgres";
        psi.Environment["ConnectionStrings__Default"] = connection;
        psi.Environment["Security__DataKey"] = Keys["Security:DataKey"];
        psi.Environment["Security__IndexKey"] = Keys["Security:IndexKey"];
        psi.Environment["Security__AuditKey"] = Keys["Security:AuditKey"];
        psi.Environment["Audit__CheckpointFolder"] = Keys["Audit:CheckpointFolder"];
        // Demo mode only for the demo accounts' password; the demo data is there already and the aid demo lists are off.
        psi.Environment["Demo__Enabled"] = "true";
        psi.Environment["Demo__Password"] = Password;
        psi.Environment["Demo__StudentsPerSchool"] = "0";
        psi.Environment["Demo__AidRounds"] = "false";
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        var buffer = new StringBuilder();
        log = buffer;
        var p = Process.Start(psi) ?? throw new InvalidOperationException("Could not start the web host.");
        p.OutputDataReceived += (_, e) => { lock (buffer) { buffer.AppendLine(e.Data); } };
        p.ErrorDataReceived += (_, e) => { lock (buffer) { buffer.AppendLine(e.Data); } };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    private static async Task WaitForHealthAsync(HttpClient http, Process web, StringBuilder log, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromMinutes(3))
        {
            ct.ThrowIfCancellationRequested();
            if (web.HasExited)
            {
                throw new InvalidOperationException($"The web host exited ({web.ExitCode}):\n{Text(log)}");
            }

            try
            {
                using var r = await http.GetAsync("/health", ct);
                if (r.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(500, ct);
        }

        throw new InvalidOperationException($"The web host did not answer /health in 3 minutes:\n{Text(log)}");
    }

    private static string Text(StringBuilder log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }

    private sealed record LoadResult(int Requests, double P50, double P95, double P99, int Errors, string? FirstError, IReadOnlyDictionary<int, int> Statuses);

    /// <summary>N clients in a closed loop (each sends its next request when the last one is read), for a fixed time.</summary>
    private static async Task<LoadResult> HammerAsync(HttpClient http, string url, string? token, int clients, TimeSpan duration, CancellationToken ct)
    {
        async Task<(double Ms, int Status, string? Error)> Once()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            var start = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
                _ = await response.Content.ReadAsByteArrayAsync(ct);
                var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                return (ms, (int)response.StatusCode, response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return (Stopwatch.GetElapsedTime(start).TotalMilliseconds, 0, e.GetType().Name);
            }
        }

        // Warm-up: every client once, twice (JIT, EF query cache, connection pool, PostgreSQL buffers).
        for (var i = 0; i < 2; i++)
        {
            await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Once()));
        }

        var clock = Stopwatch.StartNew();
        var perClient = await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            var mine = new List<(double Ms, int Status, string? Error)>();
            while (clock.Elapsed < duration && !ct.IsCancellationRequested)
            {
                mine.Add(await Once());
            }

            return mine;
        }));
        var all = perClient.SelectMany(x => x).ToList();
        var sorted = all.Select(x => x.Ms).Order().ToList();
        var errors = all.Where(x => x.Error is not null).ToList();
        double Q(double q) => sorted.Count == 0 ? double.NaN : sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Count) - 1)];
        var statuses = all.GroupBy(x => x.Status).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());
        return new LoadResult(all.Count, Q(0.50), Q(0.95), Q(0.99), errors.Count, errors.Count == 0 ? null : errors[0].Error, statuses);
    }

    /// <summary>
    /// Schools for every city (level 3) of the reference data, codes city + 0101.., the first two of each city supervised by
    /// the province, the others by the city, every fourth private; like the demo schools, each with an approved tuition.
    /// </summary>
    internal const string NationalSchoolsSql = """
        WITH ins AS (
        INSERT INTO organizations ("Code", "Name", "Level", "ParentId", "ScopePath", "ProvinceCode", "CityCode", "Kind", "Ownership", "ManagedBy",
            "Address", "Principal", "AidOfficeContact", "AidOfficePhone", "Version")
        SELECT c."Code" || lpad((101 + i)::text, 4, '0'),
            left(c."Name", 40) || (ARRAY['第一','第二','第三','第四','第五','第六','第七','第八','第九','第十'])[1 + i % 10] || (ARRAY['技师学院','高级技工学校','技工学校'])[1 + i % 3],
            4, CASE WHEN i < 2 THEN p."Id" ELSE c."Id" END,
            CASE WHEN i < 2 THEN p."ScopePath" ELSE c."ScopePath" END || c."Code" || lpad((101 + i)::text, 4, '0') || '/',
            p."Code", c."Code", 1 + i % 3, CASE WHEN i % 4 = 3 THEN 2 ELSE 1 END, CASE WHEN i < 2 THEN 1 ELSE 2 END,
            '职教路 ' || (i + 10) || ' 号', '校长', '资助办', '0' || c."Code" || '-8000', 0
        FROM organizations c JOIN organizations p ON p."Id" = c."ParentId"
        CROSS JOIN generate_series(0, @perCity - 1) i
        WHERE c."Level" = 3
        RETURNING "Id", "Code", "ScopePath")
        INSERT INTO school_tuitions ("Id", "SchoolId", "ScopePath", "AmountFen", "Major", "DocumentNumber", "DocumentDate", "ValidFrom", "ValidTo",
            "RecordedBy", "RecordedAtUtc", "Version")
        SELECT md5('school-tuition:' || "Code")::uuid, "Id", "ScopePath", 240000 + ((right("Code", 4))::int % 5) * 30000, NULL, 'bench',
            DATE '2020-07-15', DATE '2020-09-01', NULL, 'bench', now(), 0
        FROM ins
        """;

    /// <summary>
    /// One term (autumn 2026) of grant and waiver lists for every school: 70 % reviewed, 15 % submitted and waiting for the
    /// supervisor, 10 % under publication, 5 % draft; deadlines from 10 days ago to a month ahead. 44010004's waiver list
    /// (the school actor's) is reviewed.
    /// </summary>
    internal const string AidRoundsSql = """
        INSERT INTO aid_rounds ("Id", "SchoolId", "SchoolCode", "SchoolName", "ScopePath", "SupervisorPath", "SchoolYear", "Semester", "Item",
            "PolicyId", "ApprovalDeadline", "DeclaredEligibleCount", "State", "CreatedBy", "CreatedAtUtc", "PublishedFrom", "PublishedTo",
            "PublishedBy", "PublishedAtUtc", "SubmittedBy", "SubmittedAtUtc", "ReviewedBy", "ReviewedAtUtc", "Version")
        SELECT md5('round' || o."Id" || '-' || it)::uuid, o."Id", o."Code", o."Name", o."ScopePath", regexp_replace(o."ScopePath", '[^/]+/$', ''),
            2026, 2, it, (SELECT "Id" FROM aid_policies ORDER BY "ValidFrom" DESC LIMIT 1), @today - 10 + k.h % 40, 0, s.state,
            'school-' || o."Code", @today - 60,
            CASE WHEN s.state >= 2 THEN @today - 45 END, CASE WHEN s.state >= 2 THEN @today - 37 END,
            CASE WHEN s.state >= 2 THEN 'school-' || o."Code" END, CASE WHEN s.state >= 2 THEN now() - interval '45 days' END,
            CASE WHEN s.state >= 3 THEN 'school-' || o."Code" END, CASE WHEN s.state >= 3 THEN now() - interval '30 days' END,
            CASE WHEN s.state = 5 THEN 'reviewer' END, CASE WHEN s.state = 5 THEN now() - interval '20 days' END, 1
        FROM organizations o
        CROSS JOIN (VALUES (1), (2)) v(it)
        CROSS JOIN LATERAL (SELECT abs(hashtext(o."Code" || '-' || it)) % 100 AS h) k
        CROSS JOIN LATERAL (SELECT CASE WHEN o."Code" = '44010004' AND it = 2 THEN 5
            WHEN k.h < 70 THEN 5 WHEN k.h < 85 THEN 3 WHEN k.h < 95 THEN 2 ELSE 1 END AS state) s
        WHERE o."Level" = 4
        """;
}
