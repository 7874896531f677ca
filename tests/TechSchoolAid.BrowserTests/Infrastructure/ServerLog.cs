using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace TechSchoolAid.BrowserTests.Infrastructure;

/// <summary>
/// The application's warnings and errors, kept in memory (and written to artifacts/browser-tests-server.log), so that a
/// failing browser test can say what the server was complaining about at the time.
/// </summary>
public sealed class ServerLog : ILoggerProvider
{
    private const int Capacity = 500;
    private readonly ConcurrentQueue<(long Seq, string Text)> _entries = new();
    private long _total;
    private readonly Lock _fileLock = new();
    private readonly string _file = Path.Combine(RepoPaths.Root, "artifacts", "browser-tests-server.log");

    public ServerLog()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        File.WriteAllText(_file, "");
    }

    /// <summary>How many entries were ever logged: a mark for <see cref="Since"/>.</summary>
    public long Mark => Interlocked.Read(ref _total);

    /// <summary>Entries logged after the mark, at most the last 20.</summary>
    public IReadOnlyList<string> Since(long mark) => [.. _entries.Where(e => e.Seq >= mark).Select(e => e.Text).TakeLast(20)];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string entry)
    {
        _entries.Enqueue((Interlocked.Increment(ref _total) - 1, entry));
        while (_entries.Count > Capacity && _entries.TryDequeue(out _))
        {
        }

        lock (_fileLock)
        {
            File.AppendAllText(_file, entry + Environment.NewLine);
        }
    }

    private sealed class Logger(ServerLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            log.Add(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : Environment.NewLine + exception)}"));
        }
    }
}
