using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Students.Domain;

/// <summary>
/// The registration deadline of an intake as dated policy data (ENR-2): the day and month apply to intakes of years
/// within [ValidFromYear, ValidToYear]. Seeded with 30 April (spring) and 31 October (autumn).
/// </summary>
public sealed class IntakeDeadline
{
    private IntakeDeadline()
    {
    }

    public IntakeDeadline(IntakeSeason season, int month, int day, int validFromYear, int? validToYear, string source)
    {
        Season = season;
        Month = month;
        Day = day;
        ValidFromYear = validFromYear;
        ValidToYear = validToYear;
        Source = source;
    }

    public int Id { get; private set; }

    public IntakeSeason Season { get; private set; }

    public int Month { get; private set; }

    public int Day { get; private set; }

    public int ValidFromYear { get; private set; }

    public int? ValidToYear { get; private set; }

    public string Source { get; private set; } = "";

    public bool AppliesTo(int year) => year >= ValidFromYear && (ValidToYear is null || year <= ValidToYear);

    public DateOnly DeadlineFor(int year) => new(year, Month, Math.Min(Day, DateTime.DaysInMonth(year, Month)));
}

/// <summary>
/// A province reopening registration for one school and intake after the deadline, with a reason, until a date, for the
/// steps it names (<see cref="Steps"/>): a step after the deadline is allowed only under a reopening that covers it.
/// </summary>
public sealed class RegistrationReopening : IScoped
{
    private RegistrationReopening()
    {
    }

    public RegistrationReopening(int schoolId, string scopePath, int intakeYear, IntakeSeason season, DateOnly until, string reason, string grantedBy, DateTime grantedAtUtc)
        : this(schoolId, scopePath, intakeYear, season, until, reason, grantedBy, grantedAtUtc, ReopenedSteps.All)
    {
    }

    public RegistrationReopening(
        int schoolId, string scopePath, int intakeYear, IntakeSeason season, DateOnly until, string reason, string grantedBy, DateTime grantedAtUtc, ReopenedSteps steps)
    {
        Steps = steps;
        SchoolId = schoolId;
        ScopePath = scopePath;
        IntakeYear = intakeYear;
        IntakeSeason = season;
        Until = until;
        Reason = reason;
        GrantedBy = grantedBy;
        GrantedAtUtc = grantedAtUtc;
    }

    public int Id { get; private set; }

    public int SchoolId { get; private set; }

    public string ScopePath { get; private set; } = "";

    public int IntakeYear { get; private set; }

    public IntakeSeason IntakeSeason { get; private set; }

    public DateOnly Until { get; private set; }

    public string Reason { get; private set; } = "";

    public string GrantedBy { get; private set; } = "";

    public DateTime GrantedAtUtc { get; private set; }

    /// <summary>The steps this reopening allows after the deadline.</summary>
    public ReopenedSteps Steps { get; private set; }

    public bool Covers(ReopenedSteps step) => (Steps & step) == step;
}

/// <summary>The intake count a school declares (ENR-4 completeness): shown against registered and approved.</summary>
public sealed class DeclaredIntake : IScoped
{
    private DeclaredIntake()
    {
    }

    public DeclaredIntake(int schoolId, string scopePath, int intakeYear, IntakeSeason season, int count, string declaredBy, DateTime declaredAtUtc)
    {
        SchoolId = schoolId;
        ScopePath = scopePath;
        IntakeYear = intakeYear;
        IntakeSeason = season;
        Count = count;
        DeclaredBy = declaredBy;
        DeclaredAtUtc = declaredAtUtc;
    }

    public int Id { get; private set; }

    public int SchoolId { get; private set; }

    public string ScopePath { get; private set; } = "";

    public int IntakeYear { get; private set; }

    public IntakeSeason IntakeSeason { get; private set; }

    public int Count { get; private set; }

    public string DeclaredBy { get; private set; } = "";

    public DateTime DeclaredAtUtc { get; private set; }

    public void Redeclare(int count, string by, DateTime atUtc)
    {
        Count = count;
        DeclaredBy = by;
        DeclaredAtUtc = atUtc;
    }
}

/// <summary>A batch of students a school submits together for review (ENR-3).</summary>
public sealed class RegistrationBatch : IScoped
{
    private RegistrationBatch()
    {
    }

    public RegistrationBatch(Guid id, int schoolId, string scopePath, string number, int studentCount, string submittedBy, DateTime submittedAtUtc)
    {
        Id = id;
        SchoolId = schoolId;
        ScopePath = scopePath;
        Number = number;
        StudentCount = studentCount;
        SubmittedBy = submittedBy;
        SubmittedAtUtc = submittedAtUtc;
    }

    public Guid Id { get; private set; }

    public int SchoolId { get; private set; }

    public string ScopePath { get; private set; } = "";

    public string Number { get; private set; } = "";

    public int StudentCount { get; private set; }

    public string SubmittedBy { get; private set; } = "";

    public DateTime SubmittedAtUtc { get; private set; }

    /// <summary>The batch's ETag: it changes at every decision on the batch, so a decision taken on a stale view is refused.</summary>
    public int Version { get; private set; }

    public void RecordDecision() => Version++;
}
