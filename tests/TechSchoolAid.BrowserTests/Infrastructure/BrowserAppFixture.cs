using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace TechSchoolAid.BrowserTests.Infrastructure;

/// <summary>
/// One application server and one Chromium for the whole suite (starting either takes seconds); every test gets its own
/// browser context, so cookies and storage never leak from one test to the next.
/// </summary>
public sealed class BrowserAppFixture : IAsyncLifetime
{
    public const string DefaultBrowser = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public AppServer App { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public static string BrowserPath => Environment.GetEnvironmentVariable("TSA_BROWSER") is { Length: > 0 } configured
        ? configured
        : DefaultBrowser;

    public async Task InitializeAsync()
    {
        // Checked first and loudly: without a browser these tests must fail, never pass or skip silently.
        var path = BrowserPath;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at '{path}'. The browser tests use the system Chromium and never download one: " +
                "install it (Debian: apt-get install chromium) or set TSA_BROWSER to the chromium executable.");
        }

        App.Start();
        await WarmUpAsync();
        _playwright = await Playwright.CreateAsync();
        try
        {
            Browser = await _playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = path,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
                Timeout = 60_000,
            });
        }
        catch (PlaywrightException ex)
        {
            throw new InvalidOperationException($"Chromium at '{path}' could not be started: {ex.Message}", ex);
        }
    }

    /// <summary>A fresh, signed-out browser context and page for one test; screenshots are named after the test.</summary>
    public async Task<BrowserSession> NewSessionAsync([CallerMemberName] string testName = "")
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = App.BaseAddress.ToString().TrimEnd('/'),
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new() { Width = 1440, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(30_000);
        // A trace of every step (DOM snapshots, network, console) is kept only when the test fails: see BrowserSession.
        await context.Tracing.StartAsync(new() { Title = testName, Snapshots = true, Screenshots = false, Sources = false });
        var page = await context.NewPageAsync();
        return new BrowserSession(this, context, page, testName);
    }

    /// <summary>
    /// The first requests of a fresh process compile the pages and load the static assets; doing that here keeps the
    /// first test's timings like every other test's.
    /// </summary>
    private async Task WarmUpAsync()
    {
        using var http = new HttpClient { BaseAddress = App.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        foreach (var path in new[] { "/health", "/account/login", "/_framework/blazor.web.js", "/_content/MudBlazor/MudBlazor.min.js", "/_content/MudBlazor/MudBlazor.min.css" })
        {
            using var response = await http.GetAsync(path);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Warm-up GET {path} answered {(int)response.StatusCode}: the app is not serving its pages or static assets.");
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserAppFixture>
{
    public const string Name = "browser";
}
