using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Standards.Contracts;
using TechSchoolAid.Modules.Standards.Domain;

namespace TechSchoolAid.Modules.Standards.Features.Policy;

public sealed class StandardsPolicyInput
{
    public DateOnly? ValidFrom { get; set; }

    public int? TrainingValidityMonths { get; set; }

    public int? IntakeYear { get; set; }

    public IntakeSeason? IntakeSeason { get; set; }

    public string? Source { get; set; }
}

public sealed record StandardsPolicyView(Guid Id, string ProvinceCode, DateOnly ValidFrom, int TrainingValidityMonths, int IntakeYear, IntakeSeason IntakeSeason,
    string Intake, string Source, string RecordedBy, bool InForce);

/// <summary>
/// The province sets its standards policy from a date on (INS-2, PUB-2): the months a training counts (1–60) and the
/// intake its schools' brochures are checked for, with the document they come from. A new row from a later date
/// supersedes the old one; rows are never edited (one row per province and start date, 409 for a second).
/// </summary>
public sealed class SetStandardsPolicy(TsaDbContext db, StandardsSteps steps, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/policy", (StandardsPolicyInput input, SetStandardsPolicy f, CancellationToken ct) => f.HandleAsync(input, ct))
            .RequireAccess(StandardsAccess.SetPolicy)
            .WithSummary("省级设定资助工作人员培训周期（月）和当前招生季（自某日起执行，注明依据文件）")
            .Produces<StandardsPolicyView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);

    public async Task<StandardsPolicyView> HandleAsync(StandardsPolicyInput input, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(StandardsAccess.SetPolicy, actor.ScopePath);
        var from = StandardsSteps.Date(input.ValidFrom, "validFrom", "执行日期");
        if (input.TrainingValidityMonths is not { } months || months < 1 || months > StandardsPolicy.MaxValidityMonths)
        {
            throw AppException.Invalid("trainingValidityMonths", $"培训周期须为 1 至 {StandardsPolicy.MaxValidityMonths} 个月");
        }

        if (input.IntakeYear is not { } year || year < 2000 || year > from.Year + 2)
        {
            throw AppException.Invalid("intakeYear", "招生年度不正确（2000 年至执行日期后两年）");
        }

        var season = StandardsSteps.Enum(input.IntakeSeason, "intakeSeason", "招生季（春季或秋季）");
        var source = StandardsSteps.Required(input.Source, "source", "依据文件", 200);
        var province = StandardsSteps.ProvinceOf(actor.ScopePath);
        var row = new StandardsPolicy(Guid.CreateVersion7(), province, actor.ScopePath, from, months, year, season, source, actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Add(row);
        db.Record(StandardsAuditActions.PolicySet, row.Id.ToString(), actor.ScopePath, null,
            new { validFrom = ChinaTime.Iso(from), months, intake = StandardsText.Intake(year, season), source }, clock);
        await steps.SaveAsync(ct, "本省该日期已有一条规范化政策参数，请换一个执行日期");
        return StandardsPolicies.ToView(row, clock.Today());
    }
}

/// <summary>The province's standards policy in force on a day, and the list of its rows.</summary>
public sealed class StandardsPolicies(TsaDbContext db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/policy", (string? provinceCode, StandardsPolicies f, CancellationToken ct) => f.ListAsync(provinceCode, ct))
            .RequireAccess(StandardsAccess.View)
            .WithSummary("各省资助工作规范化政策参数（培训周期、当前招生季、依据文件；按执行日期倒序）")
            .Produces<IReadOnlyList<StandardsPolicyView>>().ProducesProblem(403);

    public async Task<IReadOnlyList<StandardsPolicyView>> ListAsync(string? provinceCode, CancellationToken ct)
    {
        db.Actor.Demand(StandardsAccess.View);
        var code = provinceCode ?? StandardsSteps.ProvinceOf(db.Actor.ScopePath);
        var today = clock.Today();
        var rows = await db.Set<StandardsPolicy>().AsNoTracking().Where(p => code == "" || p.ProvinceCode == code).OrderByDescending(p => p.ValidFrom).ToListAsync(ct);
        var inForce = rows.Where(r => r.ValidFrom <= today).GroupBy(r => r.ProvinceCode).Select(g => g.First().Id).ToHashSet();
        return rows.Select(r => ToView(r, today) with { InForce = inForce.Contains(r.Id) }).ToList();
    }

    /// <summary>The row in force on <paramref name="asOf"/> for each province that has one.</summary>
    public async Task<Dictionary<string, StandardsPolicy>> InForceAsync(DateOnly asOf, CancellationToken ct)
    {
        var rows = await db.Set<StandardsPolicy>().AsNoTracking().Where(p => p.ValidFrom <= asOf).ToListAsync(ct);
        return rows.GroupBy(r => r.ProvinceCode).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.ValidFrom).First());
    }

    public static StandardsPolicyView ToView(StandardsPolicy p, DateOnly today) =>
        new(p.Id, p.ProvinceCode, p.ValidFrom, p.TrainingValidityMonths, p.IntakeYear, p.IntakeSeason, StandardsText.Intake(p.IntakeYear, p.IntakeSeason), p.Source,
            p.RecordedBy, p.ValidFrom <= today);
}
