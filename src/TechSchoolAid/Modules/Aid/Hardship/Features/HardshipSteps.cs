using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Aid.Hardship.Features;

/// <summary>
/// What the steps of AID-1 share: loading the version a step acts on (the school's own staff, the current version),
/// the policy in force for its working days, and saving with the Chinese answers to a lost race. Every step checks its
/// state through the assessment's own methods, records who and when, and writes an audit event in the same
/// transaction; a refusal writes nothing.
/// </summary>
public sealed class HardshipSteps(TsaDbContext db, SchoolDirectory schools, IAidPolicies policies, PersonalDataProtector protector)
{
    /// <summary>Encrypts a sensitive text for storage (SEC-1); null stays null.</summary>
    public byte[]? Seal(string? text) => text is null ? null : protector.Encrypt(text);

    /// <summary>The role half of every step (<see cref="HardshipAccess.Manage"/>).</summary>
    public void DemandStaff() => db.Actor.Demand(HardshipAccess.Manage);

    public async Task<HardshipAssessment> LoadAsync(Guid id, CancellationToken ct) =>
        await db.Set<HardshipAssessment>().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw AppException.NotFound("家庭经济困难认定");

    /// <summary>The current version of an assessment of the actor's own school.</summary>
    public async Task<HardshipAssessment> LoadForStepAsync(Guid id, CancellationToken ct)
    {
        DemandStaff();
        var a = await LoadAsync(id, ct);
        db.Actor.Demand(HardshipAccess.ManageOwnSchool, a.ScopePath);
        a.RequireCurrent();
        return a;
    }

    /// <summary>The policy in force at the school on a date: its publication and objection working days.</summary>
    public async Task<AidPolicy> PolicyAsync(HardshipAssessment a, DateOnly date, CancellationToken ct)
    {
        var school = await schools.ForReadAsync(a.SchoolCode, ct);
        return (school.ProvinceCode is { } province ? await policies.PolicyFor(province, date, ct) : null)
            ?? throw AppException.Conflict($"{ChinaTime.Iso(date)} 所在学期没有资助政策，无法确定公示和异议答复的工作日数");
    }

    public async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw AppException.Conflict("该认定已被他人修改，请刷新后重试");
        }
        catch (DbUpdateException)
        {
            throw AppException.Conflict("该学生本学年已有家庭经济困难认定");
        }
    }

    /// <summary>Maps a step on one assessment: its answer is the assessment's detail, its version the ETag (If-Match honoured).</summary>
    internal static void MapStep<TStep, TInput>(RouteGroupBuilder g, string route, string summary, Func<TStep, Guid, TInput, CancellationToken, Task> step)
        where TStep : notnull =>
        g.MapPost(route, async Task<Ok<HardshipDetail>> (Guid id, TInput input, TStep handler, HardshipQueries q, CancellationToken ct) =>
        {
            await step(handler, id, input, ct);
            return TypedResults.Ok(await q.DetailAsync(id, ct));
        }).WithSummary(summary).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(428).Versioned<HardshipAssessment>().RequireAccess(HardshipAccess.ManageOwnSchool);
}
