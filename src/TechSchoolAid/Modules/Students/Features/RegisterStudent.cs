using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Modules.Students.Features.Majors;

namespace TechSchoolAid.Modules.Students.Features;

/// <summary>Registers one new student from the entry form or the API (ENR-1, ENR-2, ENR-4).</summary>
public sealed class RegisterStudent(
    TsaDbContext db,
    SchoolDirectory schools,
    RegistrationWindow window,
    PersonalDataProtector protector,
    TimeProvider clock)
{
    public static void Map(RouteGroupBuilder schools) =>
        schools.MapPost("/students", async (string schoolCode, StudentInput input, RegisterStudent handler, StudentQueries queries, CancellationToken ct) =>
        {
            var record = await handler.HandleAsync(schoolCode, input, ct);
            return TypedResults.Created($"/api/v1/students/{record.Id}", await queries.GetAsync(record.Id, ct));
        }).WithSummary("登记一名新生").RequireAccess(StudentAccess.Register).ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);

    public async Task<StudentRecord> HandleAsync(string schoolCode, StudentInput input, CancellationToken ct)
    {
        db.Actor.Demand(StudentAccess.Register);
        var school = await schools.ForWriteAsync(schoolCode, ct);
        db.Actor.Demand(StudentAccess.Register, school.ScopePath);
        var majors = await MajorCatalogues.InForceAsync(db, clock.Today(), ct);
        var valid = StudentValidation.Validate(input, clock.Today(), protector, majors, out var errors)
            ?? throw AppException.Invalid(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        await window.EnsureOpenAsync(school.Id, valid.Data.IntakeYear, valid.Data.IntakeSeason, ct);
        if (valid.Data.IsFullTime)
        {
            var holders = await PlaceHolders.FindAsync(db, [valid.Personal.IdNumberHash], ct);
            if (holders.TryGetValue(valid.Personal.IdNumberHash, out var holder))
            {
                throw new AppException(ErrorKind.Conflict, PlaceHolders.Message(holder, school.Id), new Dictionary<string, string[]> { ["idNumber"] = [PlaceHolders.Message(holder, school.Id)] });
            }
        }

        var record = new StudentRecord(Guid.CreateVersion7(), school.Id, school.Code, school.ScopePath, valid.Data, valid.Personal, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Add(record);
        db.Record(StudentAuditActions.Registered, record.Id.ToString(), record.ScopePath, null, new { record.Name, idNumber = record.IdNumberMasked, school = school.Code, intake = StudentText.Intake(record.IntakeYear, record.IntakeSeason) }, clock);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (OnePlaceRule.IsViolation(ex))
        {
            throw AppException.Conflict("该学生已有在籍全日制学籍（刚被其他用户登记），不能重复注册");
        }

        return record;
    }
}

public sealed record PlaceHolder(int SchoolId, string SchoolName);

/// <summary>ENR-4: who holds a person's one full-time place, looked up by blind index across the whole country.</summary>
public static class PlaceHolders
{
    public static async Task<Dictionary<string, PlaceHolder>> FindAsync(TsaDbContext db, IReadOnlyCollection<string> hashes, CancellationToken ct)
    {
        var result = new Dictionary<string, PlaceHolder>();
        foreach (var chunk in hashes.Chunk(500))
        {
            // Deliberately outside the caller's scope: the rule is national. Only the school's name leaves this method.
            var rows = await (
                from s in db.Unscoped<StudentRecord>("ID numbers are unique across the country")
                join o in db.AllOrganizations() on s.SchoolId equals o.Id
                where s.HoldsPlace && chunk.Contains(s.IdNumberHash)
                select new { s.IdNumberHash, s.SchoolId, o.Name }).ToListAsync(ct);
            foreach (var r in rows)
            {
                result[r.IdNumberHash] = new PlaceHolder(r.SchoolId, r.Name);
            }
        }

        return result;
    }

    public static string Message(PlaceHolder holder, int schoolId) => holder.SchoolId == schoolId
        ? "该学生已在本校登记，不能重复登记"
        : $"该学生已在「{holder.SchoolName}」有在籍全日制学籍，不能重复注册";
}
