namespace TechSchoolAid.Modules.Inspections.Contracts;

/// <summary>A conclusion on one checklist item (自查 and findings alike).</summary>
public enum Conclusion
{
    Compliant = 1,      // 符合
    PartlyCompliant = 2, // 基本符合
    NonCompliant = 3,   // 不符合
}

public enum PlanState
{
    Draft = 1,     // 草拟
    Confirmed = 2, // 已确认
}

/// <summary>Why a school is in the plan.</summary>
public enum EntryReason
{
    ProvinceManaged = 1, // 省管学校，每年必查
    ThreeYearRule = 2,   // 前两年未检查，三年内必查
    Risk = 3,            // 按风险排序选入
    AddedByProvince = 4, // 省级调整增加
}

public enum VisitKind
{
    Planned = 1,   // 计划内检查
    SpotCheck = 2, // 部级抽查
}

public enum RectificationState
{
    Open = 1,     // 待整改
    Answered = 2, // 已报送，待验收
    Closed = 3,   // 已验收关闭
    Returned = 4, // 退回重做
}

public static class InspectionText
{
    public static string ToChinese(this Conclusion c) => c switch
    {
        Conclusion.Compliant => "符合",
        Conclusion.PartlyCompliant => "基本符合",
        _ => "不符合",
    };

    public static string ToChinese(this PlanState s) => s == PlanState.Confirmed ? "已确认" : "草拟";

    public static string ToChinese(this EntryReason r) => r switch
    {
        EntryReason.ProvinceManaged => "省管学校，每年必查",
        EntryReason.ThreeYearRule => "前两年未检查，今年必查",
        EntryReason.Risk => "按风险选入",
        _ => "省级调整增加",
    };

    public static string ToChinese(this VisitKind k) => k == VisitKind.SpotCheck ? "部级抽查" : "计划内检查";

    public static string ToChinese(this RectificationState s) => s switch
    {
        RectificationState.Open => "待整改",
        RectificationState.Answered => "待验收",
        RectificationState.Closed => "已关闭",
        _ => "退回重做",
    };
}
