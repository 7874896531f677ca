using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Organizations.Domain;
using TechSchoolAid.Modules.Organizations.Features.Schools;

namespace TechSchoolAid.Modules.Organizations.Features.Fees;

/// <summary>
/// The school's supervising authority records an approved tuition (核定学费标准, ORG-2): amount per student per year,
/// the approving document, its period, optionally one major. A period overlapping another of the same major is refused.
/// </summary>
public sealed class RecordSchoolTuition(TsaDbContext db, SchoolDirectory schools, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder g) =>
        g.MapPost("/schools/{code}/tuition", async (string code, TuitionInput input, RecordSchoolTuition record, GetSchool detail, CancellationToken ct) =>
        {
            await record.HandleAsync(code, input, ct);
            return TypedResults.Created($"/api/v1/organizations/schools/{code}", await detail.HandleAsync(code, ct));
        }).RequireAccess(OrganizationAccess.ManageTuition)
            .WithSummary("主管部门登记学校的核定学费标准（每生每年金额、批准文件、执行期间，可按专业；期间不得重叠）")
            .Produces<SchoolDetail>(201).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    /// <summary>Records the standard and answers its id.</summary>
    public async Task<Guid> HandleAsync(string code, TuitionInput input, CancellationToken ct)
    {
        db.Actor.Demand(OrganizationAccess.ManageTuition);
        var terms = TuitionRules.Check(input, clock.Today());
        var school = await SchoolWrites.SupervisedSchoolAsync(db, schools, code, OrganizationAccess.ManageTuition, ct);
        var same = await db.Set<SchoolTuition>().AsNoTracking().Where(t => t.SchoolId == school.Id && t.Major == terms.Major).ToListAsync(ct);
        if (same.Find(t => t.Terms.Overlaps(terms.ValidFrom, terms.ValidTo)) is { } other)
        {
            throw TuitionRules.Overlap(other.Terms);
        }

        var tuition = new SchoolTuition(Guid.CreateVersion7(), school.Id, school.ScopePath, terms, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Add(tuition);
        school.Touch();
        db.Record(OrganizationAuditActions.TuitionRecorded, tuition.Id.ToString(), school.ScopePath, null, Audited(school.Code, terms), clock);
        await SchoolWrites.SaveAsync(db, ct);
        return tuition.Id;
    }

    internal static object Audited(string school, TuitionTerms t) => new
    {
        school, amountFen = t.AmountFen, major = t.Major, documentNumber = t.DocumentNumber, documentDate = ChinaTime.Iso(t.DocumentDate),
        validFrom = ChinaTime.Iso(t.ValidFrom), validTo = t.ValidTo is { } to ? ChinaTime.Iso(to) : null,
    };
}
