using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Modules.Organizations.Contracts;

/// <summary>
/// Who may create and edit schools and their fees (ORG-1, ORG-2, ORG-4), declared once and evaluated only through
/// <see cref="Access"/>. A school belongs to the authority that supervises it — the city for 市管, the province for 省管 —
/// and only that authority edits it and enters its approved tuition. A province creates 省管 schools under itself and
/// 市管 schools under its cities; a city creates schools under itself. The comparable public tuition is the recording
/// authority's own record (the province for the province, a city for its area).
/// </summary>
public static class OrganizationAccess
{
    /// <summary>Create a school under an organisation (the province itself or one of its cities; a city itself).</summary>
    public static readonly AccessRule CreateSchool = new("create-school", Permission.ManageSchools, Relation.InScope,
        "只有省、市人社部门的管理人员可以在本辖区内新建学校", OrgLevel.Province, OrgLevel.City);

    /// <summary>Edit a school's attributes: its direct supervisor only.</summary>
    public static readonly AccessRule EditSchool = new("edit-school", Permission.ManageSchools, Relation.DirectSupervisor,
        "只有学校的主管部门（市管学校为所在市人社局，省管学校为省人社厅）可以修改学校信息", OrgLevel.Province, OrgLevel.City);

    /// <summary>Record and correct a school's approved tuition: its direct supervisor only.</summary>
    public static readonly AccessRule ManageTuition = new("manage-tuition", Permission.ManageSchools, Relation.DirectSupervisor,
        "只有学校的主管部门（市管学校为所在市人社局，省管学校为省人社厅）可以登记和更正学校的核定学费标准", OrgLevel.Province, OrgLevel.City);

    /// <summary>Record and correct the comparable public tuition: the province for the province, a city for its own area.</summary>
    public static readonly AccessRule ManageComparableTuition = new("manage-comparable-tuition", Permission.ManageSchools, Relation.OwnOrganization,
        "只有省人社厅（或市人社局为本市）可以登记同类型同专业公办学校学费标准", OrgLevel.Province, OrgLevel.City);
}
