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

/// <summary>The recording authority corrects its comparable public tuition from the version it saw (kind stays; old → new audited).</summary>
public sealed class CorrectComparableTuition(TsaDbContext db, ListComparableTuition list, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder g) =>
        g.MapPut("/comparable-tuition/{id:guid}", async (Guid id, TuitionInput input, CorrectComparableTuition correct, CancellationToken ct) =>
            TypedResults.Ok(await correct.HandleAsync(id, input, ct)))
            .RequireAccess(OrganizationAccess.ManageComparableTuition)
            .WithSummary("更正本单位登记的同类型公办学校学费标准（须带 version；新旧内容记入审计）")
            .Produces<ComparableTuitionRow>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(428);

    public async Task<ComparableTuitionRow> HandleAsync(Guid id, TuitionInput input, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(OrganizationAccess.ManageComparableTuition);
        var terms = TuitionRules.Check(input, clock.Today());
        var version = TuitionRules.RequireVersion(input.Version);
        var row = await db.Set<ComparableTuition>().FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw AppException.NotFound("该学费标准");
        actor.Demand(OrganizationAccess.ManageComparableTuition, row.ScopePath);
        if (input.Kind is { } kind && kind != row.Kind)
        {
            throw AppException.Invalid("kind", "学校类型不能更正：请为该类型另行登记学费标准");
        }

        if (row.Version != version)
        {
            throw AppException.Conflict(VersionPreconditions.StaleMessage);
        }

        var same = await OrganizationReads.ComparableTuitions(db)
            .Where(t => t.ProvinceCode == row.ProvinceCode && t.CityCode == row.CityCode && t.Kind == row.Kind && t.Major == terms.Major && t.Id != id).ToListAsync(ct);
        if (same.Find(t => t.Terms.Overlaps(terms.ValidFrom, terms.ValidTo)) is { } other)
        {
            throw TuitionRules.Overlap(other.Terms);
        }

        var authority = await db.Set<Organization>().FirstAsync(o => o.ScopePath == row.ScopePath, ct);
        var old = RecordComparableTuition.Audited(row);
        db.Entry(row).Property(t => t.Version).OriginalValue = version;
        row.Correct(terms, actor.UserName, clock.GetUtcNow().UtcDateTime);
        authority.Touch();
        db.Record(OrganizationAuditActions.ComparableTuitionCorrected, row.Id.ToString(), row.ScopePath, old, RecordComparableTuition.Audited(row), clock);
        await SchoolWrites.SaveAsync(db, ct);
        return (await list.HandleAsync(row.ProvinceCode, ct)).Rows.First(r => r.Id == row.Id);
    }
}
