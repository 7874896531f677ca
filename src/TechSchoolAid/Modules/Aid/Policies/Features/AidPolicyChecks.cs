using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Policies.Contracts;
using TechSchoolAid.Modules.Aid.Policies.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Aid.Policies.Features;

/// <summary>The checks of the policy tables that read the database (overlapping periods), each whole before anything is written.</summary>
internal static class AidPolicyChecks
{
    public static string? NormalizeProvince(string? code) => string.IsNullOrWhiteSpace(code) ? null : code.Trim();

    public static async Task PolicyAsync(TsaDbContext db, AidPolicyValues v, Guid? self, CancellationToken ct)
    {
        var errors = AidPolicyRules.Check(v, await new AidPolicyQueries(db).RangeOnAsync(v.ValidFrom, ct));
        if (!errors.ContainsKey("validFrom") && !errors.ContainsKey("validTo"))
        {
            var others = await db.Set<AidPolicyRecord>().AsNoTracking().Where(p => p.ProvinceCode == v.ProvinceCode && p.Id != self).ToListAsync(ct);
            var clash = others.FirstOrDefault(o => Overlaps(o.ValidFrom, o.ValidTo, v.ValidFrom, v.ValidTo));
            if (clash is not null)
            {
                AidPolicyRules.Add(errors, "validFrom", $"有效期与已有的「{clash.Title}」（{Period(clash.ValidFrom, clash.ValidTo)}）重叠：同一{(v.ProvinceCode is null ? "国家默认标准" : "省份")}同一时间只能有一套政策");
            }
        }

        ThrowIfAny(errors);
    }

    public static async Task ShareAsync(TsaDbContext db, AidCentralShareInput input, Guid? self, CancellationToken ct)
    {
        var errors = new Dictionary<string, List<string>>();
        if (Divisions.ProvinceName(input.ProvinceCode ?? "") is null)
        {
            AidPolicyRules.Add(errors, "provinceCode", $"省份代码「{input.ProvinceCode}」不存在");
        }

        var city = string.IsNullOrWhiteSpace(input.CityCode) ? null : input.CityCode.Trim();
        if (city is not null)
        {
            // 国办发〔2018〕6号 gives a share of their own to the five 计划单列市 only; every other city follows its province.
            if (AidCentralShareGroups.PlanCityName(city) is null)
            {
                AidPolicyRules.Add(errors, "cityCode",
                    $"只有计划单列市（{string.Join("、", AidCentralShareGroups.PlanCities.Select(c => c.Name))}）可以单列中央分担比例（国办发〔2018〕6号）；「{(city.Length > 12 ? city[..12] + "…" : city)}」不是计划单列市，按所在省份的比例");
            }
            else if (!city.StartsWith(input.ProvinceCode ?? "", StringComparison.Ordinal))
            {
                AidPolicyRules.Add(errors, "cityCode", $"{AidCentralShareGroups.PlanCityName(city)}不属于省份代码「{input.ProvinceCode}」");
            }
        }

        if (!AidCentralShare.AllowedPercents.Contains(input.SharePercent))
        {
            AidPolicyRules.Add(errors, "sharePercent", $"中央分担比例只能是 {string.Join("、", AidCentralShare.AllowedPercents.Select(p => p.ToString(CultureInfo.InvariantCulture) + "%"))} 之一，不能是 {input.SharePercent.ToString(CultureInfo.InvariantCulture)}%");
        }

        if (input.ValidFrom == default)
        {
            AidPolicyRules.Add(errors, "validFrom", "请填写有效期起");
        }
        else if (input.ValidTo is { } to && to < input.ValidFrom)
        {
            AidPolicyRules.Add(errors, "validTo", "有效期止不能早于有效期起");
        }
        else
        {
            var others = await db.Set<AidCentralShare>().AsNoTracking().Where(s => s.ProvinceCode == input.ProvinceCode && s.CityCode == city && s.Id != self).ToListAsync(ct);
            var clash = others.FirstOrDefault(o => Overlaps(o.ValidFrom, o.ValidTo, input.ValidFrom, input.ValidTo));
            if (clash is not null)
            {
                AidPolicyRules.Add(errors, "validFrom", $"有效期与该{(city is null ? "省" : "计划单列市")}已有的分担比例（{Period(clash.ValidFrom, clash.ValidTo)}，{clash.SharePercent.ToString(CultureInfo.InvariantCulture)}%）重叠");
            }
        }

        CheckSource(errors, input.Source);
        ThrowIfAny(errors);
    }

    public static async Task RangeAsync(TsaDbContext db, AidNationalRangeInput input, Guid? self, CancellationToken ct)
    {
        var errors = new Dictionary<string, List<string>>();
        if (input.TierMinFen <= 0)
        {
            AidPolicyRules.Add(errors, "tierMinFen", "档次下限须为正数（元）");
        }

        if (input.TierMaxFen <= 0)
        {
            AidPolicyRules.Add(errors, "tierMaxFen", "档次上限须为正数（元）");
        }
        else if (input.TierMinFen > 0 && input.TierMaxFen <= input.TierMinFen)
        {
            AidPolicyRules.Add(errors, "tierMaxFen", $"档次上限（{AidMoney.Yuan(input.TierMaxFen)} 元）须高于下限（{AidMoney.Yuan(input.TierMinFen)} 元）");
        }

        if (input.NationalAverageFen <= 0)
        {
            AidPolicyRules.Add(errors, "nationalAverageFen", "请填写国家平均资助标准（元）");
        }
        else if (input.TierMinFen > 0 && input.TierMaxFen > input.TierMinFen && (input.NationalAverageFen < input.TierMinFen || input.NationalAverageFen > input.TierMaxFen))
        {
            AidPolicyRules.Add(errors, "nationalAverageFen", $"国家平均资助标准（{AidMoney.Yuan(input.NationalAverageFen)} 元）应在档次范围 {AidMoney.Yuan(input.TierMinFen)}—{AidMoney.Yuan(input.TierMaxFen)} 元之内");
        }

        if (!input.SpringApprovalDeadline.IsValid)
        {
            AidPolicyRules.Add(errors, "springApprovalDeadline", "春季学期审批截止日期无效");
        }

        if (!input.AutumnApprovalDeadline.IsValid)
        {
            AidPolicyRules.Add(errors, "autumnApprovalDeadline", "秋季学期审批截止日期无效");
        }

        if (input.MinPublicationWorkingDays is < 1 or > 30)
        {
            AidPolicyRules.Add(errors, "minPublicationWorkingDays", "最少公示工作日应在 1—30 之间");
        }

        if (input.ValidFrom == default)
        {
            AidPolicyRules.Add(errors, "validFrom", "请填写有效期起");
        }
        else if (input.ValidTo is { } to && to < input.ValidFrom)
        {
            AidPolicyRules.Add(errors, "validTo", "有效期止不能早于有效期起");
        }
        else
        {
            var others = await db.Set<AidNationalRange>().AsNoTracking().Where(r => r.Id != self).ToListAsync(ct);
            var clash = others.FirstOrDefault(o => Overlaps(o.ValidFrom, o.ValidTo, input.ValidFrom, input.ValidTo));
            if (clash is not null)
            {
                AidPolicyRules.Add(errors, "validFrom",
                    $"有效期与已有的国家范围（{Period(clash.ValidFrom, clash.ValidTo)}，{AidMoney.Yuan(clash.TierMinFen)}—{AidMoney.Yuan(clash.TierMaxFen)} 元）重叠：请先给原范围填写有效期止");
            }
        }

        CheckSource(errors, input.Source);
        ThrowIfAny(errors);
    }

    internal static bool Overlaps(DateOnly aFrom, DateOnly? aTo, DateOnly bFrom, DateOnly? bTo) =>
        aFrom <= (bTo ?? DateOnly.MaxValue) && bFrom <= (aTo ?? DateOnly.MaxValue);

    internal static string Period(DateOnly from, DateOnly? to) =>
        $"{Kernel.ChinaTime.Iso(from)} 至 {(to is { } t ? Kernel.ChinaTime.Iso(t) : "长期")}";

    private static void CheckSource(Dictionary<string, List<string>> errors, string? source)
    {
        if ((source ?? "").Trim().Length is 0 or > 300)
        {
            AidPolicyRules.Add(errors, "source", "请填写依据文件（300 字以内）");
        }
    }

    private static void ThrowIfAny(Dictionary<string, List<string>> errors)
    {
        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
    }
}
