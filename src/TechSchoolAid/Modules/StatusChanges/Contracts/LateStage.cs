namespace TechSchoolAid.Modules.StatusChanges.Contracts;

/// <summary>
/// The stage that made a status change late (「10个工作日内在信息系统中完成异动处理」, 人社厅函〔2024〕53号): the due date is
/// met by the change's completion in the system, so the lateness is blamed on the stage that ran past it. Numbers are
/// returned by the API: never renumber.
/// </summary>
public enum LateStage
{
    School = 1,          // 学校（录入/报送）
    ReceivingSchool = 2, // 转入学校（接收）
    Authority = 3,       // 主管部门（审核）
    SchoolApproval = 4,  // 学校（审批）: the kinds the school's administrator approves
}

public static class LateStageText
{
    public static string ToChinese(this LateStage s) => s switch
    {
        LateStage.School => "学校（录入/报送）",
        LateStage.ReceivingSchool => "转入学校（接收）",
        LateStage.Authority => "主管部门（审核）",
        _ => "学校（审批）",
    };
}
