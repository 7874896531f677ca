using System.Globalization;
using Spectre.Console;

namespace TechSchoolAid.Cli;

/// <summary>
/// Progress of a long command on stderr (stdout stays for the result line). A live Spectre.Console bar when both stdout
/// and stderr are a terminal; otherwise (CI logs, a pipe, a file) plain lines, one per tenth of each part, because
/// redrawn lines turn a log into carriage returns and escape codes.
/// </summary>
public abstract class CliProgress
{
    private readonly Lock _gate = new();

    /// <summary>
    /// Reports <paramref name="fraction"/> (0–1) of the part <paramref name="label"/>, <paramref name="count"/> items so far.
    /// The generators report from parallel workers, hence the lock, and a report may arrive after a later one: the display
    /// never goes backwards.
    /// </summary>
    public void Report(string label, string unit, double fraction, long count)
    {
        lock (_gate)
        {
            Show(label, unit, Math.Clamp(double.IsNaN(fraction) ? 0 : fraction, 0, 1), count);
        }
    }

    protected abstract void Show(string label, string unit, double fraction, long count);

    /// <summary>Runs <paramref name="work"/> with the progress display that suits the console.</summary>
    public static async Task<T> RunAsync<T>(Func<CliProgress, Task<T>> work)
    {
        if (Console.IsOutputRedirected || Console.IsErrorRedirected)
        {
            return await work(new PlainProgress(Console.Error, TimeProvider.System));
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(context => work(new LiveProgress(context)));
    }

    /// <summary>The rate shown next to the count, in items per second.</summary>
    protected static string Rate(long count, TimeSpan elapsed, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{(elapsed.TotalSeconds > 0 ? count / elapsed.TotalSeconds : 0):N0} {unit}/秒");

    private sealed class LiveProgress(ProgressContext context) : CliProgress
    {
        private const double Steps = 10_000;
        private readonly Dictionary<string, ProgressTask> _tasks = [];

        protected override void Show(string label, string unit, double fraction, long count)
        {
            if (!_tasks.TryGetValue(label, out var task))
            {
                task = context.AddTask(Markup.Escape(label), maxValue: Steps);
                _tasks[label] = task;
            }

            if (fraction * Steps < task.Value)
            {
                return;
            }

            task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{label}  {count:N0} {unit}  {Rate(count, task.ElapsedTime ?? TimeSpan.Zero, unit)}"));
            task.Value = fraction * Steps;
        }
    }
}

/// <summary>One line per tenth of each part and one when it ends: readable in a log, never redrawn.</summary>
public sealed class PlainProgress(TextWriter output, TimeProvider clock) : CliProgress
{
    private readonly Dictionary<string, (int Tenths, long Started)> _parts = [];

    protected override void Show(string label, string unit, double fraction, long count)
    {
        var now = clock.GetTimestamp();
        if (!_parts.TryGetValue(label, out var part))
        {
            part = (0, now);
        }

        // The small addition keeps 0.3 (2.9999… tenths in binary) on its own line rather than the next one.
        var tenths = (int)Math.Floor((fraction * 10) + 1e-9);
        if (tenths <= part.Tenths)
        {
            _parts[label] = part;
            return;
        }

        _parts[label] = (tenths, part.Started);
        var elapsed = clock.GetElapsedTime(part.Started, now);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label} {tenths * 10,3}%  {count:N0} {unit}  {Rate(count, elapsed, unit)}  已用 {elapsed:m\\:ss}"));
    }
}
