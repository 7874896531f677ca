using Quartz;
using TechSchoolAid.Modules.PublicSite.Features.Complaints;
using TechSchoolAid.Modules.Supervision.Features;

namespace TechSchoolAid.Web.Hosting;

/// <summary>
/// Work that runs on a schedule rather than on a click, on Quartz.NET. On PostgreSQL the job store is Quartz's clustered
/// ADO.NET store in the system's own database, so with N web nodes behind a load balancer each firing runs on exactly one
/// node (the nodes take a row lock on qrtz_locks before firing, and a node that dies mid-job has its work recovered by
/// another after the check-in threshold). SQLite is the single-node demo and development setup: an in-memory store.
/// Schedules are configuration (cron in China time), so operators move them without a release. Quartz reads the
/// application's TimeProvider, so the scheduler and the rules agree on "now" (and a test's clock drives both).
/// </summary>
public static class ScheduledJobs
{
    /// <summary>02:00 China time on the 1st of every month: the scan reads a month of inactivity, so monthly is enough.</summary>
    public const string DefaultHangingScanCron = "0 0 2 1 * ?";

    public static readonly JobKey HangingScan = new("hanging-scan", "supervision");

    public static readonly TriggerKey HangingScanTrigger = new("hanging-scan-monthly", "supervision");

    /// <summary>01:30 China time every day: overdue complaints go to the level above (PUB-1).</summary>
    public const string DefaultComplaintEscalationCron = "0 30 1 * * ?";

    public static readonly JobKey ComplaintEscalation = new("complaint-escalation", "public-site");

    public static readonly TriggerKey ComplaintEscalationTrigger = new("complaint-escalation-daily", "public-site");

    /// <summary>UTC+8 without daylight saving, independent of the host's time-zone database.</summary>
    public static readonly TimeZoneInfo ChinaTimeZone = TimeZoneInfo.CreateCustomTimeZone("China Standard Time", TimeSpan.FromHours(8), "中国标准时间", "中国标准时间");

    public static void AddScheduledJobs(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        if (!config.GetValue("Jobs:Enabled", true))
        {
            return;
        }

        var postgres = string.Equals(config["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase);
        var connectionString = config.GetConnectionString("Default");
        builder.Services.AddQuartz(q =>
        {
            // The default scheduler's name (Quartz keys its per-scheduler services by it, the clock below included);
            // each node's instance id is generated unless an operator names it.
            if (config["Jobs:NodeId"] is { Length: > 0 } node)
            {
                q.ConfigureScheduler(o => o.InstanceId = node);
            }
            if (postgres)
            {
                q.UsePersistentStore(store =>
                {
                    store.UsePostgres(connectionString ?? throw new InvalidOperationException("ConnectionStrings:Default is required"));

                    // Quartz creates its own tables (qrtz_*) when missing, at scheduler start; they belong to Quartz, so
                    // they stay out of the EF model and its generated migrations. It only ever creates, never alters.
                    store.ProvisionSchema();
                    store.ConfigureStore(o =>
                    {
                        o.TablePrefix = "qrtz_";
                        o.StoreJobDataAsStrings = true;
                        o.MisfireThreshold = TimeSpan.FromMinutes(5);
                    });
                    store.UseSystemTextJsonSerializer();
                    var checkin = TimeSpan.FromSeconds(config.GetValue("Jobs:CheckinSeconds", 15));
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = checkin;
                        c.CheckinMisfireThreshold = checkin * 3;
                    });
                });
            }
            else
            {
                q.UseInMemoryStore();
            }

            q.AddJob<HangingScanJob>(j => j.WithIdentity(HangingScan).StoreDurably().RequestRecovery()
                .WithDescription("疑似空挂学籍筛查（全国，逐校）"));
            q.AddTrigger(t => t.ForJob(HangingScan).WithIdentity(HangingScanTrigger)
                .WithCronSchedule(config["Jobs:HangingScan:Cron"] ?? DefaultHangingScanCron,
                    c => c.InTimeZone(ChinaTimeZone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            q.AddJob<ComplaintEscalationJob>(j => j.WithIdentity(ComplaintEscalation).StoreDurably().RequestRecovery()
                .WithDescription("逾期未答复的咨询投诉逐级上报（全国）"));
            q.AddTrigger(t => t.ForJob(ComplaintEscalation).WithIdentity(ComplaintEscalationTrigger)
                .WithCronSchedule(config["Jobs:ComplaintEscalation:Cron"] ?? DefaultComplaintEscalationCron,
                    c => c.InTimeZone(ChinaTimeZone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }

    /// <summary>STA-3's monthly scan; never two at once across the cluster.</summary>
    [DisallowConcurrentExecution]
    public sealed class HangingScanJob(ScheduledHangingScan scan, ILogger<HangingScanJob> log) : IJob
    {
        public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            var node = await context.Scheduler.GetSchedulerInstanceId(cancellationToken);
            var result = await scan.RunAsync(node, cancellationToken);
            log.LogInformation("Hanging-record scan: {Schools} schools, {Failed} failed, {NoActivity} no-activity and {Past} past-graduation flags",
                result.Schools, result.Failed, result.NoActivity, result.PastExpectedGraduation);
        }
    }

    /// <summary>PUB-1's daily escalation; never two at once across the cluster (and idempotent anyway).</summary>
    [DisallowConcurrentExecution]
    public sealed class ComplaintEscalationJob(ScheduledComplaintEscalation escalation, ILogger<ComplaintEscalationJob> log) : IJob
    {
        public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            var escalated = await escalation.RunAsync(cancellationToken);
            log.LogInformation("Complaint escalation: {Escalated} overdue complaints escalated", escalated);
        }
    }
}
