using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Modules.PublicSite.Contracts;

/// <summary>Who may do what with the public's consultations and complaints and the public information (PUB-1), declared once and evaluated only through <see cref="Access"/>.</summary>
public static class ComplaintAccess
{
    /// <summary>Read and answer the consultations and complaints routed to the own organisation or below it.</summary>
    public static readonly AccessRule Handle = new("handle", Permission.HandleComplaints, Relation.InScope, "您的角色不能处理咨询投诉");

    /// <summary>Pass a complaint to another organisation within the own scope (a province to a school, a city to the right school), with a reason.</summary>
    public static readonly AccessRule Transfer = new("transfer", Permission.HandleComplaints, Relation.InScope, "您的角色不能转办咨询投诉");

    /// <summary>Keep the own organisation's hotline, address, hours and email: the province for the province, the ministry for its own line.</summary>
    public static readonly AccessRule ManageHotline = new("manage-hotline", Permission.ManagePublicInfo, Relation.OwnOrganization,
        "只有省级或部级管理员可以维护本单位的咨询投诉电话", OrgLevel.Province, OrgLevel.Ministry);

    /// <summary>Set the answer deadlines (working days per kind, dated, with their source): national policy data, the ministry's.</summary>
    public static readonly AccessRule SetDeadlines = new("set-deadlines", Permission.ManagePublicInfo, Relation.InScope,
        "只有部级管理员可以设定咨询投诉答复时限", OrgLevel.Ministry);

    /// <summary>The scheduled escalation of overdue complaints, run as the system actor for the whole country.</summary>
    public static readonly AccessRule Escalate = new("escalate", Permission.HandleComplaints, Relation.InScope, "只有系统定时任务可以逐级上报逾期的咨询投诉", OrgLevel.Ministry)
    {
        SystemMayAct = true,
    };
}
