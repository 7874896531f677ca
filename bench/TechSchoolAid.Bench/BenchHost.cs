using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TechSchoolAid.Hosting;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Calendar;
using TechSchoolAid.Seeding;

/// <summary>What every PostgreSQL benchmark needs: a throwaway database, the application's services on it, an actor.</summary>
internal static class BenchHost
{
    /// <summary>Fixed keys: benchmark data is synthetic, and a run must be repeatable.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Keys = new Dictionary<string, string?>
    {
        ["Security:DataKey"] = Convert.ToBase64String(new byte[32]),
        ["Security:IndexKey"] = Convert.ToBase64String(Enumerable.Repeat((byte)1, 32).ToArray()),
        ["Security:AuditKey"] = Convert.ToBase64String(Enumerable.Repeat((byte)2, 32).ToArray()),
        ["Audit:CheckpointFolder"] = Path.Combine(Path.GetTempPath(), "tsa-bench-checkpoints", Guid.NewGuid().ToString("N")),
    };

    /// <summary>The server from the arguments ("mode Postgres &lt;connection&gt; …") or TSA_TEST_POSTGRES.</summary>
    public static string Server(string[] args) =>
        args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? args[1]
        : Environment.GetEnvironmentVariable("TSA_TEST_POSTGRES") ?? throw new InvalidOperationException("Give a PostgreSQL connection string (or set TSA_TEST_POSTGRES).");

    public static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>The demo accounts' password (DemoData), for benches that sign in as the demo users.</summary>
    public const string DemoPassword = "Demo@2026pass";

    /// <summary>
    /// Creates database <paramref name="prefix"/>+timestamp+random suffix on the server (two runs in one second do not
    /// collide), runs <paramref name="body"/> on it (its connection string and name), and drops it — also when the body
    /// fails or is cancelled — unless <paramref name="keep"/>, which leaves it for re-running one step by hand and prints
    /// its name to <paramref name="output"/>.
    /// </summary>
    public static async Task<T> WithThrowawayDatabaseAsync<T>(string server, string prefix, Func<string, string, Task<T>> body, bool keep = false,
        TextWriter? output = null, CancellationToken ct = default)
    {
        var name = prefix + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "_" + Guid.NewGuid().ToString("N")[..8];
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync(ct);
        }

        try
        {
            return await body(new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString(), name);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (keep)
            {
                (output ?? Console.Out).WriteLine($"database kept: {name} (drop it with DROP DATABASE {name})");
            }
            else
            {
                // Not the caller's token: the database goes also when the run was cancelled.
                await using var admin = new NpgsqlConnection(server);
                await admin.OpenAsync(CancellationToken.None);
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
    }

    public static Task WithThrowawayDatabaseAsync(string server, string prefix, Func<string, Task> body, bool keep = false) =>
        WithThrowawayDatabaseAsync(server, prefix, async (connection, _) =>
        {
            await body(connection);
            return 0;
        }, keep);

    /// <summary>
    /// Migrations, reference data and the working-day calendar on the bench database, as the web host's start-up does;
    /// with <paramref name="demoPassword"/> also the demo organisations and accounts (no students).
    /// </summary>
    public static async Task PrepareAsync(IServiceProvider scope, string? demoPassword = null)
    {
        var db = scope.GetRequiredService<TsaDbContext>();
        await db.Database.MigrateAsync();
        await ReferenceData.EnsureAsync(db, default);
        await scope.GetRequiredService<WorkingDays>().ReloadAsync(db, default);
        if (demoPassword is not null)
        {
            await DemoData.EnsureAsync(db, scope.GetRequiredService<PersonalDataProtector>(), scope.GetRequiredService<TimeProvider>(), demoPassword, 0, default);
        }
    }

    /// <summary>The application's services on <paramref name="connection"/> with a clock standing at <paramref name="now"/>.</summary>
    public static ServiceProvider Services(string connection, DateTimeOffset now)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(Keys)
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Default"] = connection,
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IConfiguration>(config);
        services.AddTechSchoolAid(config, Path.GetTempPath());
        services.AddSingleton<TimeProvider>(new FixedClock(now));
        return services.BuildServiceProvider();
    }

    /// <summary>Runs <paramref name="run"/> in a fresh scope acting as <paramref name="actor"/>, as a request would.</summary>
    public static async Task<T> As<T>(this IServiceProvider sp, Actor actor, Func<IServiceProvider, Task<T>> run)
    {
        await using var scope = sp.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = actor;
        return await run(scope.ServiceProvider);
    }
}
