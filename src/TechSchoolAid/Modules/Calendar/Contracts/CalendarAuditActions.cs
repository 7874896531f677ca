using TechSchoolAid.Modules.Audit.Contracts;

namespace TechSchoolAid.Modules.Calendar.Contracts;

/// <summary>What the Calendar module records in the audit chain (block 400, ADR 0017). Codes are sealed in the chain: never change one.</summary>
[AuditCatalogue("工作日历", 400)]
public static class CalendarAuditActions
{
    public static readonly AuditAction Imported = new(401, "calendar.imported", "导入节假日安排", "Calendar");
}
