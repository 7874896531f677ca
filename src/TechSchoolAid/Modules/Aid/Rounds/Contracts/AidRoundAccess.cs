using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Modules.Aid.Rounds.Contracts;

/// <summary>
/// Who may do what with the grant and waiver lists (AID-5), declared once and evaluated only through
/// <see cref="Access"/>: the school's aid staff build, publish, answer and submit their own school's lists; the school's
/// direct supervisor (the city for 市管 schools, the province for 省管) reviews them; the provincial administrator reopens
/// the approval deadline for the province. Reading is limited by the scope filter alone.
/// </summary>
public static class AidRoundAccess
{
    /// <summary>Build, edit, publish, record and answer objections, submit: the school's own aid staff.</summary>
    public static readonly AccessRule Manage = new(AidRoundActions.Manage, Permission.ManageAidRounds, Relation.OwnOrganization,
        "只有学校资助工作人员可以拟定、公示和报送资助名单，且只能办理本校的资助名单", OrgLevel.School);

    /// <summary>Approve, reject or return a submitted list: the school's direct supervisor.</summary>
    public static readonly AccessRule Review = new(AidRoundActions.Review, Permission.ReviewAidRounds, Relation.DirectSupervisor,
        "只有学校的直接主管部门（市管学校为市级，省管学校为省级）可以审核该名单", OrgLevel.City, OrgLevel.Province);

    /// <summary>Reopen a term's approval deadline: the provincial administrator, for the own province (its path).</summary>
    public static readonly AccessRule ReopenDeadline = new(AidRoundActions.ReopenDeadline, Permission.ReopenAidDeadline, Relation.OwnOrganization,
        "只有省级管理员可以重新开放本省的资助审批", OrgLevel.Province);

    /// <summary>Export a list or the funding-gap report to Excel: anyone who may export data, within the scope.</summary>
    public static readonly AccessRule Export = new(AidRoundActions.Export, Permission.ExportData, Relation.InScope, "您没有导出数据的权限");

    /// <summary>The scope path of a province by its code, the record a reopening belongs to.</summary>
    public static string ProvincePath(string provinceCode) => $"/{provinceCode}/";
}
