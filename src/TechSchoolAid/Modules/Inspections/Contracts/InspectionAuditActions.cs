using TechSchoolAid.Modules.Audit.Contracts;

namespace TechSchoolAid.Modules.Inspections.Contracts;

/// <summary>
/// The audit actions of inspections (INS-1), block 1500: 1500–1519 plans and policy, 1520–1549 visits, spot checks,
/// findings and self-inspections, 1550–1569 rectification. The codes are sealed in the chain: never change them.
/// </summary>
[AuditCatalogue("检查与抽查", 1500)]
public static class InspectionAuditActions
{
    public const string Plan = "InspectionPlan";
    public const string Visit = "InspectionVisit";
    public const string Task = "RectificationTask";
    public const string Policy = "InspectionPolicy";

    // 1500–1519 plans and policy
    public static readonly AuditAction PlanProposed = new(1500, "inspection.plan.proposed", "生成年度检查计划", Plan);
    public static readonly AuditAction PlanSchoolAdded = new(1501, "inspection.plan.school_added", "检查计划增加学校", Plan);
    public static readonly AuditAction PlanSchoolRemoved = new(1502, "inspection.plan.school_removed", "检查计划移出学校", Plan);
    public static readonly AuditAction PlanConfirmed = new(1503, "inspection.plan.confirmed", "确认年度检查计划", Plan);
    public static readonly AuditAction PolicySet = new(1510, "inspection.policy.set", "修改检查覆盖比例、风险权重和整改期限", Policy);

    // 1520–1549 visits, spot checks, findings, self-inspections
    public static readonly AuditAction VisitRecorded = new(1520, "inspection.visit.recorded", "登记检查", Visit);
    public static readonly AuditAction SpotCheckRecorded = new(1521, "inspection.spot_check.recorded", "登记抽查", Visit);
    public static readonly AuditAction FindingRecorded = new(1522, "inspection.finding.recorded", "登记检查发现", Visit);
    public static readonly AuditAction FindingFileAdded = new(1523, "inspection.finding.file_added", "上传检查证据", Visit);
    public static readonly AuditAction SelfInspectionSubmitted = new(1530, "inspection.self.submitted", "提交学校自查", Visit);

    // 1550–1569 rectification
    public static readonly AuditAction RectificationCreated = new(1550, "inspection.rectification.created", "下达整改任务", Task);
    public static readonly AuditAction RectificationAnswered = new(1551, "inspection.rectification.answered", "学校报送整改情况", Task);
    public static readonly AuditAction RectificationFileAdded = new(1552, "inspection.rectification.file_added", "上传整改材料", Task);
    public static readonly AuditAction RectificationClosed = new(1553, "inspection.rectification.closed", "整改验收通过", Task);
    public static readonly AuditAction RectificationReturned = new(1554, "inspection.rectification.returned", "整改退回重做", Task);
}
