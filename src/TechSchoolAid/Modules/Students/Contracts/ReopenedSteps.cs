namespace TechSchoolAid.Modules.Students.Contracts;

/// <summary>
/// The steps of registration a reopening covers (issue 11, item 5): the school's entry, verification and submission, and the
/// supervising authority's approval. All of them belong to the intake's deadline (ENR-2). Stored: never renumber.
/// </summary>
[Flags]
public enum ReopenedSteps
{
    School = 1,   // 学校：录入、核验、报送
    Approval = 2, // 主管部门：审核通过
    All = School | Approval,
}

public static class ReopenedStepsText
{
    public static string ToChinese(this ReopenedSteps s) => s switch
    {
        ReopenedSteps.School => "学校录入、核验、报送",
        ReopenedSteps.Approval => "主管部门审核",
        _ => "学校录入、核验、报送及主管部门审核",
    };
}
