using TechSchoolAid.Modules.Audit.Contracts;

namespace TechSchoolAid.Modules.Students.Contracts;

/// <summary>What the major catalogue records in the audit chain (block 1900, ADR 0025). Codes are sealed in the chain: never change one.</summary>
[AuditCatalogue("专业目录", 1900)]
public static class MajorCatalogueAuditActions
{
    public static readonly AuditAction EditionLoaded = new(1901, "major_catalogue.edition_loaded", "导入专业目录版本", "MajorCatalogueEdition");
}
