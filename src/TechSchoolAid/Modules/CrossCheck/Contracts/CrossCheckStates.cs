namespace TechSchoolAid.Modules.CrossCheck.Contracts;

/// <summary>Where a duplicate was seen. Numbers are stored: never renumber.</summary>
public enum CrossCheckKind
{
    MinistryMatch = 1,     // CHK-1 教育部名单比对
    InternalDuplicate = 2, // CHK-2 本系统内重复资助
}

/// <summary>A case's state. Numbers are stored: never renumber.</summary>
public enum CrossCheckCaseState
{
    Open = 1,        // 待清理
    Kept = 2,        // 保留（对方数据有误）
    Withdrawn = 3,   // 本校撤销资助
    Transferred = 4, // 已转学（由转入/转出学校享受）
}

/// <summary>What the school's aid staff decide when clearing a case.</summary>
public enum ClearanceAction
{
    Keep = 1,
    WithdrawHere = 2,
    Transferred = 3,
}

public static class CrossCheckTexts
{
    public static string ToChinese(this CrossCheckKind k) => k == CrossCheckKind.MinistryMatch ? "教育部名单比对" : "系统内重复资助";

    public static string ToChinese(this CrossCheckCaseState s) => s switch
    {
        CrossCheckCaseState.Open => "待清理",
        CrossCheckCaseState.Kept => "保留（对方有误）",
        CrossCheckCaseState.Withdrawn => "本校已撤销",
        _ => "已转学",
    };

    public static string ToChinese(this ClearanceAction a) => a switch
    {
        ClearanceAction.Keep => "保留（对方有误）",
        ClearanceAction.WithdrawHere => "本校撤销资助",
        _ => "已转学",
    };
}
