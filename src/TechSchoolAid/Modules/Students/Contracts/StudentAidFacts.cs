using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Modules.Students.Contracts;

/// <summary>
/// What the Aid module may know of a record to decide AID-3/AID-4 eligibility: formal status, full-time, grade inputs,
/// household and county, major kind. <see cref="PersonKey"/> is the blind index of the person (never the number), so that
/// "one approval per person, item and semester" holds across schools.
/// </summary>
public sealed record StudentAidFacts
{
    public Guid Id { get; init; }

    public int SchoolId { get; init; }

    public string SchoolCode { get; init; } = "";

    public string ScopePath { get; init; } = "";

    public string PersonKey { get; init; } = "";

    public string Name { get; init; } = "";

    public string IdNumberMasked { get; init; } = "";

    public string ClassName { get; init; } = "";

    public string Major { get; init; } = "";

    public bool MajorIsAgricultural { get; init; }

    public MajorArts MajorArts { get; init; }

    public Household Household { get; init; }

    /// <summary>农村（含县镇）: the tuition waiver's household test (财教〔2021〕310号, 中职免学费; 财教〔2012〕376号).</summary>
    public bool IsRuralOrCountyTown => Household is Household.Rural or Household.CountyTown;

    /// <summary>农村学生（不含县城）: the designated areas' grant test (财教〔2019〕25号 第三条; 财教〔2021〕310号).</summary>
    public bool IsRuralExcludingCountyTown => Household == Household.Rural;

    public string HouseholdCountyCode { get; init; } = "";

    public bool IsFullTime { get; init; }

    public bool RegistrationApproved { get; init; }

    public EnrolmentStatus Status { get; init; }

    public DateOnly? StatusSince { get; init; }

    public DateOnly EnrolmentDate { get; init; }

    public int SchoolingYears { get; init; }
}

public static class StudentAidFactRows
{
    /// <summary>Records in the actor's scope as aid facts (the DbContext's filter applies); compose further in SQL.</summary>
    public static IQueryable<StudentAidFacts> StudentAidFactsInScope(this TsaDbContext db) =>
        db.Set<StudentRecord>().AsNoTracking().Select(s => new StudentAidFacts
        {
            Id = s.Id,
            SchoolId = s.SchoolId,
            SchoolCode = s.SchoolCode,
            ScopePath = s.ScopePath,
            PersonKey = s.IdNumberHash,
            Name = s.Name,
            IdNumberMasked = s.IdNumberMasked,
            ClassName = s.ClassName,
            Major = s.Major,
            MajorIsAgricultural = s.MajorIsAgricultural,
            MajorArts = s.MajorArts,
            Household = s.Household,
            HouseholdCountyCode = s.HouseholdCountyCode,
            IsFullTime = s.IsFullTime,
            RegistrationApproved = s.RegistrationState == RegistrationState.Approved,
            Status = s.Status,
            StatusSince = s.StatusSince,
            EnrolmentDate = s.EnrolmentDate,
            SchoolingYears = s.SchoolingYears,
        });
}
