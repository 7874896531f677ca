using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Modules.Reports.Contracts;

/// <summary>Who may do what with the yearly report and the ministry's data requests (RPT-1), declared once and evaluated only through <see cref="Access"/>.</summary>
public static class ReportAccess
{
    /// <summary>Read the yearly reports and data requests of the scope: the ministry and the provinces.</summary>
    public static readonly AccessRule View = new("view", Permission.ViewStudents, Relation.InScope, "只有部级和省级人员可以查看年度报告和数据报送",
        OrgLevel.Ministry, OrgLevel.Province);

    /// <summary>Submit the own province's yearly report (frozen, hashed): the province's administrator.</summary>
    public static readonly AccessRule Submit = new("submit", Permission.SubmitReports, Relation.OwnOrganization,
        "只有省级管理员可以报送本省的年度报告", OrgLevel.Province);

    /// <summary>Return a submitted report to its province (the only way a province may submit again), set the yearly deadline: the ministry's administrator.</summary>
    public static readonly AccessRule Review = new("return", Permission.ManageDataRequests, Relation.InScope,
        "只有部级管理员可以退回省级年度报告或设定报送期限", OrgLevel.Ministry);

    /// <summary>Send, close and export data requests: the ministry's administrator.</summary>
    public static readonly AccessRule ManageRequests = new("manage", Permission.ManageDataRequests, Relation.InScope,
        "只有部级管理员可以发起、关闭和导出数据报送通知", OrgLevel.Ministry);

    /// <summary>Answer (and correct the answer to) a data request sent to the own province: the province's administrator.</summary>
    public static readonly AccessRule Answer = new("answer", Permission.SubmitReports, Relation.OwnOrganization,
        "只有省级管理员可以填报本省的数据报送", OrgLevel.Province);
}
