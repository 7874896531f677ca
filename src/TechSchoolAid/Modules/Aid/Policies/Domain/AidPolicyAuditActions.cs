using TechSchoolAid.Modules.Audit.Contracts;

namespace TechSchoolAid.Modules.Aid.Policies.Domain;

/// <summary>What the policy area records in the audit chain (block 900). Codes are sealed in the chain: never change them.</summary>
[AuditCatalogue("资助政策", 900)]
public static class AidPolicyAuditActions
{
    public static readonly AuditAction PolicyCreated = new(900, "aid_policy.created", "新建资助政策", "AidPolicy");
    public static readonly AuditAction PolicyUpdated = new(901, "aid_policy.updated", "修改资助政策", "AidPolicy");
    public static readonly AuditAction NationalRangeCreated = new(910, "aid_national_range.created", "新增国家助学金档次范围", "AidNationalRange");
    public static readonly AuditAction NationalRangeUpdated = new(911, "aid_national_range.updated", "修改国家助学金档次范围", "AidNationalRange");
    public static readonly AuditAction CentralShareCreated = new(920, "aid_central_share.created", "新增中央分担比例", "AidCentralShare");
    public static readonly AuditAction CentralShareUpdated = new(921, "aid_central_share.updated", "修改中央分担比例", "AidCentralShare");
    public static readonly AuditAction DesignatedAreaCreated = new(950, "aid_designated_area.created", "新增国家助学金特定地区", "DesignatedArea");
    public static readonly AuditAction DesignatedAreaUpdated = new(951, "aid_designated_area.updated", "修改国家助学金特定地区", "DesignatedArea");
}
