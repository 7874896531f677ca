using TechSchoolAid.Modules.Audit.Contracts;

namespace TechSchoolAid.Modules.Aid.Rounds.Domain;

/// <summary>The audit actions of the grant and waiver lists (AID-5/6/7). The codes are sealed in the chain: never change them.</summary>
[AuditCatalogue("学生资助 · 资助名单", 1100)]
public static class AidRoundAuditActions
{
    /// <summary>The subject type of every event about a list, its lines and the reopening of its deadline.</summary>
    public const string Subject = "AidRound";

    public static readonly AuditAction RoundCreated = new(1100, "aid.round.created", "拟定资助名单", Subject);
    public static readonly AuditAction EntryAdded = new(1101, "aid.entry.added", "学生加入资助名单", Subject);
    public static readonly AuditAction EntryTierChanged = new(1102, "aid.entry.tier_changed", "调整助学金档次", Subject);
    public static readonly AuditAction EntryWithdrawn = new(1103, "aid.entry.withdrawn", "学生撤出资助名单", Subject);
    public static readonly AuditAction EntryRevoked = new(1104, "aid.entry.revoked", "撤销审核通过的资助（比对结果清理）", Subject);
    public static readonly AuditAction RoundPublished = new(1105, "aid.round.published", "资助名单校内公示", Subject);
    public static readonly AuditAction EntryObjection = new(1106, "aid.entry.objection", "登记资助名单异议", Subject);
    public static readonly AuditAction EntryObjectionAnswered = new(1107, "aid.entry.objection_answered", "答复资助名单异议", Subject);
    public static readonly AuditAction RoundSubmitted = new(1108, "aid.round.submitted", "报送资助名单", Subject);
    public static readonly AuditAction RoundReturned = new(1109, "aid.round.returned", "退回资助名单", Subject);
    public static readonly AuditAction RoundRejected = new(1110, "aid.round.rejected", "资助名单审核不通过", Subject);
    public static readonly AuditAction RoundApproved = new(1111, "aid.round.approved", "资助名单审核通过", Subject);
    public static readonly AuditAction DeadlineReopened = new(1112, "aid.deadline.reopened", "重新开放资助审批", Subject);
    public static readonly AuditAction RoundExported = new(1113, "aid.round.exported", "导出资助名单", Subject);
    public static readonly AuditAction EntryKeptDespiteStatus = new(1115, "aid.entry.kept_despite_status", "学籍变动后确认保留资助", Subject);
    public static readonly AuditAction FundingGapExported = new(1114, "aid.funding_gap.exported", "导出中央资金缺口", "AidReport");
}
