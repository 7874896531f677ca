namespace TechSchoolAid.Modules.PublicSite.Contracts;

/// <summary>What the public sends: a question about the policy (咨询) or a complaint about how it was applied (投诉).</summary>
public enum ComplaintKind
{
    Consultation = 1,
    Complaint = 2,
}

/// <summary>Where a consultation or complaint stands.</summary>
public enum ComplaintStatus
{
    Open = 1,
    Answered = 2,
}

public static class ComplaintText
{
    public static string ToChinese(this ComplaintKind kind) => kind == ComplaintKind.Consultation ? "咨询" : "投诉";

    public static string ToChinese(this ComplaintStatus status) => status == ComplaintStatus.Open ? "办理中" : "已答复";
}
