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

/// <summary>A new central share for a province over a period (the ministry only; 80/60/50/30/10%).</summary>
public sealed class CreateCentralShare(TsaDbContext db, TimeProvider clock)
{
    public async Task<AidCentralShareView> HandleAsync(AidCentralShareInput input, CancellationToken ct)
    {
        db.Actor.Demand(AidPolicyAccess.ManageCentralShares);
        await AidPolicyChecks.ShareAsync(db, input, null, ct);
        var row = new AidCentralShare(Guid.NewGuid(), input.ProvinceCode, input.CityCode, input.SharePercent, input.ValidFrom, input.ValidTo, input.Source);
        db.Add(row);
        db.Record(AidPolicyAuditActions.CentralShareCreated, row.Id.ToString(), "/", null, AidPolicyQueries.ToView(row), clock);
        await db.SaveChangesAsync(ct);
        return AidPolicyQueries.ToView(row);
    }

    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/central-shares", async (AidCentralShareInput input, CreateCentralShare handler, CancellationToken ct) =>
        {
            var created = await handler.HandleAsync(input, ct);
            return TypedResults.Created($"/api/v1/aid-policies/central-shares/{created.Id}", created);
        }).WithSummary("新增中央分担比例（仅部级管理员；80/60/50/30/10%；cityCode 只能是计划单列市）").ProducesProblem(400).ProducesProblem(403)
            .RequireAccess(AidPolicyAccess.ManageCentralShares);
}
