using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Policies.Contracts;
using TechSchoolAid.Modules.Aid.Policies.Domain;
using TechSchoolAid.Modules.Audit;

namespace TechSchoolAid.Modules.Aid.Policies.Features;

/// <summary>A new policy table: the ministry the national default and any province's, a province administrator its own; checked whole, audited.</summary>
public sealed class CreateAidPolicy(TsaDbContext db, TimeProvider clock)
{
    public async Task<AidPolicyView> HandleAsync(AidPolicyValues input, CancellationToken ct)
    {
        input = input with { ProvinceCode = AidPolicyChecks.NormalizeProvince(input.ProvinceCode) };
        DemandWriter(db.Actor, input.ProvinceCode);
        await AidPolicyChecks.PolicyAsync(db, input, null, ct);
        var row = new AidPolicyRecord(Guid.NewGuid(), input);
        db.Add(row);
        db.Record(AidPolicyAuditActions.PolicyCreated, row.Id.ToString(), row.ScopePath, null, row.Values, clock);
        await db.SaveChangesAsync(ct);
        return AidPolicyQueries.ToView(row, await new AidPolicyQueries(db).RangeOnAsync(row.ValidFrom, ct), db.Actor);
    }

    /// <summary><see cref="AidPolicyAccess.Edit"/> on the table's province, with the answer naming who may maintain it.</summary>
    internal static void DemandWriter(Actor actor, string? provinceCode)
    {
        actor.Demand(AidPolicyAccess.Edit);
        if (!actor.May(AidPolicyAccess.Edit, AidPolicyAccess.ScopeOf(provinceCode)))
        {
            throw AppException.Forbidden(AidPolicyAccess.OutOfScope(provinceCode));
        }
    }

    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/", async (AidPolicyValues input, CreateAidPolicy handler, CancellationToken ct) =>
        {
            var created = await handler.HandleAsync(input, ct);
            return TypedResults.Created($"/api/v1/aid-policies/{created.Id}", created);
        }).WithSummary("新建资助政策（部级：国家默认与任一省；省级管理员：本省）；档次、范围、有效期等不合规时整体拒绝")
            .ProducesProblem(400).ProducesProblem(403).RequireAccess(AidPolicyAccess.Edit);
}
