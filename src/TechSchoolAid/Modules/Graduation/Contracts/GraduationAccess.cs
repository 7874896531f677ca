using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Modules.Graduation.Contracts;

/// <summary>
/// Who may do what in GRD-1, declared once and evaluated only through <see cref="Access"/>: the school's records staff
/// (ManageGraduation) open, assess, adjust and submit their own school's rounds; the school's direct supervising authority
/// (ApproveGraduation: the city for 市管, the province for 省管) approves, returns and upgrades (docs/adr/0008-certificates.md).
/// </summary>
public static class GraduationAccess
{
    /// <summary>The role half of every step of the school's records staff (checked before the record is loaded).</summary>
    public static readonly AccessRule Clerk = new("open", Permission.ManageGraduation, Relation.OwnOrganization, "只有学校学籍管理人员可以办理毕业评定", OrgLevel.School);

    public static readonly AccessRule Open = new("open", Permission.ManageGraduation, Relation.OwnOrganization, "只能为本校建立毕业批次", OrgLevel.School);

    public static readonly AccessRule Assess = new("assess", Permission.ManageGraduation, Relation.OwnOrganization, "只有本校学籍管理人员可以录入毕业评定", OrgLevel.School);

    public static readonly AccessRule RemoveEntry = new("remove", Permission.ManageGraduation, Relation.OwnOrganization, "只有本校学籍管理人员可以调整毕业候选人", OrgLevel.School);

    public static readonly AccessRule Submit = new("submit", Permission.ManageGraduation, Relation.OwnOrganization, "只有本校学籍管理人员可以报送毕业名单", OrgLevel.School);

    /// <summary>The role half of review (checked before the record is loaded).</summary>
    public static readonly AccessRule Reviewer = new("approve", Permission.ApproveGraduation, Relation.DirectSupervisor, "只有学校的主管部门（市管学校为市级、省管学校为省级）可以审核毕业名单", OrgLevel.Province, OrgLevel.City);

    public static readonly AccessRule Approve = Reviewer with { Denied = NotSupervisor };

    public static readonly AccessRule Return = Approve with { Name = "return" };

    public static readonly AccessRule Upgrade = Approve with { Name = "upgrade" };

    private const string NotSupervisor = "只有该校的直接主管部门（市管学校为市级、省管学校为省级）可以审核毕业名单、换发证书";
}
