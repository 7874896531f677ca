using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Errors;

namespace TechSchoolAid.Web.Components.Shared;

/// <summary>
/// What the interactive feature pages share: the current actor, the snackbar, and one safe way to call the feature classes.
/// </summary>
/// <remarks>
/// <para>
/// A circuit lives as long as the browser tab, so nothing that holds data may live in it. Every operation of a page —
/// a table load, a button — therefore runs through <see cref="RunAsync{TFeature, T}"/> (or one of its siblings), which
/// opens a DI scope of its own for that one call, with a fresh DbContext and the signed-in actor as the
/// circuit handler last confirmed it (never the system), resolves the feature class there, runs it, and disposes the
/// scope: no entity, no change tracker and no half-done change outlives the call (docs/adr/0017-module-shape-and-access-rules.md).
/// </para>
/// <para>
/// Calls of one page still take turns (a table reload and a button click must not overlap), and when the page is disposed
/// (the user left it) a call still waiting or running is cancelled through <see cref="PageToken"/> and ends quietly.
/// </para>
/// </remarks>
public abstract class FeaturePageBase : ComponentBase, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _disposed = new();

    [Inject]
    private IActorAccessor ActorAccessor { get; set; } = default!;

    [Inject]
    private IServiceScopeFactory Scopes { get; set; } = default!;

    [Inject]
    protected ISnackbar Snackbar { get; set; } = default!;

    protected Actor Actor => ActorAccessor.Actor;

    /// <summary>Whether a call is running (to disable buttons and show progress).</summary>
    protected bool Busy { get; private set; }

    /// <summary>Cancelled when the page is disposed, that is when the user leaves it.</summary>
    protected CancellationToken PageToken => _disposed.Token;

    /// <summary>
    /// Runs one call of a feature class. A refusal of the domain comes back as <see cref="Outcome{T}.Error"/> (its Chinese
    /// message is safe to show); anything else is a bug and is not caught.
    /// </summary>
    /// <param name="work">The call; it must use the token it is given.</param>
    /// <param name="ct">Cancels this call only, e.g. a table reload replaced by a newer one.</param>
    private async Task<Outcome<T>> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct = default)
    {
        T? value = default;
        try
        {
            var completed = await RunGuardedAsync(async token => value = await work(token), ct);
            return completed ? new Outcome<T>(value, null) : Outcome<T>.Cancelled;
        }
        catch (AppException ex)
        {
            return new Outcome<T>(default, ex);
        }
    }

    /// <summary>
    /// Runs one operation in a DI scope of its own: <typeparamref name="TFeature"/> is resolved in that scope, with its own
    /// DbContext and the signed-in actor, and the scope is disposed when the call ends. A refusal of the domain comes back
    /// as <see cref="Outcome{T}.Error"/>.
    /// </summary>
    protected Task<Outcome<T>> RunAsync<TFeature, T>(Func<TFeature, CancellationToken, Task<T>> work, CancellationToken ct = default)
        where TFeature : notnull =>
        RunAsync(token => InOperationScopeAsync(work, token), ct);

    /// <inheritdoc cref="RunAsync{TFeature, T}(Func{TFeature, CancellationToken, Task{T}}, CancellationToken)"/>
    protected Task<Outcome<bool>> RunAsync<TFeature>(Func<TFeature, CancellationToken, Task> work, CancellationToken ct = default)
        where TFeature : notnull =>
        RunAsync<TFeature, bool>(async (feature, token) =>
        {
            await work(feature, token);
            return true;
        }, ct);

    /// <summary>
    /// Runs one operation in its own scope like <see cref="RunAsync{TFeature}"/>, but lets the domain's refusals through, for
    /// pages that catch <see cref="AppException"/> themselves. If the user leaves the page the work is cancelled and this
    /// simply returns.
    /// </summary>
    protected Task GuardedAsync<TFeature>(Func<TFeature, CancellationToken, Task> work)
        where TFeature : notnull =>
        RunGuardedAsync(token => InOperationScopeAsync<TFeature, bool>(async (feature, t) =>
        {
            await work(feature, t);
            return true;
        }, token), default);

    /// <summary>One scope per operation, carrying the circuit's signed-in actor (anonymous once the session has ended).</summary>
    private async Task<T> InOperationScopeAsync<TFeature, T>(Func<TFeature, CancellationToken, Task<T>> work, CancellationToken ct)
        where TFeature : notnull
    {
        await using var scope = Scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = ActorAccessor.Actor;
        return await work(scope.ServiceProvider.GetRequiredService<TFeature>(), ct);
    }

    protected void ShowError(AppException ex) => Snackbar.Add(ex.Message, Severity.Error);

    /// <summary>The one gate: waits its turn, marks the page busy, and maps cancellation and concurrency conflicts.</summary>
    /// <returns><see langword="false"/> when the work was cancelled (by <paramref name="ct"/> or by leaving the page).</returns>
    private async Task<bool> RunGuardedAsync(Func<CancellationToken, Task> work, CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _disposed.Token);
        try
        {
            await _gate.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        Busy = true;
        try
        {
            await work(linked.Token);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            throw AppException.Conflict("数据刚被其他用户修改，请刷新页面后重试");
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // A newer request replaced this one (a table reload), or the user left the page.
            return false;
        }
        finally
        {
            Busy = false;
            _gate.Release();
        }
    }

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

/// <summary>The result of <see cref="FeaturePageBase.RunAsync{T}"/>: a value, or the domain's refusal.</summary>
public readonly record struct Outcome<T>(T? Value, AppException? Error, bool WasCancelled = false)
{
    public static Outcome<T> Cancelled => new(default, null, true);

    public bool Ok => Error is null && !WasCancelled;
}
