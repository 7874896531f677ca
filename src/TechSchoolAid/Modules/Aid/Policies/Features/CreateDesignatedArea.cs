using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Policies.Contracts;
using TechSchoolAid.Modules.Aid.Policies.Domain;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Aid.Policies.Features;

/// <summary>
/// A new designated area: a national one (no province; the ministry only) or a province's own (that province's
/// administrator or the ministry), audited. A province's own area adds to its policy table's all-rural county codes.
/// </summary>
public sealed class CreateDesignatedArea(TsaDbContext db, TimeProvider clock)
{
    public const int MaxCounties = 1000;

    public async Task<DesignatedAreaView> HandleAsync(DesignatedAreaInput input, CancellationToken ct)
    {
        var province = string.IsNullOrWhiteSpace(input.ProvinceCode) ? null : input.ProvinceCode.Trim();
        db.Actor.Demand(AidPolicyAccess.Edit, AidPolicyAccess.ScopeOf(province));
        Validate(input, province);
        var area = new DesignatedArea(Guid.NewGuid(), province, input);
        db.Add(area);
        db.Record(AidPolicyAuditActions.DesignatedAreaCreated, area.Id.ToString(), area.ScopePath, null, DesignatedAreaQueries.ToView(area, db.Actor), clock);
        await db.SaveChangesAsync(ct);
        return DesignatedAreaQueries.ToView(area, db.Actor);
    }

    /// <summary>Every field named in Chinese; nothing is written on a bad input.</summary>
    public static void Validate(DesignatedAreaInput input, string? province)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            list.Add(message);
        }

        if (province is not null && Divisions.ProvinceName(province) is null)
        {
            Add("provinceCode", $"省份代码「{province}」不存在");
        }

        var name = input.Name.Trim();
        if (name.Length is 0 or > 100)
        {
            Add("name", "地区名称不能为空，且不超过 100 字");
        }

        if (!Enum.IsDefined(input.Kind))
        {
            Add("kind", "地区类别不是有效的选项");
        }
        else if (province is not null && input.Kind != DesignatedAreaKind.Province)
        {
            Add("kind", "省自定的地区类别只能是“省定地区”");
        }
        else if (province is null && input.Kind == DesignatedAreaKind.Province)
        {
            Add("kind", "国家认定的地区不能选“省定地区”");
        }

        var counties = input.CountyCodes.Select(c => c.Trim()).ToList();
        if (counties.Count == 0 || counties.Count > MaxCounties)
        {
            Add("countyCodes", $"请填写 1—{MaxCounties} 个县级行政区划代码");
        }
        else if (counties.Where(c => !Divisions.IsCounty(c)).Take(5).ToList() is { Count: > 0 } bad)
        {
            Add("countyCodes", $"县级行政区划代码不存在：{string.Join("、", bad.Select(c => c.Length > 12 ? c[..12] : c))}");
        }

        if (input.ValidFrom == default)
        {
            Add("validFrom", "请填写有效期起");
        }
        else if (input.ValidTo is { } to && to < input.ValidFrom)
        {
            Add("validTo", "有效期止不能早于有效期起");
        }

        if (input.Source.Trim().Length is 0 or > 500)
        {
            Add("source", "请填写依据文件（文号），不超过 500 字");
        }

        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
    }

    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/designated-areas", async (DesignatedAreaInput input, CreateDesignatedArea handler, CancellationToken ct) =>
        {
            var created = await handler.HandleAsync(input, ct);
            return TypedResults.Created($"/api/v1/aid-policies/designated-areas/{created.Id}", created);
        }).WithSummary("新增国家助学金特定地区（国家认定的由部级管理员，省定的由本省管理员）")
            .Produces<DesignatedAreaView>(201).ProducesProblem(400).ProducesProblem(403)
            .RequireAccess(AidPolicyAccess.Edit);
}
