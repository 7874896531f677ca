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

/// <summary>Changes a designated area (its owner stays: national by the ministry, a province's by the province); audited before and after.</summary>
public sealed class UpdateDesignatedArea(TsaDbContext db, TimeProvider clock)
{
    public async Task<DesignatedAreaView> HandleAsync(Guid id, DesignatedAreaInput input, CancellationToken ct)
    {
        var area = await db.Set<DesignatedArea>().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw AppException.NotFound("特定地区");
        db.Actor.Demand(AidPolicyAccess.Edit, area.ScopePath);
        var province = string.IsNullOrWhiteSpace(input.ProvinceCode) ? null : input.ProvinceCode.Trim();
        if (province != area.ProvinceCode)
        {
            throw AppException.Invalid("provinceCode", "不能更改特定地区的所属（国家或省份）");
        }

        CreateDesignatedArea.Validate(input, province);
        if (input.Version is { } v && v != area.Version)
        {
            throw AppException.Conflict("该特定地区已被他人修改，请刷新后重试");
        }

        var old = DesignatedAreaQueries.ToView(area, db.Actor);
        area.Apply(input);
        db.Record(AidPolicyAuditActions.DesignatedAreaUpdated, area.Id.ToString(), area.ScopePath, old, DesignatedAreaQueries.ToView(area, db.Actor), clock);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw AppException.Conflict("该特定地区已被他人修改，请刷新后重试");
        }

        return DesignatedAreaQueries.ToView(area, db.Actor);
    }

    public static void Map(RouteGroupBuilder g) =>
        g.MapPut("/designated-areas/{id:guid}", (Guid id, DesignatedAreaInput input, UpdateDesignatedArea handler, CancellationToken ct) => handler.HandleAsync(id, input, ct))
            .WithSummary("修改国家助学金特定地区（国家认定的由部级管理员，省定的由本省管理员）")
            .Produces<DesignatedAreaView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .RequireAccess(AidPolicyAccess.Edit);
}
