using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Modules.Accounts.Contracts;

/// <summary>
/// Who may manage accounts (ORG-3), declared once (ADR 0017). Which roles an administrator may create at which level is
/// the account's own rule (AccountRules.CanCreateIn), applied after these.
/// </summary>
public static class AccountAccess
{
    public static readonly AccessRule View = new("view", Permission.ManageAccounts, Relation.InScope, "只有管理员可以查看账号") { SystemMayAct = true };

    public static readonly AccessRule Create = new("create", Permission.ManageAccounts, Relation.InScope, "您的角色不能创建账号") { SystemMayAct = true };

    public static readonly AccessRule Manage = new("manage", Permission.ManageAccounts, Relation.InScope, "您的角色不能管理账号") { SystemMayAct = true };

    /// <summary>ORG-4: accounts are made one level down — an administrator manages the accounts of its direct subordinates…</summary>
    public static readonly AccessRule ManageBelow = new("manage", Permission.ManageAccounts, Relation.DirectSupervisor, "只能为直属下级机构创建账号") { SystemMayAct = true };

    /// <summary>…and the staff (not the administrators) of its own organisation.</summary>
    public static readonly AccessRule ManageOwnStaff = new("manage", Permission.ManageAccounts, Relation.OwnOrganization, "不能为本级机构创建管理员账号，应由上级创建") { SystemMayAct = true };
}
