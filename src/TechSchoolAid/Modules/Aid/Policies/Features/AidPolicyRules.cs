using System.Globalization;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Aid.Policies.Features;

/// <summary>The checks of a policy table that need no database: each refusal in Chinese, keyed by the JSON field.</summary>
public static class AidPolicyRules
{
    public const int MinTiers = 2;
    public const int MaxTiers = 3;

    public static Dictionary<string, List<string>> Check(AidPolicyValues v, AidNationalRangeView? range)
    {
        var errors = new Dictionary<string, List<string>>();
        if (v.ProvinceCode is { } p && Divisions.ProvinceName(p) is null)
        {
            Add(errors, "provinceCode", $"省份代码「{p}」不存在");
        }

        if ((v.Title ?? "").Trim().Length is 0 or > 100)
        {
            Add(errors, "title", "请填写政策名称（100 字以内），如“2025年春季学期”");
        }

        if (v.ValidFrom == default)
        {
            Add(errors, "validFrom", "请填写有效期起");
        }
        else if (v.ValidTo is { } to && to < v.ValidFrom)
        {
            Add(errors, "validTo", "有效期止不能早于有效期起");
        }

        if (v.GrantGradeFrom < 1 || v.GrantGradeTo > 3 || v.GrantGradeFrom > v.GrantGradeTo)
        {
            Add(errors, "grantGradeTo", "助学金资助年级应在一至三年级之间，且起始年级不大于截止年级");
        }

        var tiers = v.Tiers ?? [];
        if (range is null)
        {
            Add(errors, "validFrom", "该日期没有国家资助标准范围，无法校验档次；请先由部级管理员维护国家范围");
        }

        if (tiers.Count is < MinTiers or > MaxTiers)
        {
            Add(errors, "tiers", $"国家助学金须分 {MinTiers}—{MaxTiers} 档，当前为 {tiers.Count.ToString(CultureInfo.InvariantCulture)} 档");
        }
        else
        {
            for (var i = 0; i < tiers.Count; i++)
            {
                var t = tiers[i];
                if (range is not null && (t.AmountFen < range.TierMinFen || t.AmountFen > range.TierMaxFen))
                {
                    Add(errors, $"tiers[{i.ToString(CultureInfo.InvariantCulture)}].amountFen",
                        $"第 {(i + 1).ToString(CultureInfo.InvariantCulture)} 档 {AidMoney.Yuan(t.AmountFen)} 元超出国家规定的 {AidMoney.Yuan(range.TierMinFen)}—{AidMoney.Yuan(range.TierMaxFen)} 元范围");
                }

                if (t.SharePercent is < 0 or > 100)
                {
                    Add(errors, $"tiers[{i.ToString(CultureInfo.InvariantCulture)}].sharePercent", "预计人数占比应在 0—100% 之间");
                }
            }

            if (tiers.Select(t => t.AmountFen).Distinct().Count() != tiers.Count)
            {
                Add(errors, "tiers", "各档金额不能相同");
            }

            var total = tiers.Sum(t => t.SharePercent);
            if (total != 100)
            {
                Add(errors, "tiers", $"各档预计人数占比之和应为 100%，当前为 {total.ToString(CultureInfo.InvariantCulture)}%");
            }
        }

        if (v.GrantAverageFen <= 0)
        {
            Add(errors, "grantAverageFen", "请填写助学金平均资助标准");
        }
        else if (range is not null && (v.GrantAverageFen < range.TierMinFen || v.GrantAverageFen > range.TierMaxFen))
        {
            Add(errors, "grantAverageFen", $"平均资助标准应在 {AidMoney.Yuan(range.TierMinFen)}—{AidMoney.Yuan(range.TierMaxFen)} 元范围内");
        }

        // 「要在平均资助标准每生每年2000元的基础上…明确2—3档」(人社厅函〔2024〕53号 二（一）): the national average is a floor
        // for the declared average and for the average the tiers are expected to give; 财教〔2024〕181号 raised it to 2,300
        // yuan from the spring term of 2025. The figure is the national row in force on the table's start.
        if (range is not null && range.NationalAverageFen > 0)
        {
            if (v.GrantAverageFen > 0 && v.GrantAverageFen < range.NationalAverageFen)
            {
                Add(errors, "grantAverageFen", $"平均资助标准 {AidMoney.Yuan(v.GrantAverageFen)} 元低于国家平均资助标准 {AidMoney.Yuan(range.NationalAverageFen)} 元{FloorBasis(range)}");
            }

            if (tiers.Count is >= MinTiers and <= MaxTiers && tiers.Sum(t => t.SharePercent) == 100)
            {
                var expected = AidMoney.WeightedAverageFen(tiers);
                if (expected < range.NationalAverageFen)
                {
                    Add(errors, "tiers", $"按各档金额和预计人数占比计算的预计平均资助标准 {AidMoney.Yuan(expected)} 元低于国家平均资助标准 {AidMoney.Yuan(range.NationalAverageFen)} 元{FloorBasis(range)}");
                }
            }
        }

        foreach (var code in (v.AllRuralAreaCodes ?? []).Select(c => c.Trim()).Where(c => c.Length > 0))
        {
            var known = code.Length == 6 ? Divisions.IsCounty(code) : code.Length == 4 && Divisions.Cities.Any(c => c.Code == code);
            if (!known)
            {
                Add(errors, "allRuralAreaCodes", $"地区代码「{(code.Length > 12 ? code[..12] + "…" : code)}」不是有效的县级（6 位）或地市级（4 位）行政区划代码");
            }
            else if (v.ProvinceCode is { } prov && !code.StartsWith(prov, StringComparison.Ordinal))
            {
                Add(errors, "allRuralAreaCodes", $"地区代码「{code}」不属于本省");
            }
        }

        if (range is not null && v.PublicationWorkingDays < range.MinPublicationWorkingDays)
        {
            Add(errors, "publicationWorkingDays", $"公示期不得少于国家规定的 {range.MinPublicationWorkingDays.ToString(CultureInfo.InvariantCulture)} 个工作日");
        }
        else if (v.PublicationWorkingDays > 30)
        {
            Add(errors, "publicationWorkingDays", "公示期不能超过 30 个工作日");
        }

        if (v.ObjectionAnswerWorkingDays is < 1 or > 30)
        {
            Add(errors, "objectionAnswerWorkingDays", "异议答复期限应在 1—30 个工作日之间");
        }

        CheckDeadline(errors, "springApprovalDeadline", "春季学期", v.SpringApprovalDeadline, range?.SpringApprovalDeadline);
        CheckDeadline(errors, "autumnApprovalDeadline", "秋季学期", v.AutumnApprovalDeadline, range?.AutumnApprovalDeadline);

        if ((v.Source ?? "").Length > 300)
        {
            Add(errors, "source", "依据文件不能超过 300 字");
        }

        return errors;
    }

    /// <summary>The basis of the floor in the refusal: where the national figure comes from.</summary>
    public const string FloorBasisText = "人社厅函〔2024〕53号 二（一）；财教〔2024〕181号：2025 年春季学期起 2,300 元";

    private static string FloorBasis(AidNationalRangeView range) =>
        $"（{Kernel.ChinaTime.Iso(range.ValidFrom)} 起的国家标准；{FloorBasisText}）";

    /// <summary>The approval deadlines are the ministry's (人社厅函〔2024〕53号 二（二）): a table may leave them out or repeat them, never move them.</summary>
    private static void CheckDeadline(Dictionary<string, List<string>> errors, string field, string term, MonthDay? given, MonthDay? national)
    {
        if (given is not { } g)
        {
            return;
        }

        if (!g.IsValid)
        {
            Add(errors, field, $"{term}审批截止日期无效");
        }
        else if (national is { } n && g != n)
        {
            Add(errors, field, $"审批截止日期由国家统一规定（{term} {n}，人社厅函〔2024〕53号 二（二）），资助政策表不能设置或更改为 {g}；如国家调整，由部级管理员修改国家标准");
        }
    }

    internal static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
    }
}
