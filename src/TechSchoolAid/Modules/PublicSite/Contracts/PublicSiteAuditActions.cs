using TechSchoolAid.Modules.Audit.Contracts;

namespace TechSchoolAid.Modules.PublicSite.Contracts;

/// <summary>
/// The audit actions of the public site and the public's consultations and complaints (PUB-1), block 1600: 1600–1639
/// complaints, 1640–1669 hotlines and deadlines. The codes are sealed in the chain: never change them.
/// </summary>
[AuditCatalogue("政策公开与咨询投诉", 1600)]
public static class PublicSiteAuditActions
{
    public const string Complaint = "Complaint";
    public const string Hotline = "Hotline";
    public const string Deadline = "ComplaintDeadline";

    // 1600–1639 complaints
    public static readonly AuditAction ComplaintFiled = new(1600, "complaint.filed", "公众提交咨询投诉", Complaint);
    public static readonly AuditAction ComplaintAnswered = new(1601, "complaint.answered", "答复咨询投诉", Complaint);
    public static readonly AuditAction ComplaintTransferred = new(1602, "complaint.transferred", "转办咨询投诉", Complaint);
    public static readonly AuditAction ComplaintEscalated = new(1603, "complaint.escalated", "逾期咨询投诉逐级上报", Complaint);
    public static readonly AuditAction EscalationRun = new(1604, "complaint.escalation_run", "逾期咨询投诉上报定时任务", Complaint);

    // 1640–1669 hotlines and deadlines
    public static readonly AuditAction HotlineSet = new(1640, "hotline.set", "维护咨询投诉电话", Hotline);
    public static readonly AuditAction DeadlineSet = new(1641, "complaint_deadline.set", "设定咨询投诉答复时限", Deadline);
}
