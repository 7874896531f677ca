using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Students.Features;

/// <summary>The student lists' query string (the school's list takes its code from the route).</summary>
public sealed class StudentListQuery
{
    public string? SchoolCode { get; set; }

    public string? Search { get; set; }

    public RegistrationState? State { get; set; }

    /// <summary>The enrolment status (在籍, 休学, 退学 …), beside the registration state.</summary>
    public EnrolmentStatus? Status { get; set; }

    public int? IntakeYear { get; set; }

    public IntakeSeason? IntakeSeason { get; set; }

    public string? ClassName { get; set; }

    public Guid? BatchId { get; set; }

    public int? Page { get; set; }

    public int? PageSize { get; set; }

    public StudentFilter ToFilter(string? schoolCode) => new()
    {
        SchoolCode = schoolCode,
        Search = Search,
        State = State,
        Status = Status,
        IntakeYear = IntakeYear,
        IntakeSeason = IntakeSeason,
        ClassName = ClassName,
        BatchId = BatchId,
        Page = Page ?? 1,
        PageSize = PageSize ?? 50,
    };
}
