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

/// <summary>The web process the pages benchmark starts, probes and stops.</summary>
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
}
