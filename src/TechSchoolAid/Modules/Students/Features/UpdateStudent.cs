using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Modules.Students.Features.Majors;

namespace TechSchoolAid.Modules.Students.Features;

/// <summary>
/// Corrects a student the school has not submitted yet, or one the authority returned (ENR-3), with the same validation
/// as the entry form. An empty ID number or phone keeps the one on record, so the clerk never has to reveal it to fix a class
/// name. The intake deadline does not apply: the record was registered in time and is being corrected.
/// </summary>
public sealed class UpdateStudent(TsaDbContext db, PersonalDataProtector protector, VersionPreconditions preconditions, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder students) =>
        students.MapPut("/{id:guid}", async (Guid id, StudentInput input, UpdateStudent handler, StudentQueries queries, CancellationToken ct) =>
        {
            await handler.HandleAsync(id, input, ct);
            return await queries.GetAsync(id, ct);
        }).WithSummary("修改未报送或被退回的学生（证件号码留空则不变；须带 If-Match）").RequireAccess(StudentAccess.Edit).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(428)
          .Versioned<StudentRecord>();

    /// <summary>The page's correction of what it displayed: <paramref name="version"/> is the version the user saw (ADR 0015).</summary>
    public async Task<StudentRecord> HandleAtVersionAsync(Guid id, long version, StudentInput input, CancellationToken ct)
    {
        using var seen = preconditions.Expect<StudentRecord>(id, version);
        return await HandleAsync(id, input, ct);
    }

    public async Task<StudentRecord> HandleAsync(Guid id, StudentInput input, CancellationToken ct)
    {
        db.Actor.Demand(StudentAccess.Edit);
        var record = await db.Set<StudentRecord>().FirstOrDefaultAsync(s => s.Id == id, ct)
            ?? throw AppException.NotFound("学生");
        db.Actor.Demand(StudentAccess.Edit, record.ScopePath);
        if (!record.IsEditable)
        {
            throw AppException.Conflict("已报送或已审核通过的学籍不能直接修改；如需更正请走学籍异动");
        }

        if (string.IsNullOrWhiteSpace(input.IdNumber))
        {
            input.IdNumber = protector.Decrypt(record.IdNumberCipher);
            input.DocumentType ??= record.DocumentType;
        }

        // Phones work like the ID number: shown masked, kept unless a new one is typed.
        if (string.IsNullOrWhiteSpace(input.Phone) && record.PhoneCipher is { } phone)
        {
            input.Phone = protector.Decrypt(phone);
        }

        if (string.IsNullOrWhiteSpace(input.GuardianPhone) && record.GuardianPhoneCipher is { } guardianPhone)
        {
            input.GuardianPhone = protector.Decrypt(guardianPhone);
        }

        var majors = await MajorCatalogues.ForStudentAsync(db, clock.Today(), record, ct);
        var valid = StudentValidation.Validate(input, clock.Today(), protector, majors, out var errors)
            ?? throw AppException.Invalid(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        if (valid.Data.IsFullTime && valid.Personal.IdNumberHash != record.IdNumberHash)
        {
            var holders = await PlaceHolders.FindAsync(db, [valid.Personal.IdNumberHash], ct);
            if (holders.TryGetValue(valid.Personal.IdNumberHash, out var holder))
            {
                var message = PlaceHolders.Message(holder, record.SchoolId);
                throw new AppException(ErrorKind.Conflict, message, new Dictionary<string, string[]> { ["idNumber"] = [message] });
            }
        }

        var before = new { record.Name, idNumber = record.IdNumberMasked, record.ClassName, record.Major, record.IntakeYear, record.IntakeSeason };
        record.Update(valid.Data, valid.Personal);
        db.Record(StudentAuditActions.Updated, record.Id.ToString(), record.ScopePath, before,
            new { record.Name, idNumber = record.IdNumberMasked, record.ClassName, record.Major, record.IntakeYear, record.IntakeSeason }, clock);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (OnePlaceRule.IsViolation(ex))
        {
            throw AppException.Conflict("该证件号码刚被其他用户登记，不能重复注册");
        }

        return record;
    }
}
