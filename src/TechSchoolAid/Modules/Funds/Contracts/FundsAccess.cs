using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Modules.Funds.Contracts;

/// <summary>
/// Who may do what with the aid money (FND-1..3, STA-5), declared once and evaluated only through <see cref="Access"/>.
/// Reading is limited by the scope filter: a school sees its own batches, a city its schools', the ministry everything.
/// Writing belongs to the organisation whose money it is: an allocation to the level that passes it on, a payment batch
/// to the school that pays, the final accounts to the organisation that draws them up.
/// </summary>
public static class FundsAccess
{
    /// <summary>Read budgets, batches, accounts and performance: every finance and supervising role, within the scope.</summary>
    public static readonly AccessRule View = new("view", Permission.ViewFunds, Relation.InScope, "您的角色不能查看资助资金");

    /// <summary>Record what the own organisation received and pass it on to the level below (the allocation's sender acts for itself).</summary>
    public static readonly AccessRule Allocate = new("allocate", Permission.ManageBudgets, Relation.OwnOrganization,
        "只有本级财务管理人员可以登记本级收到的资金并向下级分配", OrgLevel.Ministry, OrgLevel.Province, OrgLevel.City);

    /// <summary>Record and correct a student's payment card: the school's own aid and finance staff.</summary>
    public static readonly AccessRule ManageCards = new("manage-cards", Permission.ManageBankCards, Relation.OwnOrganization,
        "只有学校资助或财务工作人员可以登记和更正本校学生的银行卡", OrgLevel.School);

    /// <summary>See a card number in full (audited): the school's staff who may reveal personal data, for their own school.</summary>
    public static readonly AccessRule RevealCard = new("reveal-card", Permission.RevealPersonalData, Relation.OwnOrganization,
        "只有本校有权查看个人信息的人员可以查看完整卡号", OrgLevel.School);

    /// <summary>Build batches, export bank files, import return files, pay again, record compensation and recoveries, attach vouchers.</summary>
    public static readonly AccessRule Pay = new("pay", Permission.ManagePayments, Relation.OwnOrganization,
        "只有学校财务人员可以办理本校的资金发放", OrgLevel.School);

    /// <summary>Draw up the own organisation's final accounts and close (or reopen) its year.</summary>
    public static readonly AccessRule CloseYear = new("close-year", Permission.CloseFundsYear, Relation.OwnOrganization,
        "只有本级财务负责人可以编制本级决算并关闭年度");

    /// <summary>Set the province's performance targets and record its self-evaluation.</summary>
    public static readonly AccessRule ManagePerformance = new("manage-performance", Permission.ManagePerformance, Relation.OwnOrganization,
        "只有省级管理员可以设定本省绩效目标并填报自评", OrgLevel.Province);

    /// <summary>Export a list, a bank file or the accounts: anyone who may export within the scope, or the paying school.</summary>
    public static readonly AccessRule Export = new("export", Permission.ViewFunds, Relation.InScope, "您没有导出资助资金数据的权限");

    // Payments

    /// <summary>Set how the province pays its grants (monthly or per semester, the pay day): the province's administrator, for its own province.</summary>
    public static readonly AccessRule SetPaymentRule = new("set-payment-rule", Permission.ManagePolicy, Relation.OwnOrganization,
        "只有省级管理员可以设定本省助学金的发放方式", OrgLevel.Province);

    /// <summary>Record that the supervisor paid a school's tuition-waiver compensation: the school's direct supervisor (city for 市管, province for 省管).</summary>
    public static readonly AccessRule RecordCompensation = new("record-compensation", Permission.ManageBudgets, Relation.DirectSupervisor,
        "只有学校的直接主管部门（市管学校为市级，省管学校为省级）财务人员可以登记免学费补助资金的拨付", OrgLevel.Province, OrgLevel.City);

    // Budgets and performance

    /// <summary>A province or city confirms the money it was allocated arrived (the recipient acts for itself).</summary>
    public static readonly AccessRule ConfirmReceipt = new("confirm-receipt", Permission.ManageBudgets, Relation.OwnOrganization,
        "只有收款单位的财务管理人员可以确认收到资金", OrgLevel.Province, OrgLevel.City);

    /// <summary>A school's finance staff confirm the money allocated to the school arrived.</summary>
    public static readonly AccessRule SchoolConfirmReceipt = new("confirm-receipt", Permission.ManagePayments, Relation.OwnOrganization,
        "只有本校财务人员可以确认收到资金", OrgLevel.School);
}
