namespace TechSchoolAid.Modules.Organizations.Contracts;

public enum SchoolKind
{
    TechnicianCollege = 1,   // 技师学院
    SeniorTechnicalSchool = 2, // 高级技工学校
    TechnicalSchool = 3,     // 技工学校
}

public enum Ownership
{
    Public = 1,  // 公办
    Private = 2, // 民办
}

public enum ManagedBy
{
    Province = 1, // 省管
    City = 2,     // 市管
}

public static class OrganizationText
{
    public static string ToChinese(this SchoolKind kind) => kind switch
    {
        SchoolKind.TechnicianCollege => "技师学院",
        SchoolKind.SeniorTechnicalSchool => "高级技工学校",
        _ => "技工学校",
    };

    public static string ToChinese(this Ownership ownership) => ownership == Ownership.Public ? "公办" : "民办";

    public static string ToChinese(this ManagedBy managedBy) => managedBy == ManagedBy.Province ? "省管" : "市管";
}
