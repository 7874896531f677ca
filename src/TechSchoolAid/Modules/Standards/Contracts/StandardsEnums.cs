namespace TechSchoolAid.Modules.Standards.Contracts;

/// <summary>The kind of an aid rule document a school adopts (资助工作制度). Stored as numbers: never renumber.</summary>
public enum AidRuleKind
{
    Management = 1,           // 资助工作管理办法
    HardshipIdentification = 2, // 家庭经济困难学生认定办法
    FundsManagement = 3,      // 资助资金管理办法
    Publicity = 4,            // 公示制度
    Other = 9,                // 其他制度
}

/// <summary>Whether a rule document is in force.</summary>
public enum AidRuleStatus
{
    Current = 1,   // 现行
    Replaced = 2,  // 已被新版本替代
    Withdrawn = 3, // 已废止
}

/// <summary>专职 or 兼职.</summary>
public enum StaffPostKind
{
    FullTime = 1,
    PartTime = 2,
}

/// <summary>The kind of a province's training.</summary>
public enum TrainingKind
{
    Policy = 1,   // 政策培训
    Business = 2, // 业务培训
    System = 3,   // 系统操作培训
    Other = 9,    // 其他
}

/// <summary>Where a staff member's training record comes from.</summary>
public enum TrainingSource
{
    Province = 1, // attended a training the province ran
    External = 2, // recorded by the school, with a certificate
}

/// <summary>Spring or autumn intake (春季/秋季招生).</summary>
public enum IntakeSeason
{
    Spring = 1,
    Autumn = 2,
}

/// <summary>The state of a brochure.</summary>
public enum BrochureStatus
{
    Draft = 1,     // 未提交
    Submitted = 2, // 待审核
    Approved = 3,  // 已通过
    Returned = 4,  // 已退回
}

/// <summary>The Chinese names of the module's enums.</summary>
public static class StandardsText
{
    public static string ToChinese(this AidRuleKind kind) => kind switch
    {
        AidRuleKind.Management => "资助工作管理办法",
        AidRuleKind.HardshipIdentification => "家庭经济困难学生认定办法",
        AidRuleKind.FundsManagement => "资助资金管理办法",
        AidRuleKind.Publicity => "资助公示制度",
        _ => "其他资助工作制度",
    };

    public static string ToChinese(this AidRuleStatus status) => status switch
    {
        AidRuleStatus.Current => "现行",
        AidRuleStatus.Replaced => "已被替代",
        _ => "已废止",
    };

    public static string ToChinese(this StaffPostKind kind) => kind == StaffPostKind.FullTime ? "专职" : "兼职";

    public static string ToChinese(this TrainingKind kind) => kind switch
    {
        TrainingKind.Policy => "政策培训",
        TrainingKind.Business => "业务培训",
        TrainingKind.System => "系统操作培训",
        _ => "其他培训",
    };

    public static string ToChinese(this TrainingSource source) => source == TrainingSource.Province ? "省级培训" : "外部培训";

    public static string ToChinese(this IntakeSeason season) => season == IntakeSeason.Spring ? "春季" : "秋季";

    public static string Intake(int year, IntakeSeason season) => $"{year}年{season.ToChinese()}";

    public static string ToChinese(this BrochureStatus status) => status switch
    {
        BrochureStatus.Draft => "未提交",
        BrochureStatus.Submitted => "待审核",
        BrochureStatus.Approved => "已通过",
        _ => "已退回",
    };
}
