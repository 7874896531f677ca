using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Modules.Inspections.Contracts;

/// <summary>Who may do what with inspections (INS-1), declared once and evaluated only through <see cref="Access"/>.</summary>
public static class InspectionAccess
{
    /// <summary>Read plans, visits, findings and coverage: every staff role, within the scope (a school sees its own).</summary>
    public static readonly AccessRule View = new("view", Permission.ViewStudents, Relation.InScope, "您的角色不能查看检查工作");

    /// <summary>Propose, adjust and confirm the province's own yearly plan: the provincial administrator.</summary>
    public static readonly AccessRule Plan = new("plan", Permission.PlanInspections, Relation.OwnOrganization,
        "只有省级人社部门的管理人员可以编制和确认本省的年度检查计划", OrgLevel.Province);

    /// <summary>Record a planned visit and its findings: provincial staff for their schools, the ministry's administrator and inspectors.</summary>
    public static readonly AccessRule RecordVisit = new("record-visit", Permission.RecordInspections, Relation.InScope,
        "只有省级人社部门或人社部的检查人员可以登记检查和检查发现", OrgLevel.Province, OrgLevel.Ministry);

    /// <summary>A spot check (抽查) of a province or a school: the ministry's administrator and inspectors.</summary>
    public static readonly AccessRule SpotCheck = new("spot-check", Permission.RecordInspections, Relation.InScope,
        "只有人社部的管理人员和核查人员可以登记抽查", OrgLevel.Ministry);

    /// <summary>The school's self-inspection (自查) and its answers to rectification tasks: the school's administrator and aid staff, for their own school.</summary>
    public static readonly AccessRule Answer = new("answer", Permission.AnswerInspections, Relation.OwnOrganization,
        "只有被检查学校的管理员或资助工作人员可以填报自查和整改情况", OrgLevel.School);

    /// <summary>Close a rectification task or return it for rework: the provincial administrator of the school's province.</summary>
    public static readonly AccessRule Close = new("close", Permission.PlanInspections, Relation.InScope,
        "只有学校所在省的人社部门管理人员可以验收（关闭或退回）整改", OrgLevel.Province);

    /// <summary>Set the coverage shares, risk weights and rectification period (dated policy data): the ministry's administrator.</summary>
    public static readonly AccessRule SetPolicy = new("set-policy", Permission.ManagePolicy, Relation.InScope,
        "只有人社部的管理人员可以修改检查覆盖比例、风险权重和整改期限", OrgLevel.Ministry);
}
