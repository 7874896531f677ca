using TechSchoolAid.Kernel;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Students.Features;

/// <summary>
/// Issue 11, item 5: registration is complete only when the supervising authority has approved the record; entry,
/// verification, submission and approval all belong to the intake's deadline (ENR-2: 31 October for the autumn intake,
/// 30 April for the spring one, dated policy data in <c>intake_deadlines</c>). A record not approved by the deadline is
/// "逾期未完成注册" on every level's list, with the step it is stuck at; a reopening allows the late steps but does not
/// make them on time.
/// </summary>
public static class RegistrationLateness
{
    public const string Overdue = "逾期未完成注册";

    /// <summary>The step a record not yet approved waits at.</summary>
    public static string StuckAt(RegistrationState state, bool verified) => state switch
    {
        RegistrationState.Collected when !verified => "待学校核验",
        RegistrationState.Collected => "待学校报送",
        RegistrationState.Returned => "退回待学校重新报送",
        RegistrationState.Submitted => "待主管部门审核",
        _ => "已审核通过",
    };

    /// <summary>The first UTC instant after the deadline day (Beijing time): an approval at or after it is late.</summary>
    public static DateTime AfterDeadlineUtc(DateOnly deadline) => DateTime.SpecifyKind(deadline.AddDays(1).ToDateTime(TimeOnly.MinValue) - ChinaTime.Offset, DateTimeKind.Utc);

    public static string Describe(int year, IntakeSeason season, DateOnly deadline, string stuckAt) =>
        $"{Overdue}（{StudentText.Intake(year, season)}截止 {ChinaTime.Iso(deadline)}，{stuckAt}）";
}
