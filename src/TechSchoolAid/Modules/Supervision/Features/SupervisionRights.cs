using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Modules.Supervision.Features;

/// <summary>Who may do what in supervision (docs/adr/0007-supervision.md): written once, used by handlers, pages and the to-do list.</summary>
public static class SupervisionRights
{
    /// <summary>"省级" for a 省管 school (its path hangs under the province), "市级" for a 市管 one.</summary>
    public static string SupervisorLevelText(string schoolPath) => ScopePaths.ParentOf(schoolPath).Count(c => c == '/') <= 2 ? "省级" : "市级";

    public static bool IsAuthority(Actor actor) => actor.Level is OrgLevel.City or OrgLevel.Province;

    /// <summary>The school's direct supervising authority, with the given permission.</summary>
    public static bool IsDirectSupervisorOf(Actor actor, string schoolPath, Permission permission) =>
        actor.Can(permission) && IsAuthority(actor) && ScopePaths.ParentOf(schoolPath) == actor.ScopePath;

    /// <summary>The school's own records staff, answering for their school.</summary>
    public static bool IsSchoolResponder(Actor actor, string schoolPath) =>
        actor.Can(Permission.RespondToSupervision) && actor.Level == OrgLevel.School && actor.ScopePath == schoolPath;

    public static void Require(Actor actor, Permission permission, string message)
    {
        // The scheduler's system actor runs the national scan (ScheduledHangingScan) for every school.
        if (!actor.Can(permission) || (permission != Permission.RespondToSupervision && !IsAuthority(actor) && actor.Role != Role.SystemJob))
        {
            throw AppException.Forbidden(message);
        }
    }

    public const string NotDirectSupervisor = "只有学校的直接主管部门（市管学校为市级、省管学校为省级人社部门）可以办理";

    public static string Text(string? value, string field, string what, int max, bool required = true)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                throw AppException.Invalid(field, $"请填写{what}");
            }

            return "";
        }

        if (text.Length > max)
        {
            throw AppException.Invalid(field, $"{what}不能超过 {max} 字");
        }

        return text;
    }
}
