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
/// The province (or a city, for its area) records the comparable public schools' tuition for a school kind, optionally a
/// major, with its document and period: the figure a 民办 school's waiver is paid at. Overlapping periods of the same
/// authority, kind and major are refused.
/// </summary>
public sealed class RecordComparableTuition(TsaDbContext db, ListComparableTuition list, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder g) =>
        g.MapPost("/comparable-tuition", async (TuitionInput input, RecordComparableTuition record, CancellationToken ct) =>
        {
            var row = await record.HandleAsync(input, ct);
            return TypedResults.Created($"/api/v1/organizations/comparable-tuition/{row.Id}", row);
        }).RequireAccess(OrganizationAccess.ManageComparableTuition)
            .WithSummary("省（或市为本市）登记同类型同专业公办学校学费标准，作为民办学校免学费补助标准")
            .Produces<ComparableTuitionRow>(201).ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);

    public async Task<ComparableTuitionRow> HandleAsync(TuitionInput input, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(OrganizationAccess.ManageComparableTuition, actor.ScopePath);
        var errors = new Dictionary<string, List<string>>();
        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            SchoolRules.Add(errors, "kind", "请选择学校类型（技师学院、高级技工学校或技工学校）");
            InputGuard.ThrowIfAny(errors);
        }

        var terms = TuitionRules.Check(input, clock.Today());
        var authority = await db.Set<Organization>().FirstOrDefaultAsync(o => o.Code == actor.OrganizationCode, ct) ?? throw AppException.NotFound("本单位");
        var cityCode = authority.Level == OrgLevel.City ? authority.Code : null;
        var same = await OrganizationReads.ComparableTuitions(db)
            .Where(t => t.ProvinceCode == authority.ProvinceCode && t.CityCode == cityCode && t.Kind == input.Kind && t.Major == terms.Major).ToListAsync(ct);
        if (same.Find(t => t.Terms.Overlaps(terms.ValidFrom, terms.ValidTo)) is { } other)
        {
            throw TuitionRules.Overlap(other.Terms);
        }

        var row = new ComparableTuition(Guid.CreateVersion7(), authority.ProvinceCode!, cityCode, authority.ScopePath, input.Kind!.Value, terms,
            actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Add(row);
        authority.Touch();
        db.Record(OrganizationAuditActions.ComparableTuitionRecorded, row.Id.ToString(), row.ScopePath, null, Audited(row), clock);
        await SchoolWrites.SaveAsync(db, ct);
        return (await list.HandleAsync(row.ProvinceCode, ct)).Rows.First(r => r.Id == row.Id);
    }

    internal static object Audited(ComparableTuition t) => new
    {
        province = t.ProvinceCode, city = t.CityCode, kind = t.Kind, amountFen = t.AmountFen, major = t.Major, documentNumber = t.DocumentNumber,
        documentDate = ChinaTime.Iso(t.DocumentDate), validFrom = ChinaTime.Iso(t.ValidFrom), validTo = t.ValidTo is { } to ? ChinaTime.Iso(to) : null,
    };
}
