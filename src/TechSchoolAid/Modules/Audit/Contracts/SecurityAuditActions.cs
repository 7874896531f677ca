namespace TechSchoolAid.Modules.Audit.Contracts;

/// <summary>What the audit and key-management operations record (block 300, ADR 0017). Codes are sealed in the chain: never change one.</summary>
[AuditCatalogue("审计与密钥", 300)]
public static class SecurityAuditActions
{
    public static readonly AuditAction KeysRotated = new(301, "security.keys_rotated", "轮换个人信息加密密钥", "KeyRotation");
    public static readonly AuditAction KeysRotationBatch = new(302, "security.keys_rotation_batch", "密钥轮换（分批重新加密）", "KeyRotation");
}
