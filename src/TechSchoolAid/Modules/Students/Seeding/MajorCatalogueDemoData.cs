using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Modules.Students.Features.Majors;

namespace TechSchoolAid.Modules.Students.Seeding;

/// <summary>
/// The demo installation's stand-in catalogue edition (ADR 0025). No entry of the ministry's 技工院校专业目录 could be
/// verified from a source when this was written, so the demo does not pretend to use its codes: the codes here start with
/// DEMO and the edition says it is not the ministry's. The names are the majors the demo and the national test data set
/// use; the flags follow the rule of the ministry's file (农业类 majors are 涉农; 食品加工与检验 is marked 涉农 explicitly).
/// </summary>
public static class MajorCatalogueDemoData
{
    public const string EditionName = "演示用专业目录（非人社部目录，代码为演示代码）";

    private static readonly (string Name, string Category, bool Agricultural, MajorArts Arts)[] Majors =
    [
        ("数控加工", "机械类", false, MajorArts.None), ("机床切削加工", "机械类", false, MajorArts.None), ("焊接加工", "机械类", false, MajorArts.None),
        ("机电一体化技术", "机械类", false, MajorArts.None), ("工业机器人应用与维护", "机械类", false, MajorArts.None),
        ("电气自动化设备安装与维修", "电工电子类", false, MajorArts.None),
        ("汽车维修", "交通类", false, MajorArts.None), ("新能源汽车检测与维修", "交通类", false, MajorArts.None), ("无人机应用技术", "交通类", false, MajorArts.None),
        ("计算机网络应用", "信息类", false, MajorArts.None), ("计算机程序设计", "信息类", false, MajorArts.None),
        ("电子商务", "商贸类", false, MajorArts.None), ("物流服务与管理", "商贸类", false, MajorArts.None), ("会计事务", "商贸类", false, MajorArts.None),
        ("烹饪（中式烹调）", "服务类", false, MajorArts.None), ("美容美发与造型", "服务类", false, MajorArts.None), ("幼儿教育", "服务类", false, MajorArts.None),
        ("酒店服务与管理", "服务类", false, MajorArts.None), ("建筑施工", "建筑类", false, MajorArts.None), ("工程测量", "建筑类", false, MajorArts.None),
        ("服装设计与制作", "轻工类", false, MajorArts.None),
        ("现代农业技术", "农业类", true, MajorArts.None), ("畜牧兽医", "农业类", true, MajorArts.None), ("园林技术", "农业类", true, MajorArts.None),
        ("农业机械使用与维护", "农业类", true, MajorArts.None), ("茶叶生产与加工", "农业类", true, MajorArts.None), ("食品加工与检验", "食品类", true, MajorArts.None),
        ("舞蹈表演", "文化艺术类", false, MajorArts.PerformingArts), ("音乐表演", "文化艺术类", false, MajorArts.PerformingArts),
        ("戏曲表演", "文化艺术类", false, MajorArts.TraditionalOpera),
    ];

    /// <summary>The demo entries, DEMO01… in the order above.</summary>
    public static IReadOnlyList<MajorCatalogueEntryInfo> Entries { get; } =
        [.. Majors.Select((m, i) => new MajorCatalogueEntryInfo(string.Create(CultureInfo.InvariantCulture, $"DEMO{i + 1:D2}"), m.Name, m.Category, m.Agricultural, m.Arts))];

    /// <summary>Adds the demo edition once, in force since 2000 so that every demo and test date finds it; returns today's view.</summary>
    public static async Task<MajorCatalogueView> EnsureAsync(TsaDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Set<MajorCatalogueEdition>().AnyAsync(e => e.Name == EditionName, ct))
        {
            return await MajorCatalogues.InForceAsync(db, clock.Today(), ct);
        }

        var edition = new MajorCatalogueEdition(Guid.CreateVersion7(), EditionName, new DateOnly(2000, 1, 1),
            "演示数据：专业名称取自演示与全国测试数据集，代码为演示代码；正式使用前由部级管理员导入人社部发布的《技工院校专业目录》", true, "system", clock.GetUtcNow().UtcDateTime);
        db.Add(edition);
        foreach (var e in Entries)
        {
            db.Add(edition.Add(e));
        }

        await db.SaveChangesAsync(ct);
        return await MajorCatalogues.InForceAsync(db, clock.Today(), ct);
    }
}
