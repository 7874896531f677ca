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

    // Issue 11 item 9 (教财〔2018〕16号): 1020–1039.

    /// <summary>The subject type of the year's advance notice.</summary>
    public const string NoticeSubject = "HardshipNotice";

    public static readonly AuditAction NoticePublished = new(1020, "hardship.notice_published", "发布认定工作告知", NoticeSubject);
    public static readonly AuditAction SensitiveViewed = new(1021, "hardship.sensitive_viewed", "查看家庭经济情况", Subject);
    public static readonly AuditAction Redecided = new(1022, "hardship.redecided", "异议成立后重新认定", Subject);
    public static readonly AuditAction SensitiveExported = new(1023, "hardship.sensitive_exported", "导出家庭经济情况", Subject);
    public static readonly AuditAction KeysRotated = new(1024, "hardship.keys_rotated", "认定敏感信息密钥轮换", Subject);
}
