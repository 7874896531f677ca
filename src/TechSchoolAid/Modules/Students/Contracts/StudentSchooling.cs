using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Modules.Students.Contracts;

/// <summary>What the Graduation module may know of a record's schooling (GRD-1): major, level, length and when it ends.</summary>
public sealed record SchoolingInfo(
    Guid Id,
    int SchoolId,
    string SchoolCode,
    string ScopePath,
    string Name,
    string IdNumberMasked,
    string? StatusNumber,
    string Major,
    string LevelText,
    DateOnly EnrolmentDate,
    int SchoolingYears,
    EnrolmentStatus Status,
    bool RegistrationApproved,
    int RepeatedYears = 0,
    int SuspendedDays = 0)
{
    /// <summary>
    /// 学业期满: the enrolment date plus the schooling years, moved by approved repeated years and suspensions (issue 11,
    /// item 12; <see cref="ExpectedSchoolingEnd"/>). Only active records are read here, so no suspension is running.
    /// </summary>
    public DateOnly SchoolingEndsOn => EnrolmentDate.AddYears(SchoolingYears + RepeatedYears).AddDays(SuspendedDays);
}

/// <summary>Reads of records by schooling, in the caller's scope (the DbContext's filter applies).</summary>
public sealed class StudentSchooling(TsaDbContext db)
{
    /// <summary>Active (在籍), approved records of a school whose schooling ends on or before <paramref name="endsBy"/>.</summary>
    public async Task<List<SchoolingInfo>> ActiveEndingByAsync(int schoolId, DateOnly endsBy, CancellationToken ct)
    {
        // Coarse filter in SQL (intake year), exact date test in memory: date arithmetic on a column differs per provider.
        var latestIntake = endsBy.Year;
        var rows = await Project(db.Set<StudentRecord>().AsNoTracking()
            .Where(s => s.SchoolId == schoolId && s.Status == EnrolmentStatus.Active && s.RegistrationState == RegistrationState.Approved
                        && s.IntakeYear + s.SchoolingYears + s.RepeatedYears <= latestIntake + 1)).ToListAsync(ct);
        return rows.Where(r => r.SchoolingEndsOn <= endsBy).OrderBy(r => r.StatusNumber, StringComparer.Ordinal).ToList();
    }

    public Task<List<SchoolingInfo>> GetManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        Project(db.Set<StudentRecord>().AsNoTracking().Where(s => ids.Contains(s.Id))).ToListAsync(ct);

    private static IQueryable<SchoolingInfo> Project(IQueryable<StudentRecord> q) => q.Select(s => new SchoolingInfo(
        s.Id, s.SchoolId, s.SchoolCode, s.ScopePath, s.Name, s.IdNumberMasked, s.StatusNumber, s.Major,
        s.TrainingLevel == TrainingLevel.Intermediate ? "中级工" : s.TrainingLevel == TrainingLevel.Senior ? "高级工" : "预备技师",
        s.EnrolmentDate, s.SchoolingYears, s.Status, s.RegistrationState == RegistrationState.Approved, s.RepeatedYears, s.SuspendedDays));
}
