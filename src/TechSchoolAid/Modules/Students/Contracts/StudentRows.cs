using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Modules.Students.Contracts;

/// <summary>
/// What other modules may read of a student record in bulk, composable into their own queries (filters, NOT EXISTS and
/// joins stay in SQL, for lists over a whole province). Init properties, not a positional record, so EF can compose on it.
/// </summary>
public sealed record StudentRow
{
    public Guid Id { get; init; }

    public int SchoolId { get; init; }

    public string SchoolCode { get; init; } = "";

    public string ScopePath { get; init; } = "";

    public string Name { get; init; } = "";

    public string IdNumberMasked { get; init; } = "";

    public string? StatusNumber { get; init; }

    public string ClassName { get; init; } = "";

    public bool RegistrationApproved { get; init; }

    public EnrolmentStatus Status { get; init; }

    public DateOnly EnrolmentDate { get; init; }

    public int SchoolingYears { get; init; }

    /// <summary>全日制: only full-time students are expected on site (presence campaigns, the hanging scan; issue 11, item 12).</summary>
    public bool IsFullTime { get; init; }

    /// <summary>Approved repeated years and ended suspensions' days: they move the expected end (<see cref="ExpectedSchoolingEnd"/>).</summary>
    public int RepeatedYears { get; init; }

    public int SuspendedDays { get; init; }

    public DateOnly? StatusSince { get; init; }

    public DateOnly? ContinuedOn { get; init; }

    /// <summary>The last step of registration recorded for the record (approval, else submission, else collection), UTC.</summary>
    public DateTime RegisteredAtUtc { get; init; }
}

public static class StudentRows
{
    /// <summary>Student records in the actor's scope (the DbContext's filter applies).</summary>
    public static IQueryable<StudentRow> StudentRowsInScope(this TsaDbContext db) =>
        db.Set<StudentRecord>().AsNoTracking().Select(s => new StudentRow
        {
            Id = s.Id,
            SchoolId = s.SchoolId,
            SchoolCode = s.SchoolCode,
            ScopePath = s.ScopePath,
            Name = s.Name,
            IdNumberMasked = s.IdNumberMasked,
            StatusNumber = s.StatusNumber,
            ClassName = s.ClassName,
            RegistrationApproved = s.RegistrationState == RegistrationState.Approved,
            Status = s.Status,
            IsFullTime = s.IsFullTime,
            RepeatedYears = s.RepeatedYears,
            SuspendedDays = s.SuspendedDays,
            EnrolmentDate = s.EnrolmentDate,
            SchoolingYears = s.SchoolingYears,
            StatusSince = s.StatusSince,
            ContinuedOn = s.ContinuedOn,
            RegisteredAtUtc = s.ReviewedAtUtc ?? s.SubmittedAtUtc ?? s.CollectedAtUtc,
        });
}
