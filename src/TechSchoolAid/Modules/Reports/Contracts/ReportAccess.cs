using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Modules.Reports.Contracts;

/// <summary>Who may do what with the yearly report and the ministry's data requests (RPT-1), declared once and evaluated only through <see cref="Access"/>.</summary>
public static class ReportAccess
{
    /// <summary>Read the yearly reports and data requests of the scope: the ministry and the provinces.</summary>
    public static readonly AccessRule View = new("view", Permission.ViewStudents, Relation.InScope, "只有部级和省级人员可以查看年度报告和数据报送",
        OrgLevel.Ministry, OrgLevel.Province);
}
