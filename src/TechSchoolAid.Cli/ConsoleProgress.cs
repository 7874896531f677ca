using System.Diagnostics;
using System.Globalization;

namespace TechSchoolAid.Cli;

/// <summary>
/// A progress bar on stderr (stdout stays for results): redrawn in place at most five times a second on a terminal, one
/// line every ten seconds when stderr is a file or a pipe.
/// </summary>
public sealed class ConsoleProgress(string label)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _gate = new();
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private TimeSpan _lastDraw = TimeSpan.FromDays(-1);
    private bool _done;

    public void Report(double fraction, long rows, string unit)
    {
        lock (_gate)
        {
            var now = _clock.Elapsed;
            var finished = fraction >= 1;
            if (_done)
            {
                return;
            }

            _done = finished;
            if (!finished && now - _lastDraw < (_terminal ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(10)))
            {
                return;
            }

            _lastDraw = now;
            fraction = Math.Clamp(fraction, 0, 1);
            const int width = 30;
            var filled = (int)Math.Round(fraction * width);
            var rate = now.TotalSeconds > 0 ? rows / now.TotalSeconds : 0;
            var eta = fraction > 0.001 && !finished ? TimeSpan.FromSeconds(now.TotalSeconds * (1 - fraction) / fraction) : TimeSpan.Zero;
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{label} [{new string('#', filled)}{new string('-', width - filled)}] {fraction * 100,5:0.0}%  {rows:N0} {unit}  {rate:N0} {unit}/秒  已用 {now:m\\:ss}  剩余 {eta:m\\:ss}");
            Console.Error.Write(_terminal ? "\r" + line + "   " : line + Environment.NewLine);
            if (finished && _terminal)
            {
                Console.Error.WriteLine();
            }
        }
    }
}

/// <summary>The command line's words and --name value options.</summary>
public static class CliArgs
{
    private static readonly HashSet<string> ValueOptions = ["--seed", "--scale", "--students", "--schools", "--out", "--batch-size", "--school", "--as", "--operator", "--errors", "--as-of", "--term", "--month", "--rows", "--overlap", "--malformed", "--org", "--role", "--name"];

    /// <summary>The words of the command: no --options, no configuration overrides (key=value), no option values.</summary>
    public static string[] Words(string[] args)
    {
        var words = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (ValueOptions.Contains(args[i]))
            {
                i++;
                continue;
            }

            if (!args[i].StartsWith("--", StringComparison.Ordinal) && !args[i].Contains('=', StringComparison.Ordinal))
            {
                words.Add(args[i]);
            }
        }

        return [.. words];
    }

    /// <summary>The value of <c>--name VALUE</c> or <c>--name=VALUE</c>.</summary>
    public static string? Option(string[] args, string name)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == name && i + 1 < args.Length)
            {
                return args[i + 1];
            }

            if (args[i].StartsWith(name + "=", StringComparison.Ordinal))
            {
                return args[i][(name.Length + 1)..];
            }
        }

        return null;
    }
}

/// <summary>A running count on stderr, written synchronously (Progress&lt;T&gt; posts to the thread pool and can print after the result).</summary>
public sealed class RowsProgress(string label) : IProgress<long>
{
    public void Report(long value) => Console.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{label} {value:N0}"));
}
