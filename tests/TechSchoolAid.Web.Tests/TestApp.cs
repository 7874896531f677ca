using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace TechSchoolAid.Web.Tests;

/// <summary>
/// The whole web application in memory, on its own database file, in demo mode (8 students per school), at a fixed
/// moment inside the autumn 2026 registration window (deadline 31 October). One instance per test class.
/// </summary>
public class TestApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>15 October 2026, 10:00 Beijing time: autumn 2026 registration is open.</summary>
    public static readonly DateTimeOffset StartTime = new(2026, 10, 15, 2, 0, 0, TimeSpan.Zero);

    public const string DemoPassword = "Demo@2026pass";

    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Guid> _seededStudents = new(StringComparer.Ordinal);

    public string WorkDirectory { get; } = Path.Combine(Path.GetTempPath(), "tsa-web-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The application's clock. Only ever moves forward; a test that needs another date uses its own app.</summary>
    public FakeTimeProvider Clock { get; } = new(StartTime);

    protected virtual string DatabaseProvider => "Sqlite";

    public virtual string ConnectionString =>
        new SqliteConnectionStringBuilder { DataSource = Path.Combine(WorkDirectory, "tsa.db") }.ToString();

    /// <summary>This app's personal-data key file, which a second node of the same system must share.</summary>
    public string KeyFilePath => Path.Combine(WorkDirectory, "personal-data-keys.json");

    /// <summary>Creates the database (where needed) and starts the application: migrations and demo data run here.</summary>
    public virtual Task InitializeAsync()
    {
        Directory.CreateDirectory(WorkDirectory);
        _ = Server;
        return Task.CompletedTask;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        await CleanUpAsync();
    }

    protected virtual Task CleanUpAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }

        return Task.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", DatabaseProvider);
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Demo:StudentsPerSchool", "8");
        builder.UseSetting("Demo:AidRounds", "false"); // the aid tests build their own lists
        builder.UseSetting("Demo:Password", DemoPassword);
        builder.UseSetting("Security:AllowKeyFile", "true");
        builder.UseSetting("Security:KeyFile", KeyFilePath);
        // Every test client comes from one in-memory address, so the per-address sign-in limits are lifted here; the
        // sign-in protection tests put them back (SignInProtectionApp) and name their addresses (ClientAddressHeader).
        builder.UseSetting("SignIn:RequestsPerAddressPerMinute", "1000000");
        builder.UseSetting("SignIn:FailuresPerAddress", "1000000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddTransient<IStartupFilter, ClientAddressFromHeader>();
        });
    }

    /// <summary>A client without credentials. Redirects are not followed, so a 302 is seen as such.</summary>
    public HttpClient AnonymousClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A client carrying a bearer token of the demo account (tokens are cached per user).</summary>
    public async Task<HttpClient> ClientFor(string userName)
    {
        var token = await TokenFor(userName);
        var client = AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<string> TokenFor(string userName)
    {
        if (_tokens.TryGetValue(userName, out var cached))
        {
            return cached;
        }

        using var client = AnonymousClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = DemoPassword });
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Sign-in of {userName} failed: {(int)response.StatusCode} {body}");
        }

        using var json = JsonDocument.Parse(body);
        var token = json.RootElement.GetProperty("accessToken").GetString()!;
        _tokens[userName] = token;
        return token;
    }

    /// <summary>The id of one demo student of a school, looked up as the ministry (whose scope is everything).</summary>
    public async Task<Guid> SeededStudentOf(string schoolCode)
    {
        if (_seededStudents.TryGetValue(schoolCode, out var id))
        {
            return id;
        }

        using var client = await ClientFor("ministry");
        using var response = await client.GetAsync($"/api/v1/students?schoolCode={schoolCode}&pageSize=1");
        var json = await Api.ReadJson(response, HttpStatusCode.OK);
        id = json.GetProperty("items")[0].GetProperty("id").GetGuid();
        _seededStudents[schoolCode] = id;
        return id;
    }
}

/// <summary>The in-memory server has no client address; a test names one with <see cref="Header"/>.</summary>
public sealed class ClientAddressFromHeader : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (ctx, nextMiddleware) =>
        {
            if (ctx.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value.ToString(), out var address))
            {
                ctx.Connection.RemoteIpAddress = address;
            }

            await nextMiddleware();
        });
        next(app);
    };
}

/// <summary>
/// The same application on PostgreSQL: a fresh database (tsa_web_&lt;random&gt;) on the server named by the
/// TSA_TEST_POSTGRES connection string, which scripts/test always sets (via scripts/start-postgres). Without it the
/// tests fail, never skip: a green run must mean both providers were exercised.
/// </summary>
public sealed class PostgresTestApp : TestApp
{
    public const string EnvironmentVariable = "TSA_TEST_POSTGRES";

    private readonly string _databaseName = "tsa_web_" + Guid.NewGuid().ToString("N")[..16];
    private string? _serverConnectionString;

    protected override string DatabaseProvider => "Postgres";

    public override string ConnectionString => new NpgsqlConnectionStringBuilder(_serverConnectionString ?? throw new InvalidOperationException("The database is created in InitializeAsync."))
    {
        Database = _databaseName,
    }.ToString();

    public override async Task InitializeAsync()
    {
        _serverConnectionString = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(_serverConnectionString))
        {
            throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set, so the PostgreSQL API tests cannot run. Run the suite with scripts/test, or first " +
                "`eval \"$(scripts/start-postgres)\"` (and scripts/stop-postgres afterwards). These tests never skip silently.");
        }

        await using (var connection = new NpgsqlConnection(_serverConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{_databaseName}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        await base.InitializeAsync();
    }

    protected override async Task CleanUpAsync()
    {
        await base.CleanUpAsync();
        if (string.IsNullOrWhiteSpace(_serverConnectionString))
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            await using var connection = new NpgsqlConnection(_serverConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // The throwaway cluster is removed by scripts/stop-postgres anyway.
        }
    }
}
