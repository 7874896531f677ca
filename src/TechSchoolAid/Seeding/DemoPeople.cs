namespace TechSchoolAid.Seeding;

/// <summary>
/// The demo accounts' people: a distinct, ordinary Chinese name per account, the same on every run (issue 13, item 8:
/// lists show "王芳 · 广州市华信技师学院", not "school-44010004-records").
/// </summary>
public static class DemoPeople
{
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高", "梁", "郑", "谢", "宋", "唐"];

    private static readonly string[] GivenNames = ["芳", "伟", "敏", "静", "丽娟", "强", "磊", "军", "洋", "勇", "艳", "杰", "秀英", "涛", "明", "超", "海燕", "霞", "平", "建华", "志强", "晓东", "文静", "国庆", "红梅", "永刚", "丽萍", "春梅", "建军", "玉兰"];

    /// <summary>The name of the <paramref name="index"/>-th demo account (distinct for the first 750).</summary>
    public static string NameFor(int index) =>
        Surnames[index % Surnames.Length] + GivenNames[(index / Surnames.Length + (7 * (index % Surnames.Length))) % GivenNames.Length];
}
