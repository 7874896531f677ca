using TechSchoolAid.Modules.Audit.Contracts;

namespace TechSchoolAid.Modules.Graduation.Contracts;

/// <summary>What the graduation module records in the audit chain (block 800). The codes are sealed in the chain: never change them.</summary>
[AuditCatalogue("毕业与证书", 800)]
public static class GraduationAuditActions
{
    public static readonly AuditAction RoundOpened = new(800, "graduation.round_opened", "建立毕业批次", "GraduationRound");

    public static readonly AuditAction Assessed = new(801, "graduation.assessed", "录入毕业评定", "GraduationRound");

    public static readonly AuditAction EntryRemoved = new(802, "graduation.entry_removed", "移出毕业候选人", "GraduationRound");

    public static readonly AuditAction Submitted = new(803, "graduation.submitted", "报送毕业名单", "GraduationRound");

    public static readonly AuditAction Returned = new(804, "graduation.returned", "退回毕业名单", "GraduationRound");

    public static readonly AuditAction Approved = new(805, "graduation.approved", "审核通过毕业名单并颁发证书", "GraduationRound");

    public static readonly AuditAction CertificateUpgraded = new(806, "graduation.certificate_upgraded", "结业证书换发为毕业证书", "Certificate");
}
