using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;

namespace TechSchoolAid.BrowserTests.Infrastructure;

/// <summary>
/// The real web application, in-process on Kestrel at a free 127.0.0.1 port, with its own SQLite file and key file in
/// a temporary folder, demo data, and a fake clock standing in the middle of the autumn registration window.
/// </summary>
public sealed class AppServer : WebApplicationFactory<Program>
{
    /// <summary>15 October 2026, 10:00 Beijing time: autumn 2026 registration is open (deadline 31 October).</summary>
    public static readonly DateTimeOffset Now = new(2026, 10, 15, 2, 0, 0, TimeSpan.Zero);

    public const int StudentsPerSchool = 10;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tsa-browser-" + Guid.NewGuid().ToString("N")[..12]);

    public AppServer()
    {
        // Port 0: Kestrel picks a free port itself, so two runs on one machine never collide.
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    public FakeTimeProvider Clock { get; } = new(Now);

    /// <summary>The app's warnings and errors (also in artifacts/browser-tests-server.log).</summary>
    public ServerLog Log { get; } = new();

    /// <summary>http://127.0.0.1:port, once <see cref="Start"/> has run.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public string DatabaseFile => Path.Combine(_folder, "tsa.db");

    public void Start()
    {
        Directory.CreateDirectory(_folder);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("Kestrel is not listening on 127.0.0.1: " + string.Join(", ", addresses));
        BaseAddress = new Uri(address);
    }

    /// <summary>Reads (or arranges) data directly, as the system actor and outside any user's scope.</summary>
    public async Task<T> WithDbAsync<T>(Func<TsaDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("browser-tests");
        return await work(scope.ServiceProvider.GetRequiredService<TsaDbContext>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // UseSetting goes into the host configuration, which the app's builder.Configuration sees before services are
        // registered (AddTechSchoolAid reads Database:Provider and the connection string at that point).
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={DatabaseFile}");
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Demo:AidRounds", "false"); // the aid browser test builds its own list
        builder.UseSetting("Demo:StudentsPerSchool", StudentsPerSchool.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Security:AllowKeyFile", "true");
        builder.UseSetting("Security:KeyFile", Path.Combine(_folder, "keys", "personal-data-keys.json"));
        // Every browser of the suite signs in from 127.0.0.1, dozens of times a minute: the per-address sign-in limits
        // (docs/adr/0014) are lifted here, as in the HTTP tests; SignInProtectionTests test them.
        builder.UseSetting("SignIn:RequestsPerAddressPerMinute", "1000000");
        builder.UseSetting("SignIn:FailuresPerAddress", "1000000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning");
        // Outside Development the host does not read the static web assets manifest by itself; without it
        // _framework/blazor.web.js and _content/MudBlazor/* would be 404 and no page would ever become interactive.
        builder.UseStaticWebAssets();
        builder.ConfigureLogging(logging => logging.AddProvider(Log));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing request; the OS cleans the temp folder later.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
