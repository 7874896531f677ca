using TechSchoolAid.Kernel;

namespace TechSchoolAid.Modules.Students.Contracts;

/// <summary>What the payments may know of a student to decide whether the student is 在籍 on a payment date (STA-5).</summary>
public sealed record StudentStatusFact
{
    public Guid Id { get; init; }

    public int SchoolId { get; init; }

    public string SchoolCode { get; init; } = "";

    public string ScopePath { get; init; } = "";

    public string Name { get; init; } = "";

    public string ClassName { get; init; } = "";

    public string IdNumberMasked { get; init; } = "";

    public bool RegistrationApproved { get; init; }

    public EnrolmentStatus Status { get; init; }

    public DateOnly? StatusSince { get; init; }
}

/// <summary>The records in the actor's scope (the DbContext's filter applies) as status facts, composable in SQL.</summary>
public interface IStudentStatusFacts
{
    IQueryable<StudentStatusFact> Query();
}

/// <summary>
/// The status on a date. A record keeps its current status and the date it took effect: before that date the student
/// was 在籍 (the only status a change leaves from that keeps aid), from the day after it the new status holds — an
/// approved change that ends eligibility stops payments from the day after it takes effect (issue 10, item 4).
/// </summary>
public static class StudentStatusOnDate
{
    /// <summary>Null when the student is 在籍 and registered on <paramref name="date"/>; otherwise why not, in Chinese.</summary>
    public static string? NotActiveReason(bool registrationApproved, EnrolmentStatus status, DateOnly? since, DateOnly date)
    {
        if (!registrationApproved || status == EnrolmentStatus.Pending)
        {
            return "学籍尚未注册";
        }

        if (status == EnrolmentStatus.Active || (since is { } s && s >= date))
        {
            return null;
        }

        return since is { } from ? $"{ChinaTime.Iso(from)} 起{status.ToChinese()}" : $"学籍状态为{status.ToChinese()}";
    }
}
