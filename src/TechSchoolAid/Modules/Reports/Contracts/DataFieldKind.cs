namespace TechSchoolAid.Modules.Reports.Contracts;

/// <summary>What a field of a data request takes (RPT-1). Numbers are stored: never renumber.</summary>
public enum DataFieldKind
{
    Number = 1, // 数字
    Text = 2,   // 文字
    Date = 3,   // 日期
    File = 4,   // 文件（PDF、JPG、PNG）
}
