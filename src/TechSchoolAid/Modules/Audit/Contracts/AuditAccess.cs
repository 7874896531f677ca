using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Modules.Audit.Contracts;

/// <summary>Who may read and verify the audit chain (AUD-1, ADR 0017).</summary>
public static class AuditAccess
{
    /// <summary>Administrators read the events in their scope.</summary>
    public static readonly AccessRule View = new("view", Permission.ViewAudit, Relation.InScope, "只有管理员可以查看审计日志") { SystemMayAct = true };

    /// <summary>The chain is national: only the ministry level (or the system, for the command line) may walk all of it.</summary>
    public static readonly AccessRule Verify = new("verify", Permission.ViewAudit, Relation.InScope, "只有部级管理员可以校验审计链", OrgLevel.Ministry) { SystemMayAct = true };
}
