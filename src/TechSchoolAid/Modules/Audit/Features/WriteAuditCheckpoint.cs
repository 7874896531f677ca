using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Audit.Domain;

namespace TechSchoolAid.Modules.Audit.Features;

/// <summary>What a scheduled checkpoint did: wrote one, found nothing new, or refused (with the reason, in Chinese).</summary>
public sealed record CheckpointOutcome(AuditCheckpoint? Written, string? Refusal);

/// <summary>
/// The scheduled checkpoint: cheap enough to run every few minutes at national size (it reads the head and the event
/// of the last checkpoint, not the whole chain), and careful never to anchor a chain that was cut or rewritten since the
/// last checkpoint, which would make the damage look legitimate. The full walk is <see cref="VerifyAuditChain"/>.
/// </summary>
public sealed class WriteAuditCheckpoint(TsaDbContext db, AuditChainHasher hasher, AuditCheckpointStore checkpoints, TimeProvider clock)
{
    public async Task<CheckpointOutcome> HandleAsync(CancellationToken ct)
    {
        var events = db.Unscoped<AuditEvent>("the audit chain is one chain for the whole country").AsNoTracking();
        var head = await events.OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(ct);
        var latest = checkpoints.ReadAll().Latest;
        if (head is null)
        {
            return latest is { Sequence: > 0 }
                ? new CheckpointOutcome(null, $"数据库中没有审计事件，而检查点记录到第 {latest.Sequence} 号：未写检查点")
                : new CheckpointOutcome(null, null);
        }

        if (hasher.Compute(head) != head.Hash)
        {
            return new CheckpointOutcome(null, $"最新事件（第 {head.Sequence} 号）与密钥哈希不符：未写检查点，请运行 tsa audit verify");
        }

        if (latest is not null)
        {
            if (head.Sequence < latest.Sequence)
            {
                return new CheckpointOutcome(null, $"审计链被截断（检查点到第 {latest.Sequence} 号，数据库到第 {head.Sequence} 号）：未写检查点");
            }

            var anchored = await events.Where(e => e.Sequence == latest.Sequence).Select(e => e.Hash).FirstOrDefaultAsync(ct);
            if (anchored != latest.Hash)
            {
                return new CheckpointOutcome(null, $"第 {latest.Sequence} 号事件与检查点不符：未写检查点，请运行 tsa audit verify");
            }

            if (head.Sequence == latest.Sequence)
            {
                return new CheckpointOutcome(null, null);
            }
        }

        return new CheckpointOutcome(checkpoints.Write(head.Sequence, head.Hash, clock.GetUtcNow().UtcDateTime), null);
    }
}

/// <summary>
/// Writes a checkpoint when the host starts and every <see cref="AuditOptions.CheckpointMinutes"/> minutes. The store
/// is taken in the constructor on purpose: a production host without a configured checkpoint folder or audit key stops
/// at start instead of running unanchored. (Several web nodes each write; checkpoints are idempotent, and a Quartz job
/// that runs once across nodes can replace this service.)
/// </summary>
public sealed class AuditCheckpointService(
    IServiceScopeFactory scopes,
    AuditCheckpointStore store,
    IOptions<AuditOptions> options,
    TimeProvider clock,
    ILogger<AuditCheckpointService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = options.Value.CheckpointMinutes;
        if (minutes <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), clock);
        do
        {
            await WriteOnceAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task WriteOnceAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("audit-checkpoint");
            var outcome = await scope.ServiceProvider.GetRequiredService<WriteAuditCheckpoint>().HandleAsync(ct);
            if (outcome.Refusal is not null)
            {
                logger.LogError("Audit checkpoint refused: {Reason}", outcome.Refusal);
            }
            else if (outcome.Written is { } c)
            {
                logger.LogInformation("Audit checkpoint written: sequence {Sequence} in {Folder}", c.Sequence, store.Folder);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A database that is down for a moment must not stop the schedule; the next tick tries again.
            logger.LogError(ex, "Audit checkpoint failed");
        }
    }
}
