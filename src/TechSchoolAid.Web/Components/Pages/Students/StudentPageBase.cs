using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;

namespace TechSchoolAid.Web.Components.Pages.Students;

/// <summary>
/// What the student pages share: the current actor, the snackbar, and one safe way to call the feature classes.
/// </summary>
/// <remarks>
/// In an interactive page the feature classes share the circuit's one <see cref="TsaDbContext"/>, which lives as long as
/// the browser tab. <see cref="RunAsync{T}"/> therefore (1) lets only one call use it at a time — a table reload and a
/// button click must not overlap — and (2) clears the change tracker around every call, so that entities loaded by an
/// earlier call never go stale and the half-done changes of a refused command are never saved by a later one.
/// </remarks>
public abstract class StudentPageBase : ComponentBase, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _disposed = new();

    [Inject]
    private IActorAccessor ActorAccessor { get; set; } = default!;

    [Inject]
    private TsaDbContext Db { get; set; } = default!;

    [Inject]
    protected ISnackbar Snackbar { get; set; } = default!;

    protected Actor Actor => ActorAccessor.Actor;

    /// <summary>Whether a call is running (to disable buttons and show progress).</summary>
    protected bool Busy { get; private set; }

    /// <summary>
    /// Runs one call of a feature class. A refusal of the domain comes back as <see cref="Outcome{T}.Error"/> (its Chinese
    /// message is safe to show); anything else is a bug and is not caught.
    /// </summary>
    protected async Task<Outcome<T>> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _disposed.Token);
        try
        {
            await _gate.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            return Outcome<T>.Cancelled;
        }

        Busy = true;
        try
        {
            Db.ChangeTracker.Clear();
            return new Outcome<T>(await work(linked.Token), null);
        }
        catch (AppException ex)
        {
            return new Outcome<T>(default, ex);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Outcome<T>(default, AppException.Conflict("数据刚被其他用户修改，请刷新页面后重试"));
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // A newer request replaced this one (a table reload), or the user left the page.
            return Outcome<T>.Cancelled;
        }
        finally
        {
            Db.ChangeTracker.Clear();
            Busy = false;
            _gate.Release();
        }
    }

    protected Task<Outcome<bool>> RunAsync(Func<CancellationToken, Task> work, CancellationToken ct = default) =>
        RunAsync(async token =>
        {
            await work(token);
            return true;
        }, ct);

    protected void ShowError(AppException ex) => Snackbar.Add(ex.Message, Severity.Error);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Not disposed: a call still running must be able to finish its finally block.
            _disposed.Cancel();
        }
    }
}

/// <summary>The result of <see cref="StudentPageBase.RunAsync{T}"/>: a value, or the domain's refusal.</summary>
public readonly record struct Outcome<T>(T? Value, AppException? Error, bool WasCancelled = false)
{
    public static Outcome<T> Cancelled => new(default, null, true);

    public bool Ok => Error is null && !WasCancelled;
}
