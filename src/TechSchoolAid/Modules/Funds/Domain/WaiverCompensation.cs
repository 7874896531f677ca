using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Aid.Contracts;

namespace TechSchoolAid.Modules.Funds.Domain;

/// <summary>
/// The tuition-waiver compensation a school receives for a term (免学费补助资金): the approved waiver lines × their amount,
/// recorded by the school's supervisor when it pays the school, and confirmed by the school when the money arrives. One
/// per school and term.
/// </summary>
public sealed class WaiverCompensation : IScoped
{
    private WaiverCompensation()
    {
    }

    public WaiverCompensation(Guid id, int schoolId, string schoolName, string scopePath, AidTerm term, int studentCount, long amountFen,
        DateOnly paidOn, string by, DateTime atUtc)
    {
        Id = id;
        SchoolId = schoolId;
        SchoolName = schoolName;
        ScopePath = scopePath;
        SchoolYear = term.SchoolYear;
        Semester = term.Semester;
        StudentCount = studentCount;
        AmountFen = amountFen;
        PaidOn = paidOn;
        FiscalYear = paidOn.Year;
        RecordedBy = by;
        RecordedAtUtc = atUtc;
    }

    public Guid Id { get; private set; }

    public int SchoolId { get; private set; }

    public string SchoolName { get; private set; } = "";

    public string ScopePath { get; private set; } = "";

    public int SchoolYear { get; private set; }

    public Semester Semester { get; private set; }

    public int StudentCount { get; private set; }

    public long AmountFen { get; private set; }

    public DateOnly PaidOn { get; private set; }

    public int FiscalYear { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTime RecordedAtUtc { get; private set; }

    public DateOnly? ReceivedOn { get; private set; }

    public string? ReceivedBy { get; private set; }

    public int Version { get; private set; }

    public void ConfirmReceived(DateOnly on, string by)
    {
        if (ReceivedOn is not null)
        {
            throw AppException.Conflict("学校已确认收到该学期的免学费补助资金");
        }

        ReceivedOn = on;
        ReceivedBy = by;
        Version++;
    }
}
