using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using TechSchoolAid.Web.Hosting;

namespace TechSchoolAid.Web.Tests;

/// <summary>Probes, metrics and logs as an operator reads them; every log line of the run is kept to look for personal data.</summary>
public sealed class ObservabilityTests(ObservabilityTests.LoggedApp app) : IClassFixture<ObservabilityTests.LoggedApp>
{
    public sealed class LoggedApp : TestApp
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // Information everywhere, as production logs (the base app keeps the tests quiet at Warning).
            builder.UseSetting("Logging:LogLevel:Default", "Information");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Information");
            builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Information");
            builder.ConfigureLogging(l => l.AddProvider(new CapturingProvider(Lines)));
        }
    }

    [Fact]
    public async Task Probes_LiveAndReady_AnswerHealthyWithTheirChecks()
    {
        using var client = app.AnonymousClient();
        using var live = await client.GetAsync(Observability.LivePath);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        using var ready = await client.GetAsync(Observability.ReadyPath);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var json = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("migrations").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Metrics_AfterARegistration_CountTheAuditedChangeAndTheRequests()
    {
        using var clerk = await app.ClientFor("school-44010004");
        using var created = await clerk.PostAsJsonAsync("/api/v1/schools/44010004/students", Api.NewStudent(IdNumbers.Next()));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var client = app.AnonymousClient();
        using var metrics = await client.GetAsync(Observability.MetricsPath);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        var text = await metrics.Content.ReadAsStringAsync();
        Assert.Contains("tsa_state_changes", text, StringComparison.Ordinal);
        Assert.Contains("action=\"student.registered\"", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_OfRegistrationAndSearch_CarryNoIdNumberAndNoName()
    {
        var id = IdNumbers.Next();
        const string name = "欧阳晓晨";
        using var clerk = await app.ClientFor("school-44010004");
        using var created = await clerk.PostAsJsonAsync("/api/v1/schools/44010004/students", Api.NewStudent(id, name));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var search = await clerk.GetAsync($"/api/v1/students?search={Uri.EscapeDataString(id)}");
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        using var byName = await clerk.GetAsync($"/api/v1/students?search={Uri.EscapeDataString(name)}");
        Assert.Equal(HttpStatusCode.OK, byName.StatusCode);

        Assert.NotEmpty(app.Lines);
        var leaking = app.Lines.Where(l => l.Contains(id, StringComparison.OrdinalIgnoreCase) || l.Contains(name, StringComparison.Ordinal)
            || l.Contains(Uri.EscapeDataString(name), StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Empty(leaking);
    }

    private sealed class CapturingProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Capturing(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
                lines.Enqueue($"{category} {formatter(state, exception)} {structured} {exception}");
            }
        }
    }
}
