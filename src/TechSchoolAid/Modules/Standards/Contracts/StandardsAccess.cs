using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Modules.Standards.Contracts;

/// <summary>
/// Who may do what with the schools' aid standards and brochures (INS-2, PUB-2), declared once and evaluated only through
/// <see cref="Access"/>. A school keeps its own rules, staff and brochures; the province runs trainings and records who
/// attended; a brochure is approved or returned by the school's direct supervisor only (the city for 市管, the province
/// for 省管).
/// </summary>
public static class StandardsAccess
{
    /// <summary>Read aid rules, staff, trainings and brochures: every staff role, within the scope.</summary>
    public static readonly AccessRule View = new("view", Permission.ViewStudents, Relation.InScope, "您的角色不能查看资助工作规范化管理");

    /// <summary>Keep the school's aid rules, aid staff, their external training and the brochures: the school's administrator and aid staff, for their own school.</summary>
    public static readonly AccessRule Keep = new("keep", Permission.KeepAidStandards, Relation.OwnOrganization,
        "只有本校系统管理员或资助专干可以维护本校的资助工作制度、资助工作人员和招生简章", OrgLevel.School);

    /// <summary>Record the trainings the province runs and who attended: the provincial administrator, for its own province.</summary>
    public static readonly AccessRule ManageTrainings = new("manage-trainings", Permission.ManageTrainings, Relation.OwnOrganization,
        "只有省级管理员可以登记本省举办的资助工作培训及参训人员", OrgLevel.Province);

    /// <summary>Record attendance of a school's staff: the provincial administrator of the province the school lies in (the school's path is under the province's).</summary>
    public static readonly AccessRule RecordAttendance = new("record-attendance", Permission.ManageTrainings, Relation.InScope,
        "只有学校所在省的省级管理员可以登记参训人员", OrgLevel.Province);

    /// <summary>Approve or return a brochure: the school's direct supervisor (the city for 市管, the province for 省管).</summary>
    public static readonly AccessRule ReviewBrochure = new("review", Permission.ReviewBrochures, Relation.DirectSupervisor,
        "只有学校的直接主管部门（市管学校为市级，省管学校为省级）可以审核招生简章", OrgLevel.Province, OrgLevel.City);

    /// <summary>Set the province's standards policy (training period, current intake): the provincial administrator.</summary>
    public static readonly AccessRule SetPolicy = new("set-policy", Permission.ManageTrainings, Relation.OwnOrganization,
        "只有省级管理员可以设定本省资助工作人员培训周期和当前招生季", OrgLevel.Province);
}
