using TechSchoolAid.Modules.Audit.Contracts;

namespace TechSchoolAid.Modules.Accounts.Contracts;

/// <summary>What the Accounts module records in the audit chain (block 200, ADR 0017). Codes are sealed in the chain: never change one.</summary>
[AuditCatalogue("账号", 200)]
public static class AccountAuditActions
{
    public static readonly AuditAction Created = new(201, "account.created", "创建账号", "Account");
    public static readonly AuditAction Disabled = new(202, "account.disabled", "停用账号", "Account");
    public static readonly AuditAction Enabled = new(203, "account.enabled", "启用账号", "Account");
    public static readonly AuditAction SignedIn = new(204, "account.signed_in", "登录", "Account");
    public static readonly AuditAction SignInFailed = new(205, "account.sign_in_failed", "登录失败", "Account");
    public static readonly AuditAction TwoFactorEnrolled = new(206, "account.two_factor_enrolled", "绑定身份验证器（双因素认证）", "Account");
    public static readonly AuditAction TwoFactorReset = new(207, "account.two_factor_reset", "重置双因素认证", "Account");
    public static readonly AuditAction RecoveryCodeUsed = new(208, "account.recovery_code_used", "使用备用验证码登录", "Account");
}
