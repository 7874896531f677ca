using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Modules.Calendar.Contracts;

/// <summary>Who may maintain the one official working-day calendar (ADR 0017).</summary>
public static class CalendarAccess
{
    public static readonly AccessRule Manage = new("manage", Permission.ManageCalendar, Relation.InScope, "只有部级管理员可以维护工作日历") { SystemMayAct = true };
}
