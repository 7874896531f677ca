using TechSchoolAid.Modules.Aid.Hardship.Contracts;

namespace TechSchoolAid.Web.Components.Pages.Aid;

/// <summary>The step a class batch of hardship identification does (issue 13 item 12).</summary>
public enum BatchStep
{
    Panel,
    Decision,
    Publication,
}

public static class BatchSteps
{
    /// <summary>The state a student must be in for the step (the domain's guard says the same; this only greys the others out).</summary>
    public static HardshipState Requires(this BatchStep step) => step switch
    {
        BatchStep.Panel => HardshipState.Applied,
        BatchStep.Decision => HardshipState.PanelReviewed,
        _ => HardshipState.Decided,
    };

    public static string Text(this BatchStep step) => step switch
    {
        BatchStep.Panel => "记录评议",
        BatchStep.Decision => "认定",
        _ => "公示",
    };
}
