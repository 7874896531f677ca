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
using TechSchoolAid.Modules.Organizations.Domain;
using TechSchoolAid.Modules.Organizations.Features.Schools;

namespace TechSchoolAid.Modules.Organizations.Features.Fees;

/// <summary>
/// The supervising authority corrects a recorded tuition (a wrong figure, a period closed by a new document), from the
/// version it saw; the old and new terms go to the audit chain. Lists already built keep the amounts they were built with.
/// </summary>
public sealed class CorrectSchoolTuition(TsaDbContext db, SchoolDirectory schools, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder g) =>
        g.MapPut("/schools/{code}/tuition/{id:guid}", async (string code, Guid id, TuitionInput input, CorrectSchoolTuition correct, GetSchool detail, CancellationToken ct) =>
        {
            await correct.HandleAsync(code, id, input, ct);
            return TypedResults.Ok(await detail.HandleAsync(code, ct));
        }).RequireAccess(OrganizationAccess.ManageTuition)
            .WithSummary("主管部门更正学校的核定学费标准（须带 version；新旧内容记入审计）")
            .Produces<SchoolDetail>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(428);

    public async Task HandleAsync(string code, Guid id, TuitionInput input, CancellationToken ct)
    {
        db.Actor.Demand(OrganizationAccess.ManageTuition);
        var terms = TuitionRules.Check(input, clock.Today());
        var version = TuitionRules.RequireVersion(input.Version);
        var school = await SchoolWrites.SupervisedSchoolAsync(db, schools, code, OrganizationAccess.ManageTuition, ct);
        var tuition = await db.Set<SchoolTuition>().FirstOrDefaultAsync(t => t.Id == id && t.SchoolId == school.Id, ct)
            ?? throw AppException.NotFound("该学费标准");
        if (tuition.Version != version)
        {
            throw AppException.Conflict(VersionPreconditions.StaleMessage);
        }

        var same = await db.Set<SchoolTuition>().AsNoTracking().Where(t => t.SchoolId == school.Id && t.Major == terms.Major && t.Id != id).ToListAsync(ct);
        if (same.Find(t => t.Terms.Overlaps(terms.ValidFrom, terms.ValidTo)) is { } other)
        {
            throw TuitionRules.Overlap(other.Terms);
        }

        var old = RecordSchoolTuition.Audited(school.Code, tuition.Terms);
        db.Entry(tuition).Property(t => t.Version).OriginalValue = version;
        tuition.Correct(terms, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        school.Touch();
        db.Record(OrganizationAuditActions.TuitionCorrected, tuition.Id.ToString(), school.ScopePath, old, RecordSchoolTuition.Audited(school.Code, terms), clock);
        await SchoolWrites.SaveAsync(db, ct);
    }
}
