using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Policies.Contracts;
using TechSchoolAid.Modules.Aid.Policies.Domain;
using TechSchoolAid.Modules.Audit;

namespace TechSchoolAid.Modules.Aid.Policies.Features;

/// <summary>A new national tier range and minimum publication period, for a period of its own (the ministry only).</summary>
public sealed class CreateNationalRange(TsaDbContext db, TimeProvider clock)
{
    public async Task<AidNationalRangeView> HandleAsync(AidNationalRangeInput input, CancellationToken ct)
    {
        db.Actor.Demand(AidPolicyAccess.ManageNationalRanges);
        await AidPolicyChecks.RangeAsync(db, input, null, ct);
        var row = new AidNationalRange(Guid.NewGuid(), input);
        db.Add(row);
        db.Record(AidPolicyAuditActions.NationalRangeCreated, row.Id.ToString(), "/", null, AidPolicyQueries.ToView(row), clock);
        await db.SaveChangesAsync(ct);
        return AidPolicyQueries.ToView(row);
    }

    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/national-ranges", async (AidNationalRangeInput input, CreateNationalRange handler, CancellationToken ct) =>
        {
            var created = await handler.HandleAsync(input, ct);
            return TypedResults.Created($"/api/v1/aid-policies/national-ranges/{created.Id}", created);
        }).WithSummary("新增国家助学金档次范围与最少公示工作日（仅部级管理员；下限小于上限、金额为正、有效期不得重叠）")
            .ProducesProblem(400).ProducesProblem(403).RequireAccess(AidPolicyAccess.ManageNationalRanges);
}
