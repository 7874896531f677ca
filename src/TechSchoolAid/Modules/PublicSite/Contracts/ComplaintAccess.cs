using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Modules.PublicSite.Contracts;

/// <summary>Who may do what with the public's consultations and complaints and the public information (PUB-1), declared once and evaluated only through <see cref="Access"/>.</summary>
public static class ComplaintAccess
{
    /// <summary>Read and answer the consultations and complaints routed to the own organisation or below it.</summary>
    public static readonly AccessRule Handle = new("handle", Permission.HandleComplaints, Relation.InScope, "您的角色不能处理咨询投诉");
}
