using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Audit.Domain;
using TechSchoolAid.Modules.Audit.Features;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.Audit;

/// <summary>
/// AUD-1: the keyed chain and its signed checkpoints outside the database detect a changed, deleted, reordered or forged
/// event, a chain rewritten with recomputed hashes by someone without the key, and truncation after a checkpoint (the
/// last event, the last thousand, all of them), on both providers.
/// </summary>
public sealed class AuditChainTests
{
    private static async Task AppendEvents(TestDatabase db, int count)
    {
        await db.AsSystemAsync(async (ctx, _) =>
        {
            for (var i = 0; i < count; i++)
            {
                ctx.Record("test.event", "Test", i.ToString(CultureInfo.InvariantCulture), "/", new { before = i }, new { after = i + 1 });
            }

            await ctx.SaveChangesAsync();
        });
    }

    private static Task Sql(TestDatabase db, string sql) =>
        db.AsSystemAsync(async (ctx, _) => await ctx.Database.ExecuteSqlRawAsync(sql));

    private static Task<long> Head(TestDatabase db) =>
        db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<AuditEvent>().IgnoreQueryFilters().MaxAsync(e => e.Sequence));

    /// <summary>Events, then a verification: the checkpoint of the head that an operator's routine leaves behind.</summary>
    private static async Task<TestDatabase> AnchoredChain(string provider, int events)
    {
        var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 1);
        await AppendEvents(db, events);
        var anchored = await db.VerifyAuditAsync();
        Assert.True(anchored.Intact, string.Join("; ", anchored.Problems));
        Assert.NotNull(anchored.WrittenCheckpoint);
        return db;
    }

    /// <summary>What someone with database rights but without the audit key does: recompute from a guessed key.</summary>
    private static readonly AuditChainHasher Attacker = new(RandomNumberGenerator.GetBytes(32), KeyedHash.HmacSha256);

    [Theory]
    [BothDatabases]
    public async Task Verify_UntouchedChain_NoProblemsAndWritesACheckpoint(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 1);
        await AppendEvents(db, 5);
        var first = await db.VerifyAuditAsync();
        Assert.Empty(first.Problems);
        Assert.True(first.Checked >= 6);
        Assert.Equal(first.HeadSequence, first.WrittenCheckpoint!.Sequence);
        Assert.Single(Directory.GetFiles(db.CheckpointFolder, "audit-checkpoint-*.json"));

        await AppendEvents(db, 2);
        var second = await db.VerifyAuditAsync();
        Assert.True(second.Intact, string.Join("; ", second.Problems));
        Assert.Equal(first.HeadSequence, second.LatestCheckpoint!.Sequence);
        Assert.Equal(first.HeadSequence + 2, second.WrittenCheckpoint!.Sequence);
        Assert.Contains("审计链完整", second.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async Task Verify_ChangedEvent_Reported(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 1);
        await AppendEvents(db, 5);
        await Sql(db, "UPDATE audit_events SET \"NewValue\" = '{{\"after\":99}}' WHERE \"Sequence\" = 3");
        var result = await db.VerifyAuditAsync();
        Assert.Contains(result.Problems, p => p.Sequence == 3 && p.Problem.Contains("篡改", StringComparison.Ordinal));
        Assert.Null(result.WrittenCheckpoint);
    }

    [Theory]
    [BothDatabases]
    public async Task Verify_DeletedEvent_Reported(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 1);
        await AppendEvents(db, 5);
        await Sql(db, "DELETE FROM audit_events WHERE \"Sequence\" = 4");
        var result = await db.VerifyAuditAsync();
        Assert.Contains(result.Problems, p => p.Sequence == 5 && p.Problem.Contains("删除", StringComparison.Ordinal));
    }

    [Theory]
    [BothDatabases]
    public async Task Verify_SwappedEvents_Reported(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 1);
        await AppendEvents(db, 5);
        await Sql(db, "UPDATE audit_events SET \"Sequence\" = -1 WHERE \"Sequence\" = 2");
        await Sql(db, "UPDATE audit_events SET \"Sequence\" = 2 WHERE \"Sequence\" = 3");
        await Sql(db, "UPDATE audit_events SET \"Sequence\" = 3 WHERE \"Sequence\" = -1");
        var result = await db.VerifyAuditAsync();
        Assert.NotEmpty(result.Problems);
    }

    [Theory]
    [BothDatabases]
    public async Task Verify_LastEventTruncatedAfterCheckpoint_Reported(string provider)
    {
        await using var db = await AnchoredChain(provider, 5);
        var head = await Head(db);
        await Sql(db, $"DELETE FROM audit_events WHERE \"Sequence\" = {head}");

        // The rest of the chain agrees with itself: only the checkpoint outside the database knows it was longer.
        var result = await db.VerifyAuditAsync();
        var problem = Assert.Single(result.Problems);
        Assert.Equal(head, problem.Sequence);
        Assert.Contains("截断", problem.Problem, StringComparison.Ordinal);
        Assert.Contains("缺少 1 条", problem.Problem, StringComparison.Ordinal);
        Assert.Null(result.WrittenCheckpoint);
    }

    [Theory]
    [BothDatabases]
    public async Task Verify_Last1000Truncated_Reported(string provider)
    {
        await using var db = await AnchoredChain(provider, 1005);
        var head = await Head(db);
        await Sql(db, $"DELETE FROM audit_events WHERE \"Sequence\" > {head - 1000}");
        var result = await db.VerifyAuditAsync();
        Assert.Contains(result.Problems, p => p.Sequence == head && p.Problem.Contains("缺少 1000 条", StringComparison.Ordinal));
    }

    [Theory]
    [BothDatabases]
    public async Task Verify_AllEventsTruncated_Reported(string provider)
    {
        await using var db = await AnchoredChain(provider, 3);
        await Sql(db, "DELETE FROM audit_events");
        var result = await db.VerifyAuditAsync();
        Assert.Equal(0, result.Checked);
        Assert.Contains(result.Problems, p => p.Problem.Contains("整体删除", StringComparison.Ordinal));
        Assert.False(result.Intact);
    }

    [Theory]
    [BothDatabases]
    public async Task Verify_RewrittenWithRecomputedHashes_Reported(string provider)
    {
        await using var db = await AnchoredChain(provider, 5);

        // Change event 3 and recompute every later hash and link, as the old unkeyed chain allowed: consistent, but
        // not under the audit key.
        await Sql(db, "UPDATE audit_events SET \"NewValue\" = '{{\"after\":99}}' WHERE \"Sequence\" = 3");
        await db.AsSystemAsync(async (ctx, _) =>
        {
            var events = await ctx.Set<AuditEvent>().IgnoreQueryFilters().AsNoTracking().Where(e => e.Sequence >= 2).OrderBy(e => e.Sequence).ToListAsync();
            var previous = events[0].Hash;
            foreach (var e in events.Skip(1))
            {
                e.Seal(e.Sequence, previous, Attacker);
                previous = e.Hash;
                await ctx.Database.ExecuteSqlRawAsync(
                    "UPDATE audit_events SET \"PreviousHash\" = {0}, \"Hash\" = {1} WHERE \"Sequence\" = {2}", e.PreviousHash, e.Hash, e.Sequence);
            }
        });

        var result = await db.VerifyAuditAsync();
        Assert.DoesNotContain(result.Problems, p => p.Problem.Contains("前一事件", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Sequence == 3 && p.Problem.Contains("密钥哈希不符", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Sequence == result.HeadSequence && p.Problem.Contains("检查点", StringComparison.Ordinal));
    }

    [Theory]
    [BothDatabases]
    public async Task Verify_AppendedForgedEvent_Reported(string provider)
    {
        await using var db = await AnchoredChain(provider, 3);
        var head = await Head(db);

        // A well-formed event linked to the real head, sealed by someone who does not hold the key.
        await db.AsSystemAsync(async (_, sp) =>
        {
            var options = sp.GetRequiredService<DbContextOptions<TsaDbContext>>();
            await using var forger = new TsaDbContext(options, new ActorAccessor { Actor = Actor.System("forger") }, new AuditChainSealer(Attacker));
            forger.Record("student.deleted", "Student", "forged", "/", null, null);
            await forger.SaveChangesAsync();
        });

        var result = await db.VerifyAuditAsync();
        var problem = Assert.Single(result.Problems);
        Assert.Equal(head + 1, problem.Sequence);
        Assert.Contains("伪造", problem.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_AlteredCheckpointFile_ReportedAndNotTrusted()
    {
        await using var db = await AnchoredChain(TestDatabase.Sqlite, 3);
        var file = Directory.GetFiles(db.CheckpointFolder, "audit-checkpoint-*.json").Single();
        var head = await Head(db);

        // Someone lowers the checkpoint to hide a later truncation: the signature no longer matches.
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace($"\"Sequence\":{head}", $"\"Sequence\":{head - 1}", StringComparison.Ordinal));
        var result = await db.VerifyAuditAsync();
        Assert.Contains(result.Problems, p => p.Sequence == 0 && p.Problem.Contains("签名无效", StringComparison.Ordinal));
        Assert.Null(result.LatestCheckpoint);
    }

    [Theory]
    [BothDatabases]
    public async Task ScheduledCheckpoint_NeverAnchorsACutOrForgedHead(string provider)
    {
        await using var db = await AnchoredChain(provider, 3);
        Task<CheckpointOutcome> Write() => db.As(Actor.System("test"), sp => sp.GetRequiredService<WriteAuditCheckpoint>().HandleAsync(default));

        var nothingNew = await Write();
        Assert.Null(nothingNew.Written);
        Assert.Null(nothingNew.Refusal);

        await AppendEvents(db, 2);
        var written = await Write();
        Assert.Equal(await Head(db), written.Written!.Sequence);

        await Sql(db, $"DELETE FROM audit_events WHERE \"Sequence\" = {written.Written.Sequence}");
        var refused = await Write();
        Assert.Null(refused.Written);
        Assert.Contains("截断", refused.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckpointService_WritesAtStartAndOnSchedule()
    {
        await using var db = await TestDatabase.CreateAsync(TestDatabase.Sqlite, studentsPerSchool: 1);
        var service = db.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<AuditCheckpointService>().Single();
        await service.StartAsync(default);
        try
        {
            var atStart = await WaitForCheckpoint(db, await Head(db));
            await AppendEvents(db, 2);
            db.Clock.Advance(TimeSpan.FromMinutes(5));
            var scheduled = await WaitForCheckpoint(db, atStart + 2);
            Assert.Equal(await Head(db), scheduled);
        }
        finally
        {
            await service.StopAsync(default);
        }

        var verified = await db.VerifyAuditAsync();
        Assert.True(verified.Intact, string.Join("; ", verified.Problems));
    }

    /// <summary>The background service works on its own thread: wait (bounded) until its checkpoint is on disk.</summary>
    private static async Task<long> WaitForCheckpoint(TestDatabase db, long sequence)
    {
        for (var i = 0; i < 300; i++)
        {
            if (Directory.Exists(db.CheckpointFolder) && Directory.GetFiles(db.CheckpointFolder, $"audit-checkpoint-{sequence:D15}-*.json").Length > 0)
            {
                return sequence;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"No checkpoint of sequence {sequence} was written.");
    }

    [Theory]
    [BothDatabases]
    public async Task Update_ThroughTheApplication_Refused(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 1);
        var ex = await Assert.ThrowsAsync<AppException>(() => db.AsSystemAsync(async (ctx, _) =>
        {
            var e = await ctx.Set<AuditEvent>().FirstAsync();
            ctx.Remove(e);
            await ctx.SaveChangesAsync();
        }));
        Assert.Equal(ErrorKind.Forbidden, ex.Kind);
    }

    [Fact]
    public async Task Verify_BelowMinistryLevel_Refused()
    {
        await using var db = await TestDatabase.CreateAsync(TestDatabase.Sqlite, studentsPerSchool: 1);
        var city = await db.ActorOf("city-4401");
        var ex = await Assert.ThrowsAsync<AppException>(() => db.As(city, sp => sp.GetRequiredService<VerifyAuditChain>().HandleAsync(default)));
        Assert.Equal(ErrorKind.Forbidden, ex.Kind);
    }
}
