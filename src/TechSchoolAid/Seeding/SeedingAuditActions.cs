using TechSchoolAid.Modules.Audit.Contracts;

namespace TechSchoolAid.Seeding;

/// <summary>What seeding records in the audit chain (block 1300, ADR 0017): demo data and the generated national data set.</summary>
[AuditCatalogue("演示与全国数据", 1300)]
public static class SeedingAuditActions
{
    public static readonly AuditAction DemoSeeded = new(1301, "demo.seeded", "生成演示数据", "Demo");
    public static readonly AuditAction StatusChangesSeeded = new(1302, "demo.status_changes_seeded", "生成演示学籍异动", "Demo");
    public static readonly AuditAction GraduationSeeded = new(1303, "demo.graduation_seeded", "生成演示毕业数据", "Demo");
    public static readonly AuditAction NationalAidGenerated = new(1310, "aid.national_generated", "生成全国资助测试数据", "AidRound");
}
