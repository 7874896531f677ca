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

/// <summary>
/// Changes a national range in place (a correction); a change of policy from a date is a new row after closing this one.
/// The provinces' stored tables are not re-checked (ADR 0009).
/// </summary>
public sealed class UpdateNationalRange(TsaDbContext db, TimeProvider clock)
{
    public async Task<AidNationalRangeView> HandleAsync(Guid id, AidNationalRangeInput input, CancellationToken ct)
    {
        db.Actor.Demand(AidPolicyAccess.ManageNationalRanges);
        var row = await db.Set<AidNationalRange>().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw AppException.NotFound("国家助学金档次范围");
        await AidPolicyChecks.RangeAsync(db, input, id, ct);
        var old = AidPolicyQueries.ToView(row);
        row.Apply(input);
        db.Record(AidPolicyAuditActions.NationalRangeUpdated, row.Id.ToString(), "/", old, AidPolicyQueries.ToView(row), clock);
        await db.SaveChangesAsync(ct);
        return AidPolicyQueries.ToView(row);
    }

    public static void Map(RouteGroupBuilder g) =>
        g.MapPut("/national-ranges/{id:guid}", (Guid id, AidNationalRangeInput input, UpdateNationalRange handler, CancellationToken ct) => handler.HandleAsync(id, input, ct))
            .WithSummary("修改国家助学金档次范围（仅部级管理员；审计记录修改前后的数值；不重新校验已保存的各省政策）")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).RequireAccess(AidPolicyAccess.ManageNationalRanges);
}
