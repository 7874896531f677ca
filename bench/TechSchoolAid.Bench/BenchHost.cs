using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TechSchoolAid.Hosting;
using TechSchoolAid.Kernel;

/// <summary>What every PostgreSQL benchmark needs: a throwaway database, the application's services on it, an actor.</summary>
internal static class BenchHost
{
    /// <summary>Fixed keys: benchmark data is synthetic, and a run must be repeatable.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Keys = new Dictionary<string, string?>
    {
        ["Security:DataKey"] = Convert.ToBase64String(new byte[32]),
        ["Security:IndexKey"] = Convert.ToBase64String(Enumerable.Repeat((byte)1, 32).ToArray()),
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

    /// <summary>
    /// Creates database <paramref name="prefix"/>+timestamp on the server, runs <paramref name="body"/> on it, drops it —
    /// unless <paramref name="keep"/> (`--keep`), which leaves it for re-running one step by hand and prints its name.
    /// </summary>
    public static async Task WithThrowawayDatabaseAsync(string server, string prefix, Func<string, Task> body, bool keep = false)
    {
        var name = prefix + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE {name}", admin).ExecuteNonQueryAsync();
        }

        try
        {
            await body(new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (keep)
            {
                Console.WriteLine($"database kept: {name} (drop it with DROP DATABASE {name})");
            }
            else
            {
                await using var admin = new NpgsqlConnection(server);
                await admin.OpenAsync();
                await new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin).ExecuteNonQueryAsync();
            }
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
