namespace TechSchoolAid.Modules.Supervision.Contracts;

/// <summary>A student's result in a verification campaign (人籍一致核验, STA-3). Numbers are stored: never renumber.</summary>
public enum PresenceResult
{
    Present = 1,     // 在校
    Absent = 2,      // 不在校
    Unreachable = 3, // 联系不上
}

/// <summary>How the student was checked. Numbers are stored: never renumber.</summary>
public enum PresenceMethod
{
    OnSite = 1,         // 现场核查
    RemoteRollCall = 2, // 远程点名
}

public enum CampaignState
{
    Open = 1,   // 进行中
    Closed = 2, // 已结束
}

/// <summary>Why a record is flagged as possibly hanging (疑似空挂学籍). Numbers are stored: never renumber.</summary>
public enum HangingReason
{
    AbsentInCampaign = 1,      // 核验不在校
    UnreachableInCampaign = 2, // 核验联系不上
    NoActivity = 3,            // 长期无学籍活动
    PastExpectedGraduation = 4, // 超过预计毕业日期
}

/// <summary>Open (the school must answer) → Answered (the supervisor reviews) → Accepted, or back to Open; Cleared when its cause went away before an answer.</summary>
public enum HangingFlagState
{
    Open = 1,     // 待学校说明
    Answered = 2, // 待主管部门审核
    Accepted = 3, // 说明已认可
    Cleared = 4,  // 已消除（复核在校）
}

/// <summary>STA-4's measures against a school. Numbers are stored: never renumber.</summary>
public enum MeasureKind
{
    Interview = 1,    // 约谈
    Warning = 2,      // 警告
    PublicNotice = 3, // 通报
}

/// <summary>Open (rectification pending, if required) → Rectified (the school reported) → Closed by the authority.</summary>
public enum MeasureState
{
    Open = 1,      // 待整改
    Rectified = 2, // 已报告整改，待关闭
    Closed = 3,    // 已关闭
}

public static class SupervisionText
{
    public static string ToChinese(this PresenceResult r) => r switch
    {
        PresenceResult.Present => "在校",
        PresenceResult.Absent => "不在校",
        _ => "联系不上",
    };

    public static string ToChinese(this PresenceMethod m) => m switch
    {
        PresenceMethod.OnSite => "现场核查",
        _ => "远程点名",
    };

    public static string ToChinese(this CampaignState s) => s == CampaignState.Open ? "进行中" : "已结束";

    public static string ToChinese(this HangingReason r) => r switch
    {
        HangingReason.AbsentInCampaign => "核验不在校",
        HangingReason.UnreachableInCampaign => "核验联系不上",
        HangingReason.NoActivity => "长期无学籍活动",
        _ => "超过预计毕业日期",
    };

    public static string ToChinese(this HangingFlagState s) => s switch
    {
        HangingFlagState.Open => "待学校说明",
        HangingFlagState.Answered => "待主管部门审核",
        HangingFlagState.Accepted => "说明已认可",
        _ => "已消除",
    };

    public static string ToChinese(this MeasureKind k) => k switch
    {
        MeasureKind.Interview => "约谈",
        MeasureKind.Warning => "警告",
        _ => "通报",
    };

    public static string ToChinese(this MeasureState s) => s switch
    {
        MeasureState.Open => "待整改",
        MeasureState.Rectified => "已报告整改",
        _ => "已关闭",
    };
}
