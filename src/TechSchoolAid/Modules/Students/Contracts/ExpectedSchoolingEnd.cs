namespace TechSchoolAid.Modules.Students.Contracts;

/// <summary>
/// The expected end of schooling (预计毕业/学制结束日期, issue 11, item 12): the enrolment date plus the schooling years,
/// moved by the approved status changes — one year per approved repeated year (留级/降级) and the length of every approved
/// suspension (休学), from its date to the resumption's; a suspension still running counts up to today.
/// </summary>
public static class ExpectedSchoolingEnd
{
    public static DateOnly Of(DateOnly enrolmentDate, int schoolingYears, int repeatedYears, int suspendedDays, EnrolmentStatus status, DateOnly? statusSince, DateOnly today)
    {
        var running = status == EnrolmentStatus.Suspended && statusSince is { } since ? Math.Max(0, today.DayNumber - since.DayNumber) : 0;
        return enrolmentDate.AddYears(schoolingYears + repeatedYears).AddDays(suspendedDays + running);
    }

    /// <summary>What moved the end, in Chinese ("留级 1 年、休学 30 天"), or null when nothing did.</summary>
    public static string? Moves(int repeatedYears, int suspendedDays, EnrolmentStatus status, DateOnly? statusSince, DateOnly today)
    {
        var running = status == EnrolmentStatus.Suspended && statusSince is { } since ? Math.Max(0, today.DayNumber - since.DayNumber) : 0;
        var parts = new List<string>();
        if (repeatedYears > 0)
        {
            parts.Add($"留级 {repeatedYears} 年");
        }

        if (suspendedDays + running > 0)
        {
            parts.Add(running > 0 ? $"休学 {suspendedDays + running} 天（休学中，复学前每天顺延）" : $"休学 {suspendedDays} 天");
        }

        return parts.Count == 0 ? null : string.Join("、", parts);
    }
}
