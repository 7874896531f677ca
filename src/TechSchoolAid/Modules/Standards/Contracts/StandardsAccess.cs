using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Modules.Standards.Contracts;

/// <summary>Who may do what with the schools' aid standards and brochures (INS-2, PUB-2), declared once and evaluated only through <see cref="Access"/>.</summary>
public static class StandardsAccess
{
    /// <summary>Read aid rules, staff, trainings and brochures: every staff role, within the scope.</summary>
    public static readonly AccessRule View = new("view", Permission.ViewStudents, Relation.InScope, "您的角色不能查看资助工作规范化管理");
}
