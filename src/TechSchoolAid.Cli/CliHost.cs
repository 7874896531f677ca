using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using TechSchoolAid.Hosting;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;

namespace TechSchoolAid.Cli;

/// <summary>
/// The application's services for one command, built only when a command runs, so that --help, a usage error or a
/// command that needs no database (generate national) never opens one. Runs as the system actor.
/// </summary>
public sealed class CliHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly AsyncServiceScope _scope;

    private CliHost(IHost host)
    {
        _host = host;
        _scope = host.Services.CreateAsyncScope();
        Services.GetRequiredService<ActorAccessor>().Actor = Actor.System("cli");
    }

    public IServiceProvider Services => _scope.ServiceProvider;

    public IConfiguration Configuration => _host.Services.GetRequiredService<IConfiguration>();

    public TsaDbContext Db => Services.GetRequiredService<TsaDbContext>();

    public static CliHost Create()
    {
        // No command-line arguments: the command line belongs to System.CommandLine; configuration comes from the
        // environment and appsettings.json like the web host's.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // EF logs the probe of a not yet created migrations table as a failed command on a new database; a real failure
        // still ends the command with its exception.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None);
        // A database that cannot be opened ends the command with its exception, which RunAsync reports once.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Connection", LogLevel.None);
        // Logs are diagnostics: stderr, so that stdout holds only the command's result for scripts.
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddTechSchoolAid(builder.Configuration, builder.Environment.ContentRootPath);
        return new CliHost(builder.Build());
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        _host.Dispose();
    }
}
