using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Modules.Students.Features;

/// <summary>Records as status facts for the Funds module (<see cref="IStudentStatusFacts"/>).</summary>
public sealed class StudentStatusFactsQuery(TsaDbContext db) : IStudentStatusFacts
{
    public IQueryable<StudentStatusFact> Query() =>
        db.Set<StudentRecord>().AsNoTracking().Select(s => new StudentStatusFact
        {
            Id = s.Id,
            SchoolId = s.SchoolId,
            SchoolCode = s.SchoolCode,
            ScopePath = s.ScopePath,
            Name = s.Name,
            ClassName = s.ClassName,
            IdNumberMasked = s.IdNumberMasked,
            RegistrationApproved = s.RegistrationState == RegistrationState.Approved,
            Status = s.Status,
            StatusSince = s.StatusSince,
        });
}
