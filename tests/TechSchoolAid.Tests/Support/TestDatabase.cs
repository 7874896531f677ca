using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using TechSchoolAid.Hosting;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit.Features;
using TechSchoolAid.Modules.Calendar;
using TechSchoolAid.Seeding;

namespace TechSchoolAid.Tests.Support;

/// <summary>
/// A real, migrated database with reference and demo data, on SQLite or on the throwaway PostgreSQL that scripts/test
/// starts (TSA_TEST_POSTGRES). The same data tests run on both: the providers differ in exactly the places that hurt
/// (filtered unique indexes, LIKE, dates, transactions).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    /// <summary>2026-10-15 10:00 in Beijing: inside the autumn 2026 registration window (deadline 31 October).</summary>
    public static readonly DateTimeOffset Now = new(2026, 10, 15, 2, 0, 0, TimeSpan.Zero);

    private ServiceProvider _services;
    private readonly Func<Task> _drop;

    private TestDatabase(ServiceProvider services, FakeTimeProvider clock, Func<Task> drop)
    {
        _services = services;
        Clock = clock;
        _drop = drop;
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>Where this database's audit checkpoints go (outside the database, as in production).</summary>
    public string CheckpointFolder { get; private init; } = "";

    /// <summary>The application's services, for tests that run what a host would (the scheduled checkpoint).</summary>
    public IServiceProvider Services => _services;

    /// <param name="settings">Configuration on top of the defaults (e.g. <c>Crypto:Suite</c>).</param>
    public static async Task<TestDatabase> CreateAsync(string provider, int studentsPerSchool = 4, IReadOnlyDictionary<string, string?>? settings = null)
    {
        // Each database its own checkpoint folder: checkpoints of one chain say nothing about another.
        var checkpointFolder = Path.Combine(Path.GetTempPath(), $"tsa-test-checkpoints-{Guid.NewGuid():N}");
        string connection;
        Func<Task> drop;
        if (provider == Postgres)
        {
            var server = Environment.GetEnvironmentVariable("TSA_TEST_POSTGRES")
                ?? throw new InvalidOperationException("TSA_TEST_POSTGRES is not set: run the tests with scripts/test, which starts a throwaway PostgreSQL.");
            var name = "tsa_test_" + Guid.NewGuid().ToString("N")[..12];
            await using (var admin = new NpgsqlConnection(server))
            {
                await admin.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
                await cmd.ExecuteNonQueryAsync();
            }

            connection = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
            drop = async () =>
            {
                DeleteFolder(checkpointFolder);
                NpgsqlConnection.ClearAllPools();
                await using var admin = new NpgsqlConnection(server);
                await admin.OpenAsync();
                await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
                await cmd.ExecuteNonQueryAsync();
            };
        }
        else
        {
            var file = Path.Combine(Path.GetTempPath(), $"tsa-test-{Guid.NewGuid():N}.db");
            connection = $"Data Source={file};Pooling=false";
            drop = () =>
            {
                File.Delete(file);
                DeleteFolder(checkpointFolder);
                return Task.CompletedTask;
            };
        }

        var baseSettings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Default"] = connection,
            ["Security:DataKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
            ["Security:IndexKey"] = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray()),
            ["Security:AuditKey"] = Convert.ToBase64String(Enumerable.Range(201, 32).Select(i => (byte)i).ToArray()),
            ["Audit:CheckpointFolder"] = checkpointFolder,
            ["Demo:Enabled"] = "true",
        };
        var clock = new FakeTimeProvider(Now);
        var sp = Build(baseSettings, settings, clock);
        var db = new TestDatabase(sp, clock, drop) { CheckpointFolder = checkpointFolder, _baseSettings = baseSettings };
        await db.AsSystemAsync(async (ctx, scope) =>
        {
            await ctx.Database.MigrateAsync();
            await ReferenceData.EnsureAsync(ctx, CancellationToken.None);
            await scope.GetRequiredService<WorkingDays>().ReloadAsync(ctx, CancellationToken.None);
            await DemoData.EnsureAsync(ctx, scope.GetRequiredService<PersonalDataProtector>(), clock, "Demo@2026pass", studentsPerSchool, CancellationToken.None);
        });
        return db;
    }

    private Dictionary<string, string?> _baseSettings = [];

    private static ServiceProvider Build(Dictionary<string, string?> baseSettings, IReadOnlyDictionary<string, string?>? settings, FakeTimeProvider clock)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(baseSettings).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        services.AddLogging();
        services.AddTechSchoolAid(config, Path.GetTempPath());
        services.AddSingleton<TimeProvider>(clock);
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// The same database under other settings, as after an operator changed the configuration and restarted (a key
    /// rotation, another crypto suite).
    /// </summary>
    public async Task ReconfigureAsync(IReadOnlyDictionary<string, string?> settings)
    {
        await _services.DisposeAsync();
        _services = Build(_baseSettings, settings, Clock);
    }

    /// <summary>A fresh DI scope acting as <paramref name="actor"/>: what a request or a circuit gets.</summary>
    public AsyncServiceScope Scope(Actor actor)
    {
        var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = actor;
        return scope;
    }

    public async Task<T> As<T>(Actor actor, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Scope(actor);
        return await action(scope.ServiceProvider);
    }

    public async Task AsSystemAsync(Func<TsaDbContext, IServiceProvider, Task> action)
    {
        await using var scope = Scope(Actor.System("test"));
        await action(scope.ServiceProvider.GetRequiredService<TsaDbContext>(), scope.ServiceProvider);
    }

    /// <summary>The actor of a demo account, as the web host would build it from the sign-in.</summary>
    public async Task<Actor> ActorOf(string userName) => await As(Actor.System("test"), async sp =>
    {
        var ctx = sp.GetRequiredService<TsaDbContext>();
        var user = await ctx.Set<TechSchoolAid.Modules.Accounts.Domain.UserAccount>().SingleAsync(u => u.UserName == userName);
        var org = await ctx.Set<TechSchoolAid.Modules.Organizations.Domain.Organization>().SingleAsync(o => o.Id == user.OrganizationId);
        return new Actor(user.UserName, user.DisplayName, user.Role, org.Code, org.Level, org.ScopePath, "127.0.0.1");
    });

    /// <summary>`tsa audit verify` as the command line runs it (the system actor); writes a checkpoint when intact.</summary>
    public Task<AuditVerification> VerifyAuditAsync() =>
        As(Actor.System("test"), sp => sp.GetRequiredService<VerifyAuditChain>().HandleAsync(CancellationToken.None));

    private static void DeleteFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await _drop();
    }
}
