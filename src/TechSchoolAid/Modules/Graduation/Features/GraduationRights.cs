using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Modules.Graduation.Features;

/// <summary>
/// Who may do what in GRD-1, written once. Graduation is the last status change of a record, so it uses the status-change
/// permissions: the school's records staff assess and submit; the school's direct supervising authority (the parent in
/// the scope path: the city for 市管, the province for 省管) approves, returns and upgrades (docs/adr/0008-certificates.md).
/// </summary>
public static class GraduationRights
{
    public static bool IsClerkOf(Actor actor, string schoolPath) =>
        actor.Can(Permission.ManageStatusChanges) && actor.Level == OrgLevel.School && actor.ScopePath == schoolPath;

    public static bool IsReviewerOf(Actor actor, string schoolPath) =>
        actor.Can(Permission.ApproveStatusChanges) && actor.Level is OrgLevel.City or OrgLevel.Province && ScopePaths.ParentOf(schoolPath) == actor.ScopePath;

    public static void RequireClerk(Actor actor)
    {
        if (!actor.Can(Permission.ManageStatusChanges) || actor.Level != OrgLevel.School)
        {
            throw AppException.Forbidden("只有学校学籍管理人员可以办理毕业评定");
        }
    }

    public static void RequireReviewerRole(Actor actor)
    {
        if (!actor.Can(Permission.ApproveStatusChanges) || actor.Level is not (OrgLevel.City or OrgLevel.Province))
        {
            throw AppException.Forbidden("只有学校的主管部门（市管学校为市级、省管学校为省级）可以审核毕业名单");
        }
    }

    public static AppException NotSupervisor() =>
        AppException.Forbidden("只有该校的直接主管部门（市管学校为市级、省管学校为省级）可以审核毕业名单、换发证书");
}
