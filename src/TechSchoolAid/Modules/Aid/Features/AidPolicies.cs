using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Domain;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Aid.Features;

/// <summary>
/// The policy tables of AID-3/4/5/7: reads for every signed-in user, writes for the ministry (national rows, any province,
/// central shares) and a province administrator (own province), each checked whole before anything is written and audited
/// old → new.
/// </summary>
public sealed class AidPolicies(TsaDbContext db, TimeProvider clock) : IAidPolicies
{
    private const string NationalName = "全国（默认标准）";

    // ------------------------------------------------------------------ reads

    /// <summary>Every table, or the national ones and one province's; national first, newest period first.</summary>
    public async Task<IReadOnlyList<AidPolicyView>> ListAsync(string? provinceCode, CancellationToken ct)
    {
        var q = db.Set<AidPolicyRecord>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(provinceCode))
        {
            q = q.Where(p => p.ProvinceCode == null || p.ProvinceCode == provinceCode);
        }

        var rows = await q.ToListAsync(ct);
        return [.. rows.OrderBy(p => p.ProvinceCode ?? "", StringComparer.Ordinal).ThenByDescending(p => p.ValidFrom).Select(ToView)];
    }

    public async Task<AidPolicyView> GetAsync(Guid id, CancellationToken ct) =>
        ToView(await db.Set<AidPolicyRecord>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw AppException.NotFound("资助政策"));

    public async Task<IReadOnlyList<AidNationalRangeView>> RangesAsync(CancellationToken ct) =>
        [.. (await db.Set<AidNationalRange>().AsNoTracking().ToListAsync(ct)).OrderByDescending(r => r.ValidFrom).Select(ToView)];

    /// <summary>The national range in force on a date, or null.</summary>
    public async Task<AidNationalRangeView?> RangeOnAsync(DateOnly date, CancellationToken ct) =>
        (await RangesAsync(ct)).FirstOrDefault(r => date >= r.ValidFrom && (r.ValidTo is null || date <= r.ValidTo));

    public async Task<IReadOnlyList<AidCentralShareView>> SharesAsync(DateOnly? date, CancellationToken ct)
    {
        var rows = await db.Set<AidCentralShare>().AsNoTracking().ToListAsync(ct);
        return [.. rows.Where(s => date is null || s.AppliesTo(date.Value))
            .OrderBy(s => s.ProvinceCode, StringComparer.Ordinal).ThenByDescending(s => s.ValidFrom).Select(ToView)];
    }

    public async Task<AidPolicy?> PolicyFor(string provinceCode, DateOnly date, CancellationToken ct = default)
    {
        if (Divisions.ProvinceName(provinceCode) is null)
        {
            return null;
        }

        var rows = await db.Set<AidPolicyRecord>().AsNoTracking()
            .Where(p => (p.ProvinceCode == provinceCode || p.ProvinceCode == null) && p.ValidFrom <= date && (p.ValidTo == null || p.ValidTo >= date))
            .ToListAsync(ct);
        var row = rows.OrderBy(p => p.ProvinceCode is null ? 1 : 0).ThenByDescending(p => p.ValidFrom).FirstOrDefault();
        var range = await RangeOnAsync(date, ct);
        if (row is null || range is null)
        {
            return null;
        }

        var share = (await db.Set<AidCentralShare>().AsNoTracking().Where(s => s.ProvinceCode == provinceCode).ToListAsync(ct))
            .Where(s => s.AppliesTo(date)).OrderByDescending(s => s.ValidFrom).FirstOrDefault();
        var v = row.Values;
        return new AidPolicy(row.Id, provinceCode, row.ProvinceCode is null, v.Title, v.ValidFrom, v.ValidTo, v.GrantGradeFrom, v.GrantGradeTo,
            v.GrantAverageFen, v.Tiers, v.AllRuralAreaCodes, v.WaiverUsesApprovedTuition, v.PrivateComparableTuitionFen,
            v.PublicationWorkingDays, v.ObjectionAnswerWorkingDays, v.SpringApprovalDeadline, v.AutumnApprovalDeadline,
            range.TierMinFen, range.TierMaxFen, share?.SharePercent, v.Source);
    }

    // ------------------------------------------------------------------ writes

    public async Task<AidPolicyView> CreateAsync(AidPolicyValues input, CancellationToken ct)
    {
        input = input with { ProvinceCode = NormalizeProvince(input.ProvinceCode) };
        RequireWriter(input.ProvinceCode);
        await CheckAsync(input, null, ct);
        var row = new AidPolicyRecord(Guid.NewGuid(), input);
        db.Add(row);
        db.Record("aid_policy.created", "AidPolicy", row.Id.ToString(), row.ScopePath, null, row.Values, clock);
        await db.SaveChangesAsync(ct);
        return ToView(row);
    }

    public async Task<AidPolicyView> UpdateAsync(Guid id, AidPolicyValues input, CancellationToken ct)
    {
        var row = await db.Set<AidPolicyRecord>().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw AppException.NotFound("资助政策");
        RequireWriter(row.ProvinceCode);
        input = input with { ProvinceCode = NormalizeProvince(input.ProvinceCode) };
        if (input.ProvinceCode != row.ProvinceCode)
        {
            throw AppException.Invalid("provinceCode", "不能更改政策所属的省份；请为该省另建一条政策");
        }

        await CheckAsync(input, row.Id, ct);
        var old = row.Values;
        row.Apply(input);
        db.Record("aid_policy.updated", "AidPolicy", row.Id.ToString(), row.ScopePath, old, row.Values, clock);
        await db.SaveChangesAsync(ct);
        return ToView(row);
    }

    public async Task<AidCentralShareView> CreateShareAsync(AidCentralShareInput input, CancellationToken ct)
    {
        RequireMinistry(SharesMinistryOnly);
        await CheckShareAsync(input, null, ct);
        var row = new AidCentralShare(Guid.NewGuid(), input.ProvinceCode, input.SharePercent, input.ValidFrom, input.ValidTo, input.Source);
        db.Add(row);
        db.Record("aid_central_share.created", "AidCentralShare", row.Id.ToString(), "/", null, ToView(row), clock);
        await db.SaveChangesAsync(ct);
        return ToView(row);
    }

    public async Task<AidCentralShareView> UpdateShareAsync(Guid id, AidCentralShareInput input, CancellationToken ct)
    {
        RequireMinistry(SharesMinistryOnly);
        var row = await db.Set<AidCentralShare>().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw AppException.NotFound("中央分担比例");
        if (input.ProvinceCode != row.ProvinceCode)
        {
            throw AppException.Invalid("provinceCode", "不能更改分担比例所属的省份");
        }

        await CheckShareAsync(input, id, ct);
        var old = ToView(row);
        row.Apply(input.SharePercent, input.ValidFrom, input.ValidTo, input.Source);
        db.Record("aid_central_share.updated", "AidCentralShare", row.Id.ToString(), "/", old, ToView(row), clock);
        await db.SaveChangesAsync(ct);
        return ToView(row);
    }

    public async Task<AidNationalRangeView> CreateRangeAsync(AidNationalRangeInput input, CancellationToken ct)
    {
        RequireMinistry("国家助学金档次范围与最少公示工作日只能由部级管理员维护");
        await CheckRangeAsync(input, null, ct);
        var row = new AidNationalRange(Guid.NewGuid(), input.TierMinFen, input.TierMaxFen, input.MinPublicationWorkingDays, input.ValidFrom, input.ValidTo, input.Source.Trim());
        db.Add(row);
        db.Record("aid_national_range.created", "AidNationalRange", row.Id.ToString(), "/", null, ToView(row), clock);
        await db.SaveChangesAsync(ct);
        return ToView(row);
    }

    /// <summary>
    /// Changes a range in place (a correction); a change of policy from a date is a new row after closing this one. The
    /// provinces' stored tables are not re-checked (ADR 0009).
    /// </summary>
    public async Task<AidNationalRangeView> UpdateRangeAsync(Guid id, AidNationalRangeInput input, CancellationToken ct)
    {
        RequireMinistry("国家助学金档次范围与最少公示工作日只能由部级管理员维护");
        var row = await db.Set<AidNationalRange>().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw AppException.NotFound("国家助学金档次范围");
        await CheckRangeAsync(input, id, ct);
        var old = ToView(row);
        row.Apply(input.TierMinFen, input.TierMaxFen, input.MinPublicationWorkingDays, input.ValidFrom, input.ValidTo, input.Source);
        db.Record("aid_national_range.updated", "AidNationalRange", row.Id.ToString(), "/", old, ToView(row), clock);
        await db.SaveChangesAsync(ct);
        return ToView(row);
    }

    // ------------------------------------------------------------------ checks

    /// <summary>The ministry writes every row; a province administrator only its own province's.</summary>
    private void RequireWriter(string? provinceCode)
    {
        var actor = db.Actor;
        if (!actor.Can(Permission.ManagePolicy))
        {
            throw AppException.Forbidden("只有部级或省级管理员可以维护资助政策");
        }

        if (!actor.InScope(AidPolicyRecord.ScopeOf(provinceCode)))
        {
            throw AppException.Forbidden(provinceCode is null ? "国家默认标准只能由部级管理员维护" : $"{Divisions.ProvinceName(provinceCode) ?? provinceCode}的资助政策不在您的管理范围内");
        }
    }

    private const string SharesMinistryOnly = "中央分担比例只能由部级管理员维护";

    private void RequireMinistry(string message)
    {
        if (!db.Actor.Can(Permission.ManagePolicy) || db.Actor.Level != OrgLevel.Ministry)
        {
            throw AppException.Forbidden(message);
        }
    }

    private static string? NormalizeProvince(string? code) => string.IsNullOrWhiteSpace(code) ? null : code.Trim();

    private async Task CheckAsync(AidPolicyValues v, Guid? self, CancellationToken ct)
    {
        var errors = AidPolicyRules.Check(v, await RangeOnAsync(v.ValidFrom, ct));
        if (!errors.ContainsKey("validFrom") && !errors.ContainsKey("validTo"))
        {
            var others = await db.Set<AidPolicyRecord>().AsNoTracking().Where(p => p.ProvinceCode == v.ProvinceCode && p.Id != self).ToListAsync(ct);
            var clash = others.FirstOrDefault(o => Overlaps(o.ValidFrom, o.ValidTo, v.ValidFrom, v.ValidTo));
            if (clash is not null)
            {
                AidPolicyRules.Add(errors, "validFrom", $"有效期与已有的「{clash.Title}」（{Period(clash.ValidFrom, clash.ValidTo)}）重叠：同一{(v.ProvinceCode is null ? "国家默认标准" : "省份")}同一时间只能有一套政策");
            }
        }

        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
    }

    private async Task CheckShareAsync(AidCentralShareInput input, Guid? self, CancellationToken ct)
    {
        var errors = new Dictionary<string, List<string>>();
        if (Divisions.ProvinceName(input.ProvinceCode ?? "") is null)
        {
            AidPolicyRules.Add(errors, "provinceCode", $"省份代码「{input.ProvinceCode}」不存在");
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
            var others = await db.Set<AidCentralShare>().AsNoTracking().Where(s => s.ProvinceCode == input.ProvinceCode && s.Id != self).ToListAsync(ct);
            var clash = others.FirstOrDefault(o => Overlaps(o.ValidFrom, o.ValidTo, input.ValidFrom, input.ValidTo));
            if (clash is not null)
            {
                AidPolicyRules.Add(errors, "validFrom", $"有效期与该省已有的分担比例（{Period(clash.ValidFrom, clash.ValidTo)}，{clash.SharePercent.ToString(CultureInfo.InvariantCulture)}%）重叠");
            }
        }

        if ((input.Source ?? "").Trim().Length is 0 or > 300)
        {
            AidPolicyRules.Add(errors, "source", "请填写依据文件（300 字以内）");
        }

        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
    }

    private async Task CheckRangeAsync(AidNationalRangeInput input, Guid? self, CancellationToken ct)
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

        if ((input.Source ?? "").Trim().Length is 0 or > 300)
        {
            AidPolicyRules.Add(errors, "source", "请填写依据文件（300 字以内）");
        }

        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
    }

    internal static bool Overlaps(DateOnly aFrom, DateOnly? aTo, DateOnly bFrom, DateOnly? bTo) =>
        aFrom <= (bTo ?? DateOnly.MaxValue) && bFrom <= (aTo ?? DateOnly.MaxValue);

    internal static string Period(DateOnly from, DateOnly? to) =>
        $"{Kernel.ChinaTime.Iso(from)} 至 {(to is { } t ? Kernel.ChinaTime.Iso(t) : "长期")}";

    // ------------------------------------------------------------------ views

    public static AidPolicyView ToView(AidPolicyRecord row)
    {
        var v = row.Values;
        var expected = v.ExpectedAverageFen;
        return new AidPolicyView(row.Id, ProvinceNameOf(row.ProvinceCode), row.Version, v, expected, expected - v.GrantAverageFen, expected >= v.GrantAverageFen);
    }

    private static AidNationalRangeView ToView(AidNationalRange r) =>
        new(r.Id, r.TierMinFen, r.TierMaxFen, r.MinPublicationWorkingDays, r.ValidFrom, r.ValidTo, r.Source);

    private static AidCentralShareView ToView(AidCentralShare s) =>
        new(s.Id, s.ProvinceCode, ProvinceNameOf(s.ProvinceCode), s.SharePercent, s.ValidFrom, s.ValidTo, s.Source);

    public static string ProvinceNameOf(string? code) => code is null ? NationalName : Divisions.ProvinceName(code) ?? code;
}

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

        if (v.PrivateComparableTuitionFen is < 0)
        {
            Add(errors, "privateComparableTuitionFen", "民办学校参照学费不能为负数");
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

        if (!v.SpringApprovalDeadline.IsValid)
        {
            Add(errors, "springApprovalDeadline", "春季学期审批截止日期无效");
        }

        if (!v.AutumnApprovalDeadline.IsValid)
        {
            Add(errors, "autumnApprovalDeadline", "秋季学期审批截止日期无效");
        }

        if ((v.Source ?? "").Length > 300)
        {
            Add(errors, "source", "依据文件不能超过 300 字");
        }

        return errors;
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
