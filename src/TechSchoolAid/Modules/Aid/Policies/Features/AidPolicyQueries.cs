using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Policies.Contracts;
using TechSchoolAid.Modules.Aid.Policies.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Aid.Policies.Features;

/// <summary>
/// The reads of the policy tables (AID-3/4/5/7), for every signed-in user: the tables, one table, the national ranges, the
/// central shares, and the policy in force for a province on a date (what the other areas use, through <see cref="IAidPolicies"/>).
/// </summary>
public sealed class AidPolicyQueries(TsaDbContext db) : IAidPolicies
{
    private const string NationalName = "全国（默认标准）";

    /// <summary>Every table, or the national ones and one province's; national first, newest period first.</summary>
    public async Task<IReadOnlyList<AidPolicyView>> ListAsync(string? provinceCode, CancellationToken ct)
    {
        var q = db.Set<AidPolicyRecord>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(provinceCode))
        {
            q = q.Where(p => p.ProvinceCode == null || p.ProvinceCode == provinceCode);
        }

        var rows = await q.ToListAsync(ct);
        var ranges = await RangesAsync(ct);
        return [.. rows.OrderBy(p => p.ProvinceCode ?? "", StringComparer.Ordinal).ThenByDescending(p => p.ValidFrom)
            .Select(r => ToView(r, RangeOn(ranges, r.ValidFrom), db.Actor))];
    }

    public async Task<AidPolicyView> GetAsync(Guid id, CancellationToken ct)
    {
        var row = await db.Set<AidPolicyRecord>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw AppException.NotFound("资助政策");
        return ToView(row, await RangeOnAsync(row.ValidFrom, ct), db.Actor);
    }

    public async Task<IReadOnlyList<AidNationalRangeView>> RangesAsync(CancellationToken ct) =>
        [.. (await db.Set<AidNationalRange>().AsNoTracking().ToListAsync(ct)).OrderByDescending(r => r.ValidFrom).Select(ToView)];

    /// <summary>The national range in force on a date, or null.</summary>
    public async Task<AidNationalRangeView?> RangeOnAsync(DateOnly date, CancellationToken ct) => RangeOn(await RangesAsync(ct), date);

    private static AidNationalRangeView? RangeOn(IEnumerable<AidNationalRangeView> ranges, DateOnly date) =>
        ranges.FirstOrDefault(r => date >= r.ValidFrom && (r.ValidTo is null || date <= r.ValidTo));

    public async Task<IReadOnlyList<AidCentralShareView>> SharesAsync(DateOnly? date, CancellationToken ct)
    {
        var rows = await db.Set<AidCentralShare>().AsNoTracking().ToListAsync(ct);
        return [.. rows.Where(s => date is null || s.AppliesTo(date.Value))
            .OrderBy(s => s.ProvinceCode, StringComparer.Ordinal).ThenBy(s => s.CityCode ?? "", StringComparer.Ordinal).ThenByDescending(s => s.ValidFrom).Select(ToView)];
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

        var v = row.Values;

        // The approval deadlines are the national row's (人社厅函〔2024〕53号 二（二）), never the province's.
        return new AidPolicy(row.Id, provinceCode, row.ProvinceCode is null, v.Title, v.ValidFrom, v.ValidTo, v.GrantGradeFrom, v.GrantGradeTo,
            v.GrantAverageFen, v.Tiers, v.AllRuralAreaCodes,
            v.PublicationWorkingDays, v.ObjectionAnswerWorkingDays, range.SpringApprovalDeadline, range.AutumnApprovalDeadline,
            range.TierMinFen, range.TierMaxFen, await CentralSharePercentFor(provinceCode, null, date, ct), v.Source);
    }

    /// <summary>
    /// A school's central share on a date: its city's own row where the city is a 计划单列市 with one in force
    /// (国办发〔2018〕6号), otherwise its province's row; null when neither is recorded.
    /// </summary>
    public async Task<int?> CentralSharePercentFor(string provinceCode, string? cityCode, DateOnly date, CancellationToken ct = default)
    {
        var rows = (await db.Set<AidCentralShare>().AsNoTracking().Where(s => s.ProvinceCode == provinceCode).ToListAsync(ct))
            .Where(s => s.AppliesTo(date)).OrderByDescending(s => s.ValidFrom).ToList();
        var city = string.IsNullOrWhiteSpace(cityCode) ? null : cityCode.Trim();
        return (city is null ? null : rows.FirstOrDefault(s => s.CityCode == city))?.SharePercent
            ?? rows.FirstOrDefault(s => s.CityCode == null)?.SharePercent;
    }

    /// <summary>A policy table as the pages and the API show it, with the actions <paramref name="actor"/> may take on it ("edit").</summary>
    /// <remarks>
    /// "Meets the standard" compares the table's declared and expected averages with the national average in force on
    /// its start (<paramref name="range"/>), not with the table's own figure; without a national row it cannot be met.
    /// The view's deadlines are the national ones.
    /// </remarks>
    public static AidPolicyView ToView(AidPolicyRecord row, AidNationalRangeView? range, Actor actor)
    {
        var v = row.Values with { SpringApprovalDeadline = range?.SpringApprovalDeadline, AutumnApprovalDeadline = range?.AutumnApprovalDeadline };
        var expected = v.ExpectedAverageFen;
        var meets = range is not null && v.GrantAverageFen >= range.NationalAverageFen && expected >= range.NationalAverageFen;
        return new AidPolicyView(row.Id, ProvinceNameOf(row.ProvinceCode), row.Version, v, expected, expected - v.GrantAverageFen, meets,
            actor.ActionsOn(AidPolicyAccess.ScopeOf(row.ProvinceCode), AidPolicyAccess.Edit), range?.NationalAverageFen);
    }

    public static AidNationalRangeView ToView(AidNationalRange r) =>
        new(r.Id, r.TierMinFen, r.TierMaxFen, r.MinPublicationWorkingDays, r.ValidFrom, r.ValidTo, r.Source,
            r.NationalAverageFen, r.SpringApprovalDeadline, r.AutumnApprovalDeadline);

    public static AidCentralShareView ToView(AidCentralShare s) =>
        new(s.Id, s.ProvinceCode, ProvinceNameOf(s.ProvinceCode), s.SharePercent, s.ValidFrom, s.ValidTo, s.Source,
            s.CityCode, AidCentralShareGroups.PlanCityName(s.CityCode));

    public static string ProvinceNameOf(string? code) => code is null ? NationalName : Divisions.ProvinceName(code) ?? code;

    /// <summary>The read endpoints: every signed-in user (every role holds <see cref="Permission.ViewStudents"/>).</summary>
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/", (string? provinceCode, AidPolicyQueries p, CancellationToken ct) => p.ListAsync(provinceCode, ct))
            .WithSummary("资助政策表（国家默认标准与各省政策；provinceCode 只列国家默认与该省；含预计平均标准与差额）")
            .RequirePermission(Permission.ViewStudents);
        g.MapGet("/{id:guid}", (Guid id, AidPolicyQueries p, CancellationToken ct) => p.GetAsync(id, ct))
            .WithSummary("一条资助政策").ProducesProblem(404).RequirePermission(Permission.ViewStudents);
        g.MapGet("/effective", async (string provinceCode, DateOnly date, AidPolicyQueries p, CancellationToken ct) =>
            await p.PolicyFor(provinceCode, date, ct) ?? throw AppException.NotFound("该学期的资助政策（该学期没有资助政策）"))
            .WithSummary("某省某日生效的资助政策（本省政策优先，否则国家默认标准）").ProducesProblem(404).RequirePermission(Permission.ViewStudents);
        g.MapGet("/national-ranges", (AidPolicyQueries p, CancellationToken ct) => p.RangesAsync(ct))
            .WithSummary("国家助学金档次范围与最少公示工作日（按有效期）").RequirePermission(Permission.ViewStudents);
        g.MapGet("/central-shares", (DateOnly? date, AidPolicyQueries p, CancellationToken ct) => p.SharesAsync(date, ct))
            .WithSummary("中央分担比例（按省份与有效期；date 只列当日有效的）").RequirePermission(Permission.ViewStudents);
    }
}
