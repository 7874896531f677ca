using TechSchoolAid.Modules.Audit.Contracts;

namespace TechSchoolAid.Modules.Organizations.Contracts;

/// <summary>What the Organizations module records in the audit chain (block 100, ADR 0017). Codes are sealed in the chain: never change one.</summary>
[AuditCatalogue("机构", 100)]
public static class OrganizationAuditActions
{
    public static readonly AuditAction SchoolsBulkLoaded = new(101, "schools.bulk_loaded", "批量载入学校名录", "Organization");

    public static readonly AuditAction SchoolCreated = new(102, "school.created", "新建学校", "Organization");

    public static readonly AuditAction SchoolEdited = new(103, "school.edited", "修改学校信息", "Organization");

    public static readonly AuditAction TuitionRecorded = new(104, "school.tuition_recorded", "登记学校核定学费标准", "SchoolTuition");

    public static readonly AuditAction TuitionCorrected = new(105, "school.tuition_corrected", "更正学校核定学费标准", "SchoolTuition");

    public static readonly AuditAction ComparableTuitionRecorded = new(106, "comparable_tuition.recorded", "登记同类型公办学校学费标准", "ComparableTuition");

    public static readonly AuditAction ComparableTuitionCorrected = new(107, "comparable_tuition.corrected", "更正同类型公办学校学费标准", "ComparableTuition");
}
