using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Calendar;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.StatusChanges.Domain;

namespace TechSchoolAid.Modules.StatusChanges.Features;

/// <summary>STA-2's due date: the occurrence date plus the policy's working days, on the one official calendar.</summary>
public sealed class StatusChangeDeadlines(TsaDbContext db, WorkingDays workingDays)
{
    /// <summary>Days left at or below which a change is "due soon".</summary>
    public const int DueSoonWorkingDays = 3;

    public async Task<DateOnly> DueDateAsync(DateOnly occurredOn, CancellationToken ct)
    {
        var policies = await db.Set<StatusChangePolicy>().AsNoTracking().ToListAsync(ct);
        var days = policies.Where(p => p.AppliesTo(occurredOn)).OrderByDescending(p => p.ValidFrom).Select(p => p.WorkingDays).FirstOrDefault();
        return workingDays.AddWorkingDays(occurredOn, days > 0 ? days : 10);
    }

    /// <summary>The last due date that still counts as "due soon" today.</summary>
    public DateOnly DueSoonUntil(DateOnly today) => workingDays.AddWorkingDays(today, DueSoonWorkingDays);
}

/// <summary>Who may do what to a change: written once, used by the handlers, the pages and the to-do list.</summary>
public static class StatusChangeRights
{
    /// <summary>The school's records staff, acting for their own school.</summary>
    public static bool IsSchoolClerkOf(Actor actor, string changePath) =>
        actor.Can(Permission.ManageStatusChanges) && actor.Level == OrgLevel.School && actor.ScopePath == changePath;

    /// <summary>
    /// The approver of a change: the school's direct supervising authority (city for 市管, province for 省管) for the kinds
    /// that need it; the school administrator for the school's own kinds.
    /// </summary>
    public static bool IsApproverOf(Actor actor, StatusChange c) =>
        actor.Can(Permission.ApproveStatusChanges) && (c.RequiresAuthority
            ? actor.Level != OrgLevel.School && ScopePaths.ParentOf(c.ScopePath) == actor.ScopePath
            : actor.Level == OrgLevel.School && actor.ScopePath == c.ScopePath);

    /// <summary>Undo is always the authority's: it reverses a decision already in force.</summary>
    public static bool IsAuthorityOf(Actor actor, string changePath) =>
        actor.Can(Permission.ApproveStatusChanges) && actor.Level != OrgLevel.School && ScopePaths.ParentOf(changePath) == actor.ScopePath;

    public static void RequireClerk(Actor actor)
    {
        if (!actor.Can(Permission.ManageStatusChanges) || actor.Level != OrgLevel.School)
        {
            throw AppException.Forbidden("只有学校学籍管理人员可以办理学籍异动");
        }
    }

    public static void RequireApproverRole(Actor actor)
    {
        if (!actor.Can(Permission.ApproveStatusChanges))
        {
            throw AppException.Forbidden("只有主管部门审核人员或学校管理员可以审批学籍异动");
        }
    }

    public static string ApproverText(StatusChange c) => c.RequiresAuthority
        ? "该异动应由学校的主管部门（市管学校为市级、省管学校为省级）审批"
        : $"「{c.Kind.ToChinese()}」由学校管理员审批";
}
