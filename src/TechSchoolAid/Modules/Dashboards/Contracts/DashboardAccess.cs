using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Modules.Dashboards.Contracts;

/// <summary>
/// Who may open the overview of a scope (RPT-1), declared once and evaluated only through <see cref="Access"/>. The
/// overview is the home page of the ministry, a province and a city: it breaks every figure down by the level below.
/// A school has no level below it; its home page stays the to-do panel, and the API answers it 403 (docs/adr/0023-dashboards.md).
/// </summary>
public static class DashboardAccess
{
    /// <summary>Read the overview of the own scope and export its tables: ministry, province and city staff.</summary>
    public static readonly AccessRule View = new("view", Permission.ViewStudents, Relation.InScope,
        "只有部、省、市人社部门的工作人员可以查看辖区工作概览（学校请查看首页待办事项）", OrgLevel.Ministry, OrgLevel.Province, OrgLevel.City);
}
