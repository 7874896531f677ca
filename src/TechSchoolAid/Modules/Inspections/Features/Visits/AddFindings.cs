using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.Inspections.Domain;

namespace TechSchoolAid.Modules.Inspections.Features.Visits;

/// <summary>Adds a finding to a recorded visit or spot check (INS-1): the visit's recorder's rule (province or ministry for a planned visit, the ministry for a spot check).</summary>
public sealed class AddFinding(TsaDbContext db, FindingWriter findings, VisitViews views, InspectionSupport support)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/visits/{id:guid}/findings", (Guid id, FindingInput input, AddFinding add, CancellationToken ct) => add.HandleAsync(id, input, ct))
            .RequireAccess(InspectionAccess.RecordVisit)
            .WithSummary("为检查或抽查补充检查发现（需整改的生成整改任务，按工作日计算整改期限）")
            .Produces<VisitView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<VisitView> HandleAsync(Guid id, FindingInput input, CancellationToken ct)
    {
        var visit = await db.Set<InspectionVisit>().FirstOrDefaultAsync(v => v.Id == id, ct) ?? throw AppException.NotFound("检查记录");
        db.Actor.Demand(visit.Kind == VisitKind.SpotCheck ? InspectionAccess.SpotCheck : InspectionAccess.RecordVisit, visit.ScopePath);
        await findings.ValidateAsync([input], "", ct);
        await findings.AddAsync(visit, [input], ct);
        await support.SaveAsync("检查记录已被他人修改，请刷新后重试", ct);
        return await views.ViewAsync(visit.Id, ct);
    }
}
