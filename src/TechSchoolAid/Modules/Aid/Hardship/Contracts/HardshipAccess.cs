using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Modules.Aid.Hardship.Contracts;

/// <summary>
/// Who may do what with hardship identification (docs/adr/0017-module-shape-and-access-rules.md). Only the school's own aid
/// staff handle an assessment and read the family situation; every signed-in user in scope reads the rest.
/// </summary>
public static class HardshipAccess
{
    /// <summary>The role half of every step: the school's aid and records staff.</summary>
    public static readonly AccessRule Manage = new("manage", Permission.ManageHardship, Relation.OwnOrganization,
        "只有学校资助工作人员可以办理家庭经济困难认定", OrgLevel.School);

    /// <summary>A step on one student's assessment: the staff of the student's own school.</summary>
    public static readonly AccessRule ManageOwnSchool = new("manage", Permission.ManageHardship, Relation.OwnOrganization,
        "只能为本校学生办理家庭经济困难认定", OrgLevel.School);

    /// <summary>The year's advance notice (提前告知): the school's own aid staff, for their school.</summary>
    public static readonly AccessRule PublishNotice = new("publish-notice", Permission.ManageHardship, Relation.OwnOrganization,
        "只有学校资助工作人员可以发布本校的认定工作告知", OrgLevel.School);

    /// <summary>The family situation and the objection's text: only the school's own aid staff.</summary>
    public static readonly AccessRule ReadFamilySituation = new("read-family-situation", Permission.ManageHardship, Relation.OwnOrganization,
        "家庭经济情况仅本校资助工作人员可见", OrgLevel.School);

    /// <summary>The school's publication list inside the school: every user of the school.</summary>
    public static readonly AccessRule ReadPublication = new("read-publication", Permission.ViewStudents, Relation.OwnOrganization,
        "校内公示名单仅本校可见", OrgLevel.School);

    /// <summary>The list across schools (filter by school): the supervising authorities.</summary>
    public static readonly AccessRule ListSchools = new("list-schools", Permission.ViewStudents, Relation.InScope,
        "只有主管部门可以按学校查看认定", OrgLevel.Ministry, OrgLevel.Province, OrgLevel.City);
}
