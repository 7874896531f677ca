using System.Collections.Concurrent;

namespace TechSchoolAid.Modules.Dashboards.Features;

/// <summary>
/// One count at a time per overview key (a stampede guard): when the cached overview of a busy scope expires, the first
/// request counts it and the requests arriving meanwhile wait for that count instead of each counting the whole scope
/// again (docs/adr/0023-dashboards.md). A singleton, so it spans requests; each count still runs on the counting
/// request's own scoped context.
/// </summary>
/// <remarks>
/// A waiter never depends on the counting request's fate: if that request is cancelled (its client left) or fails, the
/// waiter counts for itself. A waiter's own cancellation stops only its wait.
/// </remarks>
public sealed class DashboardFlights
{
    private readonly ConcurrentDictionary<string, Task<DashboardView>> _inFlight = new(StringComparer.Ordinal);

    /// <summary>How many overviews are being counted now (for tests and diagnostics).</summary>
    public int Counting => _inFlight.Count;

    public async Task<DashboardView> RunAsync(string key, Func<Task<DashboardView>> count, CancellationToken ct)
    {
        var mine = new TaskCompletionSource<DashboardView>(TaskCreationOptions.RunContinuationsAsynchronously);
        var current = _inFlight.GetOrAdd(key, mine.Task);
        if (current != mine.Task)
        {
            try
            {
                return await current.WaitAsync(ct);
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                // The counting request was cancelled or failed: count for this one (its own errors reach its caller).
                return await count();
            }
        }

        try
        {
            var view = await count();
            mine.SetResult(view);
            return view;
        }
        catch (Exception e)
        {
            mine.SetException(e);
            _ = mine.Task.Exception; // observed here; a waiter that sees it counts for itself
            throw;
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<string, Task<DashboardView>>(key, mine.Task));
        }
    }
}
