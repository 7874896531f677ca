using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Supervision.Contracts;

namespace TechSchoolAid.Modules.Supervision.Features;

public sealed record ScheduledScanResult(int Schools, int Failed, int NoActivity, int PastExpectedGraduation);

/// <summary>
/// STA-3's scan for possibly hanging records, run by the scheduler for the whole country (the same scan a city or province
/// starts on screen): school by school, each in its own scope and transaction, so one school's failure neither stops the
/// others nor leaves half of a school flagged, and memory stays that of one school. The run is audited with its totals
/// and the node that ran it.
/// </summary>
public sealed class ScheduledHangingScan(IServiceScopeFactory scopes, ILogger<ScheduledHangingScan> log)
{
    public const string ActorReason = "hanging-scan";

    public async Task<ScheduledScanResult> RunAsync(string node, CancellationToken ct)
    {
        List<string> codes;
        await using (var scope = Scoped(out var sp))
        {
            codes = await sp.GetRequiredService<SchoolDirectory>().CodesInScopeAsync(ct);
        }

        int failed = 0, idle = 0, past = 0;
        foreach (var code in codes)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                await using var scope = Scoped(out var sp);
                var result = await sp.GetRequiredService<ScanHangingFlags>().HandleAsync(code, ct);
                idle += result.NoActivity;
                past += result.PastExpectedGraduation;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The school code is an organisation's, not a person's: safe to log.
                failed++;
                log.LogError(ex, "Hanging-record scan failed for school {SchoolCode}", code);
            }
        }

        await using (var scope = Scoped(out var sp))
        {
            var db = sp.GetRequiredService<TsaDbContext>();
            db.Record(SupervisionAuditActions.ScanRun, node, "/", null,
                new { schools = codes.Count, failed, noActivity = idle, pastExpectedGraduation = past, node }, sp.GetRequiredService<TimeProvider>());
            await db.SaveChangesAsync(ct);
        }

        return new ScheduledScanResult(codes.Count, failed, idle, past);
    }

    private AsyncServiceScope Scoped(out IServiceProvider sp)
    {
        var scope = scopes.CreateAsyncScope();
        sp = scope.ServiceProvider;
        sp.GetRequiredService<ActorAccessor>().Actor = Actor.System(ActorReason);
        return scope;
    }
}
