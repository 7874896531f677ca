using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Audit.Domain;
using TechSchoolAid.Modules.Supervision.Features;
using TechSchoolAid.Web.Hosting;

namespace TechSchoolAid.Web.Tests;

/// <summary>The scheduled hanging-record scan: what one run does, and that two web nodes on one PostgreSQL run a firing once.</summary>
public sealed class ScheduledJobsTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task ScheduledScan_RunsEverySchoolAsTheSystem_AndAuditsTheRunWithItsNode()
    {
        var result = await app.Services.GetRequiredService<ScheduledHangingScan>().RunAsync("node-test", CancellationToken.None);
        Assert.Equal(0, result.Failed);

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("test");
        var db = scope.ServiceProvider.GetRequiredService<TsaDbContext>();
        var schools = await db.Set<Modules.Organizations.Domain.Organization>().IgnoreQueryFilters().CountAsync(o => o.Level == Kernel.Security.OrgLevel.School);
        Assert.Equal(schools, result.Schools);
        var scans = await db.Set<AuditEvent>().IgnoreQueryFilters().Where(e => e.Action == "hanging.scanned" && e.ActorUserName == "system:" + ScheduledHangingScan.ActorReason).CountAsync();
        Assert.Equal(schools, scans);
        var run = await db.Set<AuditEvent>().IgnoreQueryFilters().SingleAsync(e => e.Action == "hanging.scan_run" && e.SubjectId == "node-test");
        Assert.Contains("\"failed\":0", run.NewValue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scheduler_HasTheMonthlyScanInChinaTime()
    {
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var cron = Assert.IsAssignableFrom<ICronTrigger>(await scheduler.GetTrigger(ScheduledJobs.HangingScanTrigger));
        Assert.Equal(ScheduledJobs.HangingScan, cron.JobKey);
        Assert.Equal(ScheduledJobs.DefaultHangingScanCron, cron.CronExpressionString);
        Assert.Equal(TimeSpan.FromHours(8), cron.TimeZone.BaseUtcOffset);
    }
}

/// <summary>Two nodes of the system on one PostgreSQL database, as behind a load balancer.</summary>
public sealed class ClusteredJobsTests(PostgresTestApp first) : IClassFixture<PostgresTestApp>
{
    private sealed class SecondNode(string connectionString, string keyFile) : TestApp
    {
        protected override string DatabaseProvider => "Postgres";

        public override string ConnectionString => connectionString;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Security:KeyFile", keyFile);
            builder.UseSetting("Jobs:CheckinSeconds", "2");
        }
    }

    [Fact]
    public async Task TwoNodes_OneFiring_RunsOnceAcrossTheCluster()
    {
        _ = first.Server;
        await using var second = new SecondNode(first.ConnectionString, first.KeyFilePath);
        await second.InitializeAsync();

        // Both nodes check in to the cluster (each scheduler starts in the background of its host).
        long nodes = 0;
        for (var i = 0; i < 60 && nodes < 2; i++)
        {
            await using var connection = new NpgsqlConnection(first.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(DISTINCT instance_name) FROM qrtz_scheduler_state", connection);
            nodes = (long)(await command.ExecuteScalarAsync())!;
            if (nodes < 2)
            {
                await Task.Delay(500);
            }
        }

        Assert.Equal(2L, nodes);

        // One firing, due now on the application's clock (which Quartz shares), scheduled through the first node:
        // whichever node takes it, it runs once.
        var scheduler = await first.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var trigger = TriggerBuilder.Create().ForJob(ScheduledJobs.HangingScan).WithIdentity("test-once", "tests")
            .StartAt(first.Clock.GetUtcNow()).Build();
        await scheduler.ScheduleJob(trigger);

        var runs = 0;
        for (var i = 0; i < 120 && runs == 0; i++)
        {
            await Task.Delay(500);
            runs = await CountRunsAsync();
        }

        Assert.True(runs == 1, $"runs {runs}; triggers: {await TriggersAsync()}");
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Equal(1, await CountRunsAsync());
    }

    private async Task<string> TriggersAsync()
    {
        await using var connection = new NpgsqlConnection(first.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT string_agg(sched_name || ':' || trigger_name || ':' || trigger_state || ':' || coalesce(next_fire_time::text, '-'), ' | ') FROM qrtz_triggers", connection);
        var triggers = await command.ExecuteScalarAsync();
        await using var fired = new NpgsqlCommand("SELECT count(*) FROM qrtz_fired_triggers", connection);
        await using var state = new NpgsqlCommand("SELECT string_agg(sched_name || ':' || instance_name, ' | ') FROM qrtz_scheduler_state", connection);
        return $"{triggers}; fired {await fired.ExecuteScalarAsync()}; nodes {await state.ExecuteScalarAsync()}; now {DateTimeOffset.UtcNow.Ticks}";
    }

    private async Task<int> CountRunsAsync()
    {
        await using var scope = first.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("test");
        var db = scope.ServiceProvider.GetRequiredService<TsaDbContext>();
        return await db.Set<AuditEvent>().IgnoreQueryFilters().CountAsync(e => e.Action == "hanging.scan_run");
    }
}
