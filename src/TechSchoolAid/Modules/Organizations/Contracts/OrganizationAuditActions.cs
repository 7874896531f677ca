using TechSchoolAid.Modules.Audit.Contracts;

namespace TechSchoolAid.Modules.Organizations.Contracts;

/// <summary>What the Organizations module records in the audit chain (block 100, ADR 0017). Codes are sealed in the chain: never change one.</summary>
[AuditCatalogue("机构", 100)]
public static class OrganizationAuditActions
{
    public static readonly AuditAction SchoolsBulkLoaded = new(101, "schools.bulk_loaded", "批量载入学校名录", "Organization");
}
