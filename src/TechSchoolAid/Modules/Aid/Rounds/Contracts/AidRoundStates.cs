namespace TechSchoolAid.Modules.Aid.Rounds.Contracts;

/// <summary>Where a school's list for one item and term stands (AID-5). Numbers are stored: never renumber.</summary>
public enum AidRoundState
{
    Draft = 1,     // 拟定中
    Published = 2, // 校内公示
    Submitted = 3, // 已报送，待审核
    Returned = 4,  // 已退回
    Reviewed = 5,  // 审核完成
}

/// <summary>One student's line in a round. Numbers are stored: never renumber.</summary>
public enum AidEntryState
{
    Proposed = 1, // 拟资助
    Approved = 2, // 审核通过
    Rejected = 3, // 审核不通过
    Withdrawn = 4, // 学校撤出名单（异议成立等）
}

/// <summary>The direct supervisor's decision on a submitted list.</summary>
public enum AidReviewDecision
{
    Approve = 1, // 审核通过
    Reject = 2,  // 审核不通过（逐个学生）
    Return = 3,  // 整单退回学校
}

public static class AidRoundTexts
{
    public static string ToChinese(this AidRoundState s) => s switch
    {
        AidRoundState.Draft => "拟定中",
        AidRoundState.Published => "校内公示",
        AidRoundState.Submitted => "待审核",
        AidRoundState.Returned => "已退回",
        _ => "审核完成",
    };

    public static string ToChinese(this AidEntryState s) => s switch
    {
        AidEntryState.Proposed => "拟资助",
        AidEntryState.Approved => "审核通过",
        AidEntryState.Rejected => "审核不通过",
        _ => "已撤出",
    };
}
