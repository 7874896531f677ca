using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace TechSchoolAid.BrowserTests.Infrastructure;

/// <summary>
/// One test's browser: its context and page, a screenshot per step (artifacts/screenshots/&lt;test&gt;-&lt;step&gt;.png),
/// the browser console's errors, and the waits that make Blazor Server tests deterministic.
/// </summary>
public sealed partial class BrowserSession : IAsyncDisposable
{
    /// <summary>
    /// Blazor attaches its event handlers as an expando property "_blazorEvents_N" on each element that has one; the
    /// first such element proves that the circuit is up and the root component has rendered interactively (with
    /// interactive routing the whole page, layout included, is that one root component).
    /// </summary>
    private const string InteractiveScript = """
        () => {
            if (window.Blazor === undefined || typeof window.Blazor.disconnect !== 'function') return false;
            for (const el of document.body.querySelectorAll('*')) {
                if (Object.keys(el).some(k => k.startsWith('_blazorEvents_'))) return true;
            }
            return false;
        }
        """;

    private const string ElementInteractiveScript = """
        el => {
            for (const e of [el, ...el.querySelectorAll('*')]) {
                if (Object.keys(e).some(k => k.startsWith('_blazorEvents_'))) return true;
            }
            return false;
        }
        """;

    private readonly List<string> _consoleErrors = [];
    private readonly List<string> _failedRequests = [];
    private readonly long _logMark;
    private int _step;
    private bool _traceSaved;

    public BrowserSession(BrowserAppFixture fixture, IBrowserContext context, IPage page, string testName)
    {
        Fixture = fixture;
        Context = context;
        Page = page;
        TestName = testName;
        _logMark = fixture.App.Log.Mark;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_consoleErrors)
                {
                    _consoleErrors.Add(message.Text);
                }
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                lock (_consoleErrors)
                {
                    _failedRequests.Add($"{response.Status} {response.Request.Method} {new Uri(response.Url).PathAndQuery}");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_consoleErrors)
            {
                _consoleErrors.Add(error);
            }
        };
    }

    public BrowserAppFixture Fixture { get; }

    public AppServer App => Fixture.App;

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public string TestName { get; }

    public IReadOnlyList<string> ConsoleErrors
    {
        get
        {
            lock (_consoleErrors)
            {
                return [.. _consoleErrors];
            }
        }
    }

    /// <summary>Requests the server answered with 4xx/5xx ("404 GET /favicon.ico").</summary>
    public IReadOnlyList<string> FailedRequests
    {
        get
        {
            lock (_consoleErrors)
            {
                return [.. _failedRequests];
            }
        }
    }

    public ILocator TestId(string testId) => Page.GetByTestId(testId);

    /// <summary>Goes to a path of the app and, when the page is interactive, waits until its circuit is live.</summary>
    public async Task GotoAsync(string path, bool interactive = true)
    {
        var response = await Page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Load });
        if (response is not null && response.Status >= 500)
        {
            await ShotAsync("server-error");
            throw new InvalidOperationException($"GET {path} answered {response.Status}: {await SafeTextAsync()}");
        }

        if (interactive)
        {
            await WaitForInteractiveAsync();
        }
    }

    /// <summary>Waits until blazor.web.js has started the circuit and the page's components handle events.</summary>
    public async Task WaitForInteractiveAsync()
    {
        try
        {
            await Page.WaitForFunctionAsync(InteractiveScript, null, new() { Timeout = 30_000, PollingInterval = 50 });
        }
        catch (TimeoutException ex)
        {
            await ShotAsync("not-interactive");
            throw new TimeoutException(
                $"{Page.Url} did not become interactive (no Blazor circuit with rendered event handlers within 30 s). " +
                $"Browser console errors: {string.Join(" | ", ConsoleErrors)}", ex);
        }
    }

    /// <summary>Waits until this element (or one inside it) has its Blazor event handlers attached.</summary>
    public async Task WaitForHandlersAsync(ILocator locator)
    {
        await locator.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await locator.EvaluateAsync<bool>(ElementInteractiveScript))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No Blazor event handler was attached to {locator} within 15 s.");
            }

            await Page.WaitForTimeoutAsync(50);
        }
    }

    /// <summary>Saves artifacts/screenshots/&lt;test&gt;-&lt;nn&gt;-&lt;step&gt;.png (full page) and returns its path.</summary>
    public async Task<string> ShotAsync(string step)
    {
        _step++;
        var file = Path.Combine(RepoPaths.Screenshots, string.Create(CultureInfo.InvariantCulture, $"{TestName}-{_step:D2}-{Safe(step)}.png"));
        try
        {
            await Page.ScreenshotAsync(new() { Path = file, FullPage = true, Timeout = 10_000 });
        }
        catch (PlaywrightException)
        {
            // A screenshot must never be the reason a test fails.
        }
        catch (TimeoutException)
        {
        }

        return file;
    }

    /// <summary>Runs a test body; on failure saves a "failure" screenshot and adds the page address and console errors.</summary>
    public async Task RunAsync(Func<Task> body)
    {
        try
        {
            await body();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var shot = await ShotAsync("failure");
            var trace = await SaveTraceAsync();
            var server = App.Log.Since(_logMark);
            throw new BrowserTestFailure(
                $"{TestName} failed on {Page.Url} (screenshot {shot}, Playwright trace {trace}); browser console errors: [{string.Join(" | ", ConsoleErrors)}]; " +
                $"failed requests: [{string.Join(", ", FailedRequests)}]; " +
                $"server warnings during the test: [{string.Join(Environment.NewLine, server)}]: {ex.Message}",
                ex);
        }
    }

    public async Task<string> SafeTextAsync()
    {
        try
        {
            return WhiteSpace().Replace(await Page.Locator("body").InnerTextAsync(new() { Timeout = 2_000 }), " ");
        }
        catch (PlaywrightException)
        {
            return "";
        }
        catch (TimeoutException)
        {
            return "";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_traceSaved)
        {
            try
            {
                await Context.Tracing.StopAsync(); // passed: the trace is discarded
            }
            catch (PlaywrightException)
            {
            }
        }

        await Context.CloseAsync();
    }

    /// <summary>Saves the Playwright trace (open with "playwright show-trace") to artifacts/traces/&lt;test&gt;.zip.</summary>
    private async Task<string> SaveTraceAsync()
    {
        var file = Path.Combine(RepoPaths.Root, "artifacts", "traces", TestName + ".zip");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await Context.Tracing.StopAsync(new() { Path = file });
            _traceSaved = true;
            return file;
        }
        catch (PlaywrightException)
        {
            return "(not saved)";
        }
    }

    private static string Safe(string step) => string.Concat(step.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-'));

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}

public sealed class BrowserTestFailure(string message, Exception inner) : Exception(message, inner);
