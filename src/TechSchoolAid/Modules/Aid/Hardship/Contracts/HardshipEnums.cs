using TechSchoolAid.Modules.Aid.Contracts;

namespace TechSchoolAid.Modules.Aid.Hardship.Contracts;

/// <summary>AID-1 levels (教财〔2018〕16号). Numbers are stored: never renumber.</summary>
public enum HardshipLevel
{
    Extreme = 1,       // 特别困难
    Hardship = 2,      // 困难
    Moderate = 3,      // 一般困难
    NotIdentified = 4, // 不认定
}

/// <summary>AID-2 priority groups (重点保障). Stored as bit flags.</summary>
[Flags]
public enum PriorityGroups
{
    None = 0,
    FormerlyRegisteredPoor = 1, // 原建档立卡/脱贫家庭
    MinimumLivingAllowance = 2, // 低保
    Destitute = 4,              // 特困供养
    Orphan = 8,                 // 孤儿
    MartyrChild = 16,           // 烈士子女
    Disabled = 32,              // 残疾学生/残疾人子女
}

/// <summary>AID-2 watch groups (关注并纳入). Stored as bit flags.</summary>
[Flags]
public enum WatchGroups
{
    None = 0,
    AtRiskOfPoverty = 1,       // 边缘易致贫/防止返贫监测
    SevereIllnessDisaster = 2, // 因病因灾因意外严重困难
}

/// <summary>Where an assessment stands. Numbers are stored: never renumber.</summary>
public enum HardshipState
{
    Applied = 1,       // 已申请
    PanelReviewed = 2, // 班级已评议
    Decided = 3,       // 学校已认定
    Published = 4,     // 公示中/已公示
    Archived = 5,      // 已归档
}

public static class HardshipTexts
{
    public static string ToChinese(this HardshipLevel l) => l switch
    {
        HardshipLevel.Extreme => "特别困难",
        HardshipLevel.Hardship => "困难",
        HardshipLevel.Moderate => "一般困难",
        _ => "不认定",
    };

    public static string ToChinese(this HardshipState s) => s switch
    {
        HardshipState.Applied => "已申请",
        HardshipState.PanelReviewed => "班级已评议",
        HardshipState.Decided => "学校已认定",
        HardshipState.Published => "已公示",
        _ => "已归档",
    };

    public static string ToChinese(this PriorityGroups g) => g switch
    {
        PriorityGroups.FormerlyRegisteredPoor => "原建档立卡/脱贫家庭",
        PriorityGroups.MinimumLivingAllowance => "低保家庭",
        PriorityGroups.Destitute => "特困供养",
        PriorityGroups.Orphan => "孤儿",
        PriorityGroups.MartyrChild => "烈士子女",
        PriorityGroups.Disabled => "残疾学生/残疾人子女",
        _ => "无",
    };

    public static string ToChinese(this WatchGroups g) => g switch
    {
        WatchGroups.AtRiskOfPoverty => "边缘易致贫/防止返贫监测",
        WatchGroups.SevereIllnessDisaster => "因病因灾因意外严重困难",
        _ => "无",
    };

    public static string ToChinese(this Semester s) => s == Semester.Autumn ? "秋季学期" : "春季学期";

    /// <summary>"2026-2027学年".</summary>
    public static string SchoolYearText(int schoolYear) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{schoolYear}-{schoolYear + 1}学年");
}
