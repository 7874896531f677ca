using TechSchoolAid.Kernel.Identity;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Modules.Students.Contracts;

/// <summary>
/// Whether the major is a performing-arts one (AID-4: excluded from the tuition waiver, traditional opera excepted).
/// Numbers are stored: never renumber.
/// </summary>
public enum MajorArts
{
    None = 0,             // 非表演艺术类
    PerformingArts = 1,   // 艺术类表演专业
    TraditionalOpera = 2, // 戏曲表演专业
}

/// <summary>
/// What a clerk enters for a new student (ENR-1), from the form, the API or one import row. Everything is optional here
/// so that the validator, not the JSON binder, says in Chinese what is missing.
/// </summary>
public sealed class StudentInput
{
    public string? Name { get; set; }

    public IdDocumentType? DocumentType { get; set; }

    public string? IdNumber { get; set; }

    public DateOnly? BirthDate { get; set; }

    public Sex? Sex { get; set; }

    public string? Ethnicity { get; set; }

    public Household? Household { get; set; }

    public string? HouseholdCountyCode { get; set; }

    /// <summary>The major's code in the national major catalogue (ADR 0025); sets the major's name and its 涉农 / 表演艺术 flags.</summary>
    public string? MajorCode { get; set; }

    /// <summary>Without <see cref="MajorCode"/>: the catalogue's exact name, or "code name" as the import template writes it.</summary>
    public string? Major { get; set; }

    /// <summary>涉农: set by the catalogue entry; a value that contradicts the entry is refused.</summary>
    public bool? MajorIsAgricultural { get; set; }

    /// <summary>艺术类表演专业 / 戏曲表演专业 (AID-4): set by the catalogue entry; a value that contradicts the entry is refused.</summary>
    public MajorArts? MajorArts { get; set; }

    public TrainingLevel? TrainingLevel { get; set; }

    public EntryEducation? EntryEducation { get; set; }

    public int? SchoolingYears { get; set; }

    public bool? IsFullTime { get; set; }

    public int? IntakeYear { get; set; }

    public IntakeSeason? IntakeSeason { get; set; }

    public DateOnly? EnrolmentDate { get; set; }

    public string? ClassName { get; set; }

    public string? Phone { get; set; }

    public string? GuardianName { get; set; }

    public string? GuardianPhone { get; set; }

    public bool? PaperFileMade { get; set; }
}

public static class StudentText
{
    public static string ToChinese(this IntakeSeason s) => s == IntakeSeason.Spring ? "春季" : "秋季";

    public static string ToChinese(this Household h) => h switch
    {
        Household.Rural => "农村",
        Household.CountyTown => "县镇",
        _ => "城市",
    };

    public static string ToChinese(this TrainingLevel t) => t switch
    {
        TrainingLevel.Intermediate => "中级工",
        TrainingLevel.Senior => "高级工",
        _ => "预备技师",
    };

    public static string ToChinese(this MajorArts a) => a switch
    {
        MajorArts.PerformingArts => "艺术类表演专业",
        MajorArts.TraditionalOpera => "戏曲表演专业",
        _ => "否",
    };

    public static string ToChinese(this EntryEducation e) => e == EntryEducation.JuniorMiddle ? "初中" : "高中";

    public static string ToChinese(this RegistrationState s) => s switch
    {
        RegistrationState.Collected => "已采集",
        RegistrationState.Submitted => "待审核",
        RegistrationState.Returned => "已退回",
        _ => "审核通过",
    };

    public static string Intake(int year, IntakeSeason season) => $"{year}年{season.ToChinese()}";

    /// <summary>The 56 ethnic groups of GB/T 3304, plus the two entries it has for other cases.</summary>
    public static readonly IReadOnlyList<string> Ethnicities =
    [
        "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族", "满族", "侗族", "瑶族", "白族",
        "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族", "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族",
        "景颇族", "柯尔克孜族", "土族", "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族",
        "普米族", "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族", "京族", "塔塔尔族",
        "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族", "其他", "外国血统中国籍人士",
    ];
}
