using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Modules.Supervision.Contracts;

/// <summary>
/// Who may do what in supervision (docs/adr/0007-supervision.md), declared once and evaluated only through
/// <see cref="Access"/>. A "…Role" rule is the role half with the refusal for the wrong role; its sibling adds the
/// relationship to the school, with the refusal for the wrong school.
/// </summary>
public static class SupervisionAccess
{
    public const string NotDirectSupervisor = "只有学校的直接主管部门（市管学校为市级、省管学校为省级人社部门）可以办理";

    private const string FileDenied = "只有采取措施的主管部门或被采取措施的学校可以上传材料";

    /// <summary>Open a presence campaign: city and province (the scheduler's system actor runs national jobs).</summary>
    public static readonly AccessRule OpenCampaign = new("open", Permission.RunPresenceChecks, Relation.InScope, "只有市级、省级人社部门可以开展人籍一致核验", OrgLevel.City, OrgLevel.Province)
    {
        SystemMayAct = true,
    };

    public static readonly AccessRule RecordResult = OpenCampaign with { Name = "record", Denied = "只有市级、省级人社部门可以登记核验结果" };

    public static readonly AccessRule CloseCampaign = OpenCampaign with { Name = "close", Relation = Relation.OwnOrganization, Denied = "只有市级、省级人社部门可以结束核验批次" };

    /// <summary><see cref="CloseCampaign"/> on a campaign another authority opened.</summary>
    public static readonly AccessRule CloseOwnCampaign = CloseCampaign with { Denied = "只有开展该批次核验的部门可以结束它" };

    /// <summary>Scan for possibly hanging records: city and province, and the scheduler's national scan.</summary>
    public static readonly AccessRule Scan = OpenCampaign with { Name = "scan", Denied = "只有市级、省级人社部门可以筛查疑似空挂学籍" };

    /// <summary>Accept a school's answer or ask again: the school's direct supervisor.</summary>
    public static readonly AccessRule ReviewFlag = new("review", Permission.RunPresenceChecks, Relation.DirectSupervisor, NotDirectSupervisor, OrgLevel.City, OrgLevel.Province);

    public static readonly AccessRule ReviewFlagRole = ReviewFlag with { Denied = "只有学校的主管部门可以审核疑似空挂学籍的说明", SystemMayAct = true };

    /// <summary>Answer a flag: the school's own records staff.</summary>
    public static readonly AccessRule AnswerFlag = new("answer", Permission.RespondToSupervision, Relation.OwnOrganization, "只有学生所在学校可以说明", OrgLevel.School);

    public static readonly AccessRule AnswerFlagRole = AnswerFlag with { Levels = [], Denied = "只有学校学籍管理人员可以说明疑似空挂学籍", SystemMayAct = true };

    /// <summary>Issue a measure (约谈、警告、通报): the school's direct supervisor (the refusal names it, see <c>IssueMeasures</c>).</summary>
    public static readonly AccessRule IssueMeasure = new("issue", Permission.IssueSupervisionMeasures, Relation.DirectSupervisor, NotDirectSupervisor, OrgLevel.City, OrgLevel.Province);

    public static readonly AccessRule IssueMeasureRole = IssueMeasure with { Denied = "只有市级、省级人社部门可以采取监管措施", SystemMayAct = true };

    /// <summary>Close a measure: the school's direct supervisor.</summary>
    public static readonly AccessRule CloseMeasure = IssueMeasure with { Name = "close" };

    public static readonly AccessRule CloseMeasureRole = CloseMeasure with { Denied = "只有学校的主管部门可以关闭监管措施", SystemMayAct = true };

    /// <summary>Report the rectification: the school the measure is against.</summary>
    public static readonly AccessRule Rectify = new("rectify", Permission.RespondToSupervision, Relation.OwnOrganization, "只有被采取措施的学校可以报告整改情况", OrgLevel.School);

    public static readonly AccessRule RectifyRole = Rectify with { Levels = [], Denied = "只有学校学籍管理人员可以报告整改情况", SystemMayAct = true };

    /// <summary>Add a file to a measure, as the school ...</summary>
    public static readonly AccessRule AddFileAsSchool = Rectify with { Name = "add-file", Denied = FileDenied };

    /// <summary>... or as its direct supervisor.</summary>
    public static readonly AccessRule AddFileAsAuthority = IssueMeasure with { Name = "add-file", Denied = FileDenied };

    /// <summary>"省级" for a 省管 school (its path hangs under the province), "市级" for a 市管 one.</summary>
    public static string SupervisorLevelText(string schoolPath) => ScopePaths.ParentOf(schoolPath).Count(c => c == '/') <= 2 ? "省级" : "市级";
}
