using TechSchoolAid.Modules.Audit.Contracts;

namespace TechSchoolAid.Modules.Aid.Hardship.Domain;

/// <summary>What hardship identification records in the audit chain (block 1000). Codes are sealed in the chain: never change them.</summary>
[AuditCatalogue("家庭经济困难认定", 1000)]
public static class HardshipAuditActions
{
    /// <summary>The subject type of every hardship event.</summary>
    public const string Subject = "HardshipAssessment";

    public static readonly AuditAction Applied = new(1000, "hardship.applied", "申请家庭经济困难认定", Subject);
    public static readonly AuditAction PanelReviewed = new(1001, "hardship.panel_reviewed", "记录班级评议", Subject);
    public static readonly AuditAction Decided = new(1002, "hardship.decided", "学校认定", Subject);
    public static readonly AuditAction Published = new(1003, "hardship.published", "公示认定结果", Subject);
    public static readonly AuditAction ObjectionRaised = new(1004, "hardship.objection_raised", "登记公示异议", Subject);
    public static readonly AuditAction ObjectionAnswered = new(1005, "hardship.objection_answered", "答复公示异议", Subject);
    public static readonly AuditAction Archived = new(1006, "hardship.archived", "认定归档", Subject);
    public static readonly AuditAction Superseded = new(1007, "hardship.superseded", "认定被重新认定替代", Subject);
    public static readonly AuditAction Reassessed = new(1008, "hardship.reassessed", "学期中重新认定", Subject);
}
