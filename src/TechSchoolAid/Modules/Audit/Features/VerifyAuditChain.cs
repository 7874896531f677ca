using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit.Domain;
using TechSchoolAid.Modules.Audit.Contracts;

namespace TechSchoolAid.Modules.Audit.Features;

/// <summary>The outcome of a verification; <see cref="WrittenCheckpoint"/> is the new checkpoint when the chain was intact.</summary>
public sealed record AuditVerification(
    long Checked,
    long HeadSequence,
    IReadOnlyList<ChainProblem> Problems,
    AuditCheckpoint? LatestCheckpoint,
    AuditCheckpoint? WrittenCheckpoint)
{
    public bool Intact => Problems.Count == 0;

    /// <summary>The one-line verdict in Chinese, for the command line and the audit page.</summary>
    public string Summary => Intact
        ? $"审计链完整：已校验 {Checked} 条事件（最新序号 {HeadSequence}），与检查点一致。"
        : $"审计链被破坏：{Problems.Count} 处问题（共 {Checked} 条事件）。";
}

/// <summary>
/// `tsa audit verify` and the audit page's check (AUD-1): walks the whole chain in sequence order, recomputes every
/// keyed hash, and compares the chain with the signed checkpoints outside the database. Finds changed, deleted,
/// inserted, reordered and forged events, and truncation after a checkpoint (the last event, the last thousand, all).
/// When the chain is intact it writes a new checkpoint of the head, so every verification also anchors the chain.
/// </summary>
public sealed class VerifyAuditChain(TsaDbContext db, AuditChainHasher hasher, AuditCheckpointStore checkpoints, TimeProvider clock)
{
    public async Task<AuditVerification> HandleAsync(CancellationToken ct)
    {
        db.Actor.Demand(AuditAccess.Verify);

        var problems = new List<ChainProblem>();
        var set = checkpoints.ReadAll();
        foreach (var file in set.Rejected)
        {
            problems.Add(new ChainProblem(0, $"检查点文件 {file} 无法读取或签名无效（被改动或伪造），未采用"));
        }

        var expected = set.Valid.GroupBy(c => c.Sequence).ToDictionary(g => g.Key, g => g.ToList());
        var previousHash = AuditEvent.GenesisHash;
        long expectedSequence = 1;
        long count = 0;
        await foreach (var e in db.Unscoped<AuditEvent>("the audit chain is one chain for the whole country").AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            if (e.Sequence != expectedSequence)
            {
                problems.Add(new ChainProblem(e.Sequence, $"缺少序号 {expectedSequence}–{e.Sequence - 1} 的事件（被删除）"));
            }

            if (e.PreviousHash != previousHash)
            {
                problems.Add(new ChainProblem(e.Sequence, "前一事件哈希不符（事件被删除、插入或调换顺序）"));
            }

            var computed = hasher.Compute(e);
            if (computed is null)
            {
                problems.Add(new ChainProblem(e.Sequence, $"未知的哈希算法“{e.HashAlgorithm}”（事件被伪造或改写）"));
            }
            else if (computed != e.Hash)
            {
                problems.Add(new ChainProblem(e.Sequence, "事件内容与密钥哈希不符（事件被篡改、伪造，或哈希被不持有密钥者重算）"));
            }

            if (expected.TryGetValue(e.Sequence, out var anchored) && anchored.FirstOrDefault(c => c.Hash != e.Hash) is { } differs)
            {
                problems.Add(new ChainProblem(e.Sequence, $"与 {differs.BeijingTime} 的检查点记录的哈希不符（该事件或之前的事件被改写）"));
            }

            previousHash = e.Hash;
            expectedSequence = e.Sequence + 1;
        }

        var head = expectedSequence - 1;
        var latest = set.Latest;
        if (latest is not null && latest.Sequence > head)
        {
            problems.Add(new ChainProblem(latest.Sequence, count == 0
                ? $"数据库中没有任何审计事件，而 {latest.BeijingTime} 的检查点记录到第 {latest.Sequence} 号：审计日志被整体删除"
                : $"审计链被截断：{latest.BeijingTime} 的检查点记录到第 {latest.Sequence} 号事件，数据库只到第 {head} 号（缺少 {latest.Sequence - head} 条）"));
        }

        AuditCheckpoint? written = null;
        if (problems.Count == 0 && count > 0)
        {
            written = checkpoints.Write(head, previousHash, clock.GetUtcNow().UtcDateTime);
        }

        return new AuditVerification(count, head, problems, latest, written);
    }
}
