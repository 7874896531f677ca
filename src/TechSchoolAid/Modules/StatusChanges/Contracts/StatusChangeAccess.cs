using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Modules.StatusChanges.Contracts;

/// <summary>
/// Who may do what to a status change (STA-1), declared once and evaluated only through <see cref="Access"/>: the school's
/// records staff enter, submit, accept a transfer and add evidence for their own school; the approver is the school's
/// direct supervising authority (city for 市管, province for 省管) for the kinds that need it and the school administrator
/// for the school's own kinds — two rules, chosen by the change; undo is always the authority's.
/// </summary>
public static class StatusChangeAccess
{
    /// <summary>The role half of every step of the school's records staff (checked before the record is loaded).</summary>
    public static readonly AccessRule Clerk = new("enter", Permission.ManageStatusChanges, Relation.OwnOrganization, "只有学校学籍管理人员可以办理学籍异动", OrgLevel.School);

    public static readonly AccessRule Enter = new("enter", Permission.ManageStatusChanges, Relation.OwnOrganization, "只能为本校学生办理学籍异动", OrgLevel.School);

    public static readonly AccessRule Submit = new("submit", Permission.ManageStatusChanges, Relation.OwnOrganization, "只有异动所在学校的学籍管理人员可以报送", OrgLevel.School);

    public static readonly AccessRule Accept = new("accept", Permission.ManageStatusChanges, Relation.OwnOrganization, "只有转入学校的学籍管理人员可以接收转学", OrgLevel.School);

    public static readonly AccessRule AddEvidence = new("evidence", Permission.ManageStatusChanges, Relation.OwnOrganization, "只能为本校的学籍异动上传证明材料", OrgLevel.School);

    /// <summary>The receiving school refuses a transfer (its In row): a return by its records staff.</summary>
    public static readonly AccessRule RefuseTransfer = new("return", Permission.ManageStatusChanges, Relation.OwnOrganization, "只有转入学校的学籍管理人员可以拒收转学", OrgLevel.School);

    /// <summary>The role half of approval, return and undo (checked before the record is loaded).</summary>
    public static readonly AccessRule Approver = new("approve", Permission.ApproveStatusChanges, Relation.InScope, "只有主管部门审核人员或学校管理员可以审批学籍异动");

    public static readonly AccessRule ApproveByAuthority = new("approve", Permission.ApproveStatusChanges, Relation.DirectSupervisor, AuthorityText, OrgLevel.Province, OrgLevel.City);

    public static readonly AccessRule ApproveAtSchool = new("approve", Permission.ApproveStatusChanges, Relation.OwnOrganization, "该异动由学校管理员审批", OrgLevel.School);

    public static readonly AccessRule ReturnByAuthority = ApproveByAuthority with { Name = "return" };

    public static readonly AccessRule ReturnAtSchool = ApproveAtSchool with { Name = "return" };

    public static readonly AccessRule Undo = new("undo", Permission.ApproveStatusChanges, Relation.DirectSupervisor, "只有学校的主管部门可以撤销学籍异动", OrgLevel.Province, OrgLevel.City);

    /// <summary>Read the kind rules (evidence required, longest suspension): everyone who sees student records.</summary>
    public static readonly AccessRule ViewKindRules = new("view-kind-rules", Permission.ViewStudents, Relation.InScope, "无权查看学籍异动的材料要求");

    /// <summary>Set a kind rule from a date: the ministry for the nation, a province's administrator for its own schools.</summary>
    public static readonly AccessRule SetKindRule = new("set-kind-rule", Permission.ManagePolicy, Relation.OwnOrganization,
        "只有人社部或省级人社部门的管理人员可以设定学籍异动的材料要求与休学期限", OrgLevel.Ministry, OrgLevel.Province);

    /// <summary>Refusal of a return by someone who is neither an approver nor a receiving school.</summary>
    public const string ReturnDenied = "只有审批人员或转入学校可以退回学籍异动";

    private const string AuthorityText = "该异动应由学校的主管部门（市管学校为市级、省管学校为省级）审批";

    /// <summary>The approval rule of a change: the authority's for the kinds that need it, the school administrator's otherwise.</summary>
    public static AccessRule ApproverOf(bool requiresAuthority, StatusChangeKind kind) =>
        requiresAuthority ? ApproveByAuthority : ApproveAtSchool with { Denied = SchoolText(kind) };

    /// <summary>The return rule of a change, chosen like <see cref="ApproverOf"/>.</summary>
    public static AccessRule ReturnerOf(bool requiresAuthority, StatusChangeKind kind) =>
        requiresAuthority ? ReturnByAuthority : ReturnAtSchool with { Denied = SchoolText(kind) };

    private static string SchoolText(StatusChangeKind kind) => $"「{kind.ToChinese()}」由学校管理员审批";
}
