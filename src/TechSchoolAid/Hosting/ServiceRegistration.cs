using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Accounts;
using TechSchoolAid.Modules.Accounts.Features;
using TechSchoolAid.Modules.Aid;
using TechSchoolAid.Modules.Aid.Hardship;
using TechSchoolAid.Modules.Aid.Rounds;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Calendar;
using TechSchoolAid.Modules.CrossCheck;
using TechSchoolAid.Modules.Dashboards;
using TechSchoolAid.Modules.Funds;
using TechSchoolAid.Modules.Graduation;
using TechSchoolAid.Modules.Inspections;
using TechSchoolAid.Modules.Organizations;
using TechSchoolAid.Modules.PublicSite;
using TechSchoolAid.Modules.Reports;
using TechSchoolAid.Modules.Standards;
using TechSchoolAid.Modules.StatusChanges;
using TechSchoolAid.Modules.Students;
using TechSchoolAid.Modules.Supervision;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Hosting;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

/// <summary>Everything the web host and the CLI share: the database, keys, clock and every module's services.</summary>
public static class ServiceRegistration
{
    public const string DefaultSqlite = "Data Source=App_Data/techschoolaid.db";

    public static IServiceCollection AddTechSchoolAid(this IServiceCollection services, IConfiguration config, string contentRoot)
    {
        var provider = config.GetValue("Database:Provider", DatabaseProvider.Sqlite);
        var connection = config.GetConnectionString("Default");
        services.Configure<DatabaseOptions>(config.GetSection("Database"));
        services.Configure<PersonalDataOptions>(config.GetSection(PersonalDataOptions.Section));
        services.Configure<CryptoOptions>(config.GetSection(CryptoOptions.Section));
        services.Configure<DemoOptions>(config.GetSection(DemoOptions.Section));
        services.Configure<SignInProtectionOptions>(config.GetSection(SignInProtectionOptions.Section));
        // Administrators and reviewers must use a second factor (SEC-2) unless configured otherwise; the demo's shared
        // accounts (demo mode is never on in production) sign in with the demo password alone unless a host turns it on.
        services.Configure<Modules.Accounts.Features.TwoFactor.TwoFactorOptions>(o =>
        {
            var section = config.GetSection(Modules.Accounts.Features.TwoFactor.TwoFactorOptions.Section);
            o.Enforce = section.GetValue<bool?>(nameof(o.Enforce)) ?? !config.GetValue("Demo:Enabled", false);
        });
        services.AddDbContext<TsaDbContext>(o => Configure(o, provider, connection, contentRoot));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => SecurityKeys.Load(sp.GetRequiredService<IOptions<PersonalDataOptions>>().Value, contentRoot));
        services.AddSingleton(sp => PersonalDataProtector.Create(sp.GetRequiredService<SecurityKeys>(), sp.GetRequiredService<IOptions<CryptoOptions>>().Value));
        services.AddScoped<VersionPreconditions>();
        services.AddScoped<ActorAccessor>();
        services.AddScoped<IActorAccessor>(sp => sp.GetRequiredService<ActorAccessor>());
        services.AddAudit(config, contentRoot).AddCalendar().AddOrganizations().AddAccounts().AddStudents().AddStatusChanges().AddSupervision().AddGraduation().AddAid().AddHardship().AddAidRounds().AddCrossCheck().AddFunds().AddInspections().AddStandards().AddPublicSite().AddDashboards().AddReports().AddTodo();
        return services;
    }

    public static void Configure(DbContextOptionsBuilder o, DatabaseProvider provider, string? connection, string contentRoot)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            o.UseNpgsql(
                connection ?? throw new InvalidOperationException("ConnectionStrings:Default is required for PostgreSQL."),
                x => x.MigrationsAssembly("TechSchoolAid.Migrations.Postgres"));
        }
        else
        {
            var cs = connection ?? DefaultSqlite;
            var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(cs);
            if (!Path.IsPathRooted(builder.DataSource) && builder.DataSource != ":memory:")
            {
                builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
                Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
            }

            o.UseSqlite(builder.ToString(), x => x.MigrationsAssembly("TechSchoolAid.Migrations.Sqlite"));
        }
    }
}
