using TechSchoolAid.Modules.Audit.Contracts;

namespace TechSchoolAid.Modules.Standards.Contracts;

/// <summary>
/// The audit actions of the schools' aid standards and brochures (INS-2, PUB-2), block 1700: 1700–1719 aid rules,
/// 1720–1739 aid staff, 1740–1759 trainings, 1760–1789 brochures, 1790–1799 the province's standards policy. The codes
/// are sealed in the chain: never change them.
/// </summary>
[AuditCatalogue("资助规范化与招生简章", 1700)]
public static class StandardsAuditActions
{
    public const string Rule = "AidRuleDocument";
    public const string Staff = "AidStaffMember";
    public const string Training = "AidTraining";
    public const string Brochure = "Brochure";
    public const string Policy = "StandardsPolicy";

    public static readonly AuditAction RuleAdded = new(1700, "standards.rule.added", "登记资助工作制度", Rule);
    public static readonly AuditAction RuleReplaced = new(1701, "standards.rule.replaced", "资助工作制度被新版本替代", Rule);
    public static readonly AuditAction RuleWithdrawn = new(1702, "standards.rule.withdrawn", "废止资助工作制度", Rule);
    public static readonly AuditAction RuleDownloaded = new(1703, "standards.rule.downloaded", "下载资助工作制度文件", Rule);

    public static readonly AuditAction StaffAdded = new(1720, "standards.staff.added", "登记资助工作人员", Staff);
    public static readonly AuditAction StaffEnded = new(1721, "standards.staff.ended", "资助工作人员离岗", Staff);
    public static readonly AuditAction ExternalTrainingRecorded = new(1722, "standards.staff.external_training", "登记资助工作人员外部培训", Staff);
    public static readonly AuditAction CertificateDownloaded = new(1723, "standards.staff.certificate_downloaded", "下载培训证书", Staff);

    public static readonly AuditAction TrainingCreated = new(1740, "standards.training.created", "登记省级资助工作培训", Training);
    public static readonly AuditAction AttendanceRecorded = new(1741, "standards.training.attendance", "登记培训参训人员", Training);

    public static readonly AuditAction BrochureUploaded = new(1760, "standards.brochure.uploaded", "上传招生简章", Brochure);
    public static readonly AuditAction BrochureChecklistSet = new(1761, "standards.brochure.checklist", "填写招生简章资助政策核对项", Brochure);
    public static readonly AuditAction BrochureSubmitted = new(1762, "standards.brochure.submitted", "提交招生简章审核", Brochure);
    public static readonly AuditAction BrochureApproved = new(1763, "standards.brochure.approved", "审核通过招生简章", Brochure);
    public static readonly AuditAction BrochureReturned = new(1764, "standards.brochure.returned", "退回招生简章", Brochure);
    public static readonly AuditAction BrochureDownloaded = new(1765, "standards.brochure.downloaded", "下载招生简章文件", Brochure);

    public static readonly AuditAction PolicySet = new(1790, "standards.policy.set", "设定资助工作规范化政策参数", Policy);
}
