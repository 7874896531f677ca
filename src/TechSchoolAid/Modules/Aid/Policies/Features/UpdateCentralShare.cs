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

/// <summary>Changes a province's central share (the ministry only; the province stays); audited before and after.</summary>
public sealed class UpdateCentralShare(TsaDbContext db, TimeProvider clock)
{
    public async Task<AidCentralShareView> HandleAsync(Guid id, AidCentralShareInput input, CancellationToken ct)
    {
        db.Actor.Demand(AidPolicyAccess.ManageCentralShares);
        var row = await db.Set<AidCentralShare>().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw AppException.NotFound("中央分担比例");
        if (input.ProvinceCode != row.ProvinceCode)
        {
            throw AppException.Invalid("provinceCode", "不能更改分担比例所属的省份");
        }

        if ((string.IsNullOrWhiteSpace(input.CityCode) ? null : input.CityCode.Trim()) != row.CityCode)
        {
            throw AppException.Invalid("cityCode", "不能更改分担比例所属的计划单列市；请另建一条");
        }

        await AidPolicyChecks.ShareAsync(db, input, id, ct);
        var old = AidPolicyQueries.ToView(row);
        row.Apply(input.SharePercent, input.ValidFrom, input.ValidTo, input.Source);
        db.Record(AidPolicyAuditActions.CentralShareUpdated, row.Id.ToString(), "/", old, AidPolicyQueries.ToView(row), clock);
        await db.SaveChangesAsync(ct);
        return AidPolicyQueries.ToView(row);
    }

    public static void Map(RouteGroupBuilder g) =>
        g.MapPut("/central-shares/{id:guid}", (Guid id, AidCentralShareInput input, UpdateCentralShare handler, CancellationToken ct) => handler.HandleAsync(id, input, ct))
            .WithSummary("修改中央分担比例（仅部级管理员）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404)
            .RequireAccess(AidPolicyAccess.ManageCentralShares);
}
