using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Policies.Contracts;
using TechSchoolAid.Modules.Aid.Policies.Domain;
using TechSchoolAid.Modules.Audit;

namespace TechSchoolAid.Modules.Aid.Policies.Features;

/// <summary>Changes a policy table in place (its province stays); audited with every number before and after.</summary>
public sealed class UpdateAidPolicy(TsaDbContext db, TimeProvider clock)
{
    public async Task<AidPolicyView> HandleAsync(Guid id, AidPolicyValues input, CancellationToken ct)
    {
        var row = await db.Set<AidPolicyRecord>().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw AppException.NotFound("资助政策");
        CreateAidPolicy.DemandWriter(db.Actor, row.ProvinceCode);
        input = input with { ProvinceCode = AidPolicyChecks.NormalizeProvince(input.ProvinceCode) };
        if (input.ProvinceCode != row.ProvinceCode)
        {
            throw AppException.Invalid("provinceCode", "不能更改政策所属的省份；请为该省另建一条政策");
        }

        await AidPolicyChecks.PolicyAsync(db, input, row.Id, ct);
        var old = row.Values;
        row.Apply(input);
        db.Record(AidPolicyAuditActions.PolicyUpdated, row.Id.ToString(), row.ScopePath, old, row.Values, clock);
        await db.SaveChangesAsync(ct);
        return AidPolicyQueries.ToView(row, await new AidPolicyQueries(db).RangeOnAsync(row.ValidFrom, ct), db.Actor);
    }

    public static void Map(RouteGroupBuilder g) =>
        g.MapPut("/{id:guid}", (Guid id, AidPolicyValues input, UpdateAidPolicy handler, CancellationToken ct) => handler.HandleAsync(id, input, ct))
            .WithSummary("修改资助政策（审计记录修改前后的全部数值）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .RequireAccess(AidPolicyAccess.Edit);
}
