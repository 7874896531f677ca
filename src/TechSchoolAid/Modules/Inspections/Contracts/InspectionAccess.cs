using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Modules.Inspections.Contracts;

/// <summary>Who may do what with inspections (INS-1), declared once and evaluated only through <see cref="Access"/>.</summary>
public static class InspectionAccess
{
    /// <summary>Read plans, visits, findings and coverage: every staff role, within the scope (a school sees its own).</summary>
    public static readonly AccessRule View = new("view", Permission.ViewStudents, Relation.InScope, "您的角色不能查看检查工作");
}
