using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Modules.CrossCheck.Contracts;

/// <summary>Who may do what in the cross-check (CHK-1/2), declared once and evaluated only through <see cref="Access"/>.</summary>
public static class CrossCheckAccess
{
    /// <summary>Load the ministry of education's monthly list and run the internal check: the ministry administrator (and the CLI's system actor).</summary>
    public static readonly AccessRule Run = new("run", Permission.RunCrossCheck, Relation.InScope, "只有部级管理员可以导入教育部比对名单", OrgLevel.Ministry)
    {
        SystemMayAct = true,
    };

    /// <summary>Read the runs (national rows): the ministry.</summary>
    public static readonly AccessRule ViewRuns = new("view-runs", Permission.ViewStudents, Relation.InScope, "比对批次只有部级可以查看", OrgLevel.Ministry)
    {
        SystemMayAct = true,
    };

    /// <summary>Clear a case (keep, withdraw here, transferred): the school's aid staff, for their own school's cases.</summary>
    public static readonly AccessRule Clear = new("clear", Permission.ClearCrossCheckCases, Relation.OwnOrganization, "只有学校资助工作人员可以清理比对结果", OrgLevel.School);

    /// <summary><see cref="Clear"/> on a case of another school: the refusal names the relationship.</summary>
    public static readonly AccessRule ClearOwnCase = Clear with { Denied = "只能清理本校的比对结果" };

    /// <summary>The school's direct supervisor follows up its schools' late cases (to-do list).</summary>
    public static readonly AccessRule FollowUpLate = new("follow-up", Permission.ReviewAidRounds, Relation.DirectSupervisor, "只有学校的直接主管部门可以督促清理", OrgLevel.City, OrgLevel.Province);

    /// <summary>
    /// Confirm or reopen a school's "keep" (保留: the other side is wrong): the school's direct supervisor only — the city for
    /// 市管, the province for 省管 (issue 11 item 11). The school itself, or a level above the supervisor, is refused naming the rule.
    /// </summary>
    public static readonly AccessRule ReviewKeep = new("review-keep", Permission.ReviewAidRounds, Relation.DirectSupervisor,
        "“保留”清理须由学校的直接主管部门确认或退回（市管学校由市级、省管学校由省级），学校不能确认本校的“保留”", OrgLevel.City, OrgLevel.Province);

    /// <summary>Maintain the clearance deadline rows (dated policy data): the ministry administrator.</summary>
    public static readonly AccessRule ManageDeadlines = new("manage-deadlines", Permission.ManagePolicy, Relation.InScope,
        "比对结果清理期限只能由部级管理员维护", OrgLevel.Ministry);

    /// <summary>Export the results (masked ID numbers) in the caller's scope.</summary>
    public static readonly AccessRule ExportCases = new("export", Permission.ExportData, Relation.InScope, "您没有导出数据的权限");

    private const string ExchangeDenied = "只有部级、省级管理员可以导出交换名单（含完整证件号码）";

    /// <summary>Export the exchange list (ID numbers in clear): the ministry and provinces holding both <see cref="Permission.RevealPersonalData"/> ...</summary>
    public static readonly AccessRule ExchangeReveal = new("exchange", Permission.RevealPersonalData, Relation.InScope, ExchangeDenied, OrgLevel.Ministry, OrgLevel.Province)
    {
        SystemMayAct = true,
    };

    /// <summary>... and <see cref="Permission.ExportData"/>.</summary>
    public static readonly AccessRule ExchangeExport = ExchangeReveal with { Permission = Permission.ExportData };
}
