using System.Diagnostics;
using System.Security.Cryptography;

namespace TechSchoolAid.Tests.Cli;

/// <summary>
/// This build's tsa.dll in its own process, as an operator runs it: current folder an empty temp folder, a SQLite database
/// file in it (created only if a command opens it), standard output and error redirected as in a CI log.
/// </summary>
public sealed class TsaProcess : IDisposable
{
    private readonly string _dataKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly string _indexKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly string _auditKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public TsaProcess() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "tsa_cli_" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Environment variables set after the defaults (a broken connection string, another provider).</summary>
    public Dictionary<string, string> Environment { get; } = [];

    /// <summary>What the commands left in the folder, relative paths, sorted.</summary>
    public IReadOnlyList<string> Written() =>
        [.. Directory.EnumerateFileSystemEntries(Folder, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(Folder, p)).Order(StringComparer.Ordinal)];

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    public async Task<(int Exit, string Out, string Error)> RunAsync(string? input, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Folder,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tsa.dll"));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["Database__Provider"] = "Sqlite";
        psi.Environment["ConnectionStrings__Default"] = $"Data Source={Path.Combine(Folder, "tsa.db")}";
        psi.Environment["Security__DataKey"] = _dataKey;
        psi.Environment["Security__IndexKey"] = _indexKey;
        psi.Environment["Security__AuditKey"] = _auditKey;
        psi.Environment["Audit__CheckpointFolder"] = Path.Combine(Folder, "checkpoints");
        psi.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in Environment)
        {
            psi.Environment[key] = value;
        }

        using var p = Process.Start(psi)!;
        if (input is not null)
        {
            await p.StandardInput.WriteLineAsync(input);
        }

        p.StandardInput.Close();
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(timeout.Token);
        return (p.ExitCode, await output, await error);
    }
}
