using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.Inspections.Domain;

namespace TechSchoolAid.Modules.Inspections.Features.Coverage;

public sealed class InspectionPolicyInput
{
    public DateOnly? ValidFrom { get; set; }

    public int? CityShareNumerator { get; set; }

    public int? CityShareDenominator { get; set; }

    public int? YearsWithinWhichEverySchool { get; set; }

    public int? NoRecentVisitWeight { get; set; }

    public int? RectificationWorkingDays { get; set; }

    /// <summary>The multiplier of each risk factor ("crosscheck-overdue": 5 …).</summary>
    public Dictionary<string, int>? Weights { get; set; }

    /// <summary>The document and clause the numbers come from.</summary>
    public string? Source { get; set; }
}

/// <summary>The coverage shares, risk weights and rectification period as dated policy data (INS-1): read by all, set by the ministry from a date, audited.</summary>
public sealed class InspectionPolicies(TsaDbContext db, InspectionSupport support, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/policy", (InspectionPolicies p, CancellationToken ct) => p.CurrentAsync(ct))
            .RequireAccess(InspectionAccess.View)
            .WithSummary("现行检查政策参数：市管学校覆盖比例、全覆盖年限、风险权重、整改期限（工作日）及依据")
            .Produces<InspectionPolicyView>().ProducesProblem(403);
        g.MapPost("/policy", (InspectionPolicyInput input, InspectionPolicies p, CancellationToken ct) => p.SetAsync(input, ct))
            .RequireAccess(InspectionAccess.SetPolicy)
            .WithSummary("人社部设定自某日起施行的检查政策参数（须注明依据）")
            .Produces<InspectionPolicyView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);
    }

    public async Task<InspectionPolicyView> CurrentAsync(CancellationToken ct)
    {
        db.Actor.Demand(InspectionAccess.View);
        var p = await support.PolicyAsync(support.Today, ct);
        return ToView(p, await support.WeightsAsync(p.Id, ct));
    }

    public async Task<InspectionPolicyView> SetAsync(InspectionPolicyInput input, CancellationToken ct)
    {
        db.Actor.Demand(InspectionAccess.SetPolicy, db.Actor.ScopePath);
        var errors = new Dictionary<string, string[]>();
        void Need<T>(string field, T? value, string name)
            where T : struct
        {
            if (value is null)
            {
                errors[field] = [$"请填写{name}"];
            }
        }

        Need("validFrom", input.ValidFrom, "施行日期");
        Need("cityShareNumerator", input.CityShareNumerator, "市管学校覆盖比例的分子");
        Need("cityShareDenominator", input.CityShareDenominator, "市管学校覆盖比例的分母");
        Need("yearsWithinWhichEverySchool", input.YearsWithinWhichEverySchool, "全覆盖年限");
        Need("noRecentVisitWeight", input.NoRecentVisitWeight, "“近两年未检查”的风险权重");
        Need("rectificationWorkingDays", input.RectificationWorkingDays, "整改期限（工作日）");
        if (input.ValidFrom is { } from && from < support.Today)
        {
            errors["validFrom"] = ["施行日期不能早于今天（已施行的参数不能追溯修改）"];
        }

        if ((input.Source ?? "").Trim().Length > InspectionPolicy.MaxSourceLength)
        {
            errors["source"] = [$"依据不能超过 {InspectionPolicy.MaxSourceLength} 个字符"];
        }

        if ((input.Weights ?? []).Keys.FirstOrDefault(k => k.Length is 0 or > 40) is { } badKey)
        {
            errors["weights"] = [$"风险因素名称“{(badKey.Length > 40 ? badKey[..40] + "…" : badKey)}”无效"];
        }

        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors);
        }

        var id = (await db.Set<InspectionPolicy>().MaxAsync(p => (int?)p.Id, ct) ?? 0) + 1;
        var old = await support.PolicyAsync(input.ValidFrom!.Value, ct);
        var policy = new InspectionPolicy(id, input.ValidFrom.Value, input.CityShareNumerator!.Value, input.CityShareDenominator!.Value,
            input.YearsWithinWhichEverySchool!.Value, input.NoRecentVisitWeight!.Value, input.RectificationWorkingDays!.Value, input.Source ?? "", db.Actor.UserName, support.NowUtc);
        var weights = (input.Weights ?? []).Select(w => new InspectionRiskWeight(id, w.Key, w.Value)).ToList();
        db.Add(policy);
        db.AddRange(weights);
        db.Record(InspectionAuditActions.PolicySet, id.ToString(System.Globalization.CultureInfo.InvariantCulture), "/",
            new { old.Id, old.CityShareNumerator, old.CityShareDenominator, old.YearsWithinWhichEverySchool, old.NoRecentVisitWeight, old.RectificationWorkingDays },
            new { policy.ValidFrom, policy.CityShareNumerator, policy.CityShareDenominator, policy.YearsWithinWhichEverySchool, policy.NoRecentVisitWeight, policy.RectificationWorkingDays, policy.Source, weights = input.Weights },
            clock);
        await support.SaveAsync("该日期起施行的检查政策参数已存在，请换一个施行日期", ct);
        return ToView(policy, weights.ToDictionary(w => w.Factor, w => w.Multiplier));
    }

    private static InspectionPolicyView ToView(InspectionPolicy p, IReadOnlyDictionary<string, int> weights) =>
        new(p.Id, p.ValidFrom, p.CityShareNumerator, p.CityShareDenominator, p.YearsWithinWhichEverySchool, p.NoRecentVisitWeight, p.RectificationWorkingDays, p.Source, p.SetBy, weights);
}
