using TechSchoolAid.Modules.Audit.Contracts;

namespace TechSchoolAid.Modules.StatusChanges.Contracts;

/// <summary>What the status-change module records in the audit chain (block 600). The codes are sealed in the chain: never change them.</summary>
[AuditCatalogue("学籍异动", 600)]
public static class StatusChangeAuditActions
{
    public static readonly AuditAction Entered = new(600, "status_change.entered", "登记学籍异动", "StatusChange");

    public static readonly AuditAction Submitted = new(601, "status_change.submitted", "报送学籍异动", "StatusChange");

    public static readonly AuditAction TransferProposed = new(602, "status_change.transfer_proposed", "向转入学校发出转学申请", "StatusChange");

    public static readonly AuditAction Accepted = new(603, "status_change.accepted", "转入学校接收转学", "StatusChange");

    public static readonly AuditAction Approved = new(604, "status_change.approved", "审批通过学籍异动", "StatusChange");

    public static readonly AuditAction Returned = new(605, "status_change.returned", "退回学籍异动", "StatusChange");

    public static readonly AuditAction Undone = new(606, "status_change.undone", "撤销学籍异动", "StatusChange");

    public static readonly AuditAction EvidenceAdded = new(607, "status_change.evidence_added", "上传异动证明材料", "StatusChange");

    public static readonly AuditAction KindRuleSet = new(608, "status_change.kind_rule_set", "设定学籍异动材料要求与休学期限", "StatusChangeKindRule");

    public static readonly AuditAction StudentTransferredOut = new(620, "student.transferred_out", "学籍转出（转学办结）", "Student");

    public static readonly AuditAction StudentTransferredIn = new(621, "student.transferred_in", "学籍转入（转学办结）", "Student");
}
