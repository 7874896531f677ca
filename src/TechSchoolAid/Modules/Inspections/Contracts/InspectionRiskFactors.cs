namespace TechSchoolAid.Modules.Inspections.Contracts;

/// <summary>
/// The Chinese names of the risk factors the modules report (<see cref="SchoolRisk.Factor"/>), for the policy page where the
/// ministry weighs them. A factor without a name here is shown by its key, never hidden.
/// </summary>
public static class InspectionRiskFactors
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["crosscheck-open"] = "教育部比对疑似重复未处理",
        ["crosscheck-overdue"] = "教育部比对疑似重复逾期未处理",
        ["late-status-changes"] = "学籍异动逾期办理",
        ["hanging-records"] = "疑似空挂学籍未处理",
        ["funding-gap"] = "符合条件但未列入资助名单",
        ["late-approvals"] = "资助名单逾期审批",
        ["complaints"] = "咨询投诉",
    };

    /// <summary>The factor's Chinese name, or its key when it has none.</summary>
    public static string NameOf(string factor) => Names.GetValueOrDefault(factor, factor);
}
