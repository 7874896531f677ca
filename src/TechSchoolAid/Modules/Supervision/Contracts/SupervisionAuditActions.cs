using TechSchoolAid.Modules.Audit.Contracts;

namespace TechSchoolAid.Modules.Supervision.Contracts;

/// <summary>What supervision records in the audit chain (block 700). Codes are sealed in the chain: never change them.</summary>
[AuditCatalogue("监管", 700)]
public static class SupervisionAuditActions
{
    public static readonly AuditAction CampaignOpened = new(701, "presence.campaign_opened", "开展人籍一致核验", "PresenceCampaign");

    public static readonly AuditAction ResultRecorded = new(702, "presence.result_recorded", "登记核验结果", "PresenceCheckResult");

    public static readonly AuditAction CampaignClosed = new(703, "presence.campaign_closed", "结束核验批次", "PresenceCampaign");

    public static readonly AuditAction Flagged = new(711, "hanging.flagged", "列为疑似空挂学籍", "HangingFlag");

    public static readonly AuditAction Scanned = new(712, "hanging.scanned", "筛查疑似空挂学籍", "HangingScan");

    public static readonly AuditAction ScanRun = new(713, "hanging.scan_run", "定时筛查疑似空挂学籍", "HangingScan");

    public static readonly AuditAction Answered = new(714, "hanging.answered", "学校说明疑似空挂", "HangingFlag");

    public static readonly AuditAction Accepted = new(715, "hanging.accepted", "认可学校说明", "HangingFlag");

    public static readonly AuditAction AskedAgain = new(716, "hanging.asked_again", "要求学校重新说明", "HangingFlag");

    public static readonly AuditAction Cleared = new(717, "hanging.cleared", "核验在校，解除疑似空挂", "HangingFlag");

    public static readonly AuditAction Restated = new(718, "hanging.restated", "核验结果更正，重新列为疑似空挂", "HangingFlag");

    public static readonly AuditAction MeasureIssued = new(721, "supervision.measure_issued", "采取监管措施", "SupervisionMeasure");

    public static readonly AuditAction MeasureRectified = new(722, "supervision.measure_rectified", "报告整改情况", "SupervisionMeasure");

    public static readonly AuditAction MeasureClosed = new(723, "supervision.measure_closed", "关闭监管措施", "SupervisionMeasure");

    public static readonly AuditAction MeasureFileAdded = new(724, "supervision.measure_file_added", "上传监管措施材料", "SupervisionMeasure");

    public static readonly AuditAction DemoSeeded = new(791, "demo.supervision_seeded", "生成监管演示数据", "Demo");
}
