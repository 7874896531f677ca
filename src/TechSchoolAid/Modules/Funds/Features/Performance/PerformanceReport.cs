using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.CrossCheck.Contracts;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;
using TechSchoolAid.Modules.Funds.Features.Budgets;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Supervision.Contracts;

namespace TechSchoolAid.Modules.Funds.Features.Performance;

/// <summary>One indicator of a unit: numerator ÷ denominator as a percentage, against the province's target when one is set.</summary>
public sealed record IndicatorValue(string Key, string Name, long Numerator, long Denominator, decimal? Percent, int? TargetPercent, bool? MeetsTarget, string Text);

/// <summary>A province or a school with its indicators, the computed composite (the plain average of the indicators it has) and, for a province, its self-evaluation score and rank.</summary>
public sealed record PerformanceRow(string Code, string Name, string LevelText, long BudgetFen, long PaidFen, IReadOnlyList<IndicatorValue> Indicators,
    decimal? CompositeScore, int? SelfScore, int? Rank);

public sealed record PerformanceTargetsView(int ExecutionRatePercent, int TimelinessPercent, int ApprovalOnTimePercent, int DuplicatesClearedPercent,
    int RectificationPercent, string SetBy, DateTime SetAtUtc, int Version);

public sealed record SelfEvaluationView(int Score, string Notes, string RecordedBy, DateTime RecordedAtUtc, int Version);

public sealed record PerformanceReportView(int FiscalYear, string OrganizationName, string LevelText, string Method, IReadOnlyList<PerformanceRow> Provinces,
    IReadOnlyList<PerformanceRow> Schools, PerformanceTargetsView? Targets, SelfEvaluationView? SelfEvaluation, bool CanManage);

/// <summary>
/// FND-3 per province and school and fiscal year: execution rate (paid ÷ budget), timeliness (paid lines settled within
/// their period), approvals by the deadline (Aid), duplicates cleared (CrossCheck), rectification (Supervision), each
/// against the province's targets; the ministry's table ranks the provinces. Every source is one grouped query per school
/// path, summed per unit in memory (a few thousand rows for the country).
/// </summary>
public sealed class PerformanceReport(TsaDbContext db, IAidFundingFacts aid, ICrossCheckYearFigures crossCheck, ISupervisionYearFigures supervision)
{
    public const string Method = "预算执行率 = 本年度发放成功金额 ÷ 本级及以下收到和安排的资金；发放及时率 = 在发放期内完成的成功发放笔数 ÷ 成功发放笔数；"
        + "按期审核率 = 在审批截止日前审核通过的人次 ÷ 审核通过人次；重复资助清理率 = 已清理的比对疑点 ÷ 本年发现的疑点；整改完成率 = 已关闭的督办措施 ÷ 本年下发的措施。"
        + "综合得分为各项已有指标（最高 100%）的简单平均，用于排序，不代替自评和正式评价。";

    public static void Map(IEndpointRouteBuilder g) =>
        g.MapGet("/performance", (int fiscalYear, PerformanceReport report, CancellationToken ct) => report.HandleAsync(fiscalYear, ct))
            .RequireAccess(FundsAccess.View)
            .WithSummary("资助资金绩效：执行率、发放及时率、按期审核率、重复资助清理率、整改完成率（按省和学校），绩效目标、自评，部级按省排名")
            .Produces<PerformanceReportView>().ProducesProblem(400).ProducesProblem(403);

    public async Task<PerformanceReportView> HandleAsync(int fiscalYear, CancellationToken ct)
    {
        db.Actor.Demand(FundsAccess.View);
        if (fiscalYear is < 2000 or > 2100)
        {
            throw AppException.Invalid("fiscalYear", "请填写正确的预算年度");
        }

        var me = db.Actor.ScopePath;
        var org = await db.AllOrganizations().FirstOrDefaultAsync(o => o.Code == db.Actor.OrganizationCode, ct) ?? throw AppException.NotFound("本单位");
        var figures = await FiguresAsync(fiscalYear, ct);
        var targets = await db.Set<PerformanceTarget>().AsNoTracking().Where(t => t.FiscalYear == fiscalYear).ToListAsync(ct);
        var evaluations = await db.Set<PerformanceSelfEvaluation>().AsNoTracking().Where(t => t.FiscalYear == fiscalYear).ToListAsync(ct);

        var provinceOrgs = org.Level is OrgLevel.Ministry or OrgLevel.Province
            ? await db.Organizations().Where(o => o.Level == OrgLevel.Province).OrderBy(o => o.Code).Select(o => new { o.Code, o.Name, o.ScopePath }).ToListAsync(ct)
            : [];
        var provinces = provinceOrgs.Select(p =>
        {
            var target = targets.FirstOrDefault(t => t.ScopePath == p.ScopePath);
            return Row(p.Code, p.Name, "省级", p.ScopePath, figures, target, evaluations.FirstOrDefault(e => e.ScopePath == p.ScopePath)?.Score);
        }).OrderByDescending(r => r.CompositeScore ?? -1).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
        provinces = [.. provinces.Select((r, i) => r with { Rank = r.CompositeScore is null ? null : i + 1 })];

        var schools = new List<PerformanceRow>();
        if (org.Level != OrgLevel.Ministry)
        {
            var provincePath = "/" + me.Split('/', StringSplitOptions.RemoveEmptyEntries)[0] + "/";
            var target = targets.FirstOrDefault(t => t.ScopePath == provincePath);
            var schoolOrgs = await db.Organizations().Where(o => o.Level == OrgLevel.School).OrderBy(o => o.Code)
                .Select(o => new { o.Code, o.Name, o.ScopePath }).ToListAsync(ct);
            schools = [.. schoolOrgs.Select(s => Row(s.Code, s.Name, "学校", s.ScopePath, figures, target, null))];
        }

        var ownTarget = targets.FirstOrDefault(t => t.ScopePath == me);
        var ownEvaluation = evaluations.FirstOrDefault(e => e.ScopePath == me);
        return new PerformanceReportView(fiscalYear, org.Name, BudgetOverview.LevelText(org.Level, org.ScopePath), Method, provinces, schools,
            ownTarget is null ? null : new PerformanceTargetsView(ownTarget.ExecutionRatePercent, ownTarget.TimelinessPercent, ownTarget.ApprovalOnTimePercent,
                ownTarget.DuplicatesClearedPercent, ownTarget.RectificationPercent, ownTarget.SetBy, ownTarget.SetAtUtc, ownTarget.Version),
            ownEvaluation is null ? null : new SelfEvaluationView(ownEvaluation.Score, ownEvaluation.Notes, ownEvaluation.RecordedBy, ownEvaluation.RecordedAtUtc, ownEvaluation.Version),
            db.Actor.May(FundsAccess.ManagePerformance, me));
    }

    private sealed record Figures(
        List<(string From, string To, bool Passing, long Fen)> Flows,
        List<(string Path, long PaidFen, int PaidLines, int OnTime)> Paid,
        IReadOnlyList<AidApprovalFigures> Approvals,
        IReadOnlyList<SchoolDuplicateFigures> Duplicates,
        IReadOnlyList<SchoolRectificationFigures> Measures);

    private async Task<Figures> FiguresAsync(int fiscalYear, CancellationToken ct)
    {
        var flows = await db.Set<Allocation>().AsNoTracking().Where(a => a.FiscalYear == fiscalYear && !a.IsCancelled)
            .GroupBy(a => new { a.FromScopePath, a.ScopePath, Passing = a.ParentId != null })
            .Select(g => new { g.Key.FromScopePath, g.Key.ScopePath, g.Key.Passing, Fen = g.Sum(a => a.AmountFen) }).ToListAsync(ct);
        var paid = await db.Set<PaymentLine>().AsNoTracking().Where(l => l.FiscalYear == fiscalYear && l.State == PaymentLineState.Paid)
            .GroupBy(l => l.ScopePath)
            .Select(g => new { Path = g.Key, Fen = g.Sum(l => l.AmountFen), N = g.Count(), OnTime = g.Count(l => l.SettledOn != null && l.SettledOn <= l.PeriodEnd) })
            .ToListAsync(ct);
        return new Figures(
            [.. flows.Select(f => (f.FromScopePath, f.ScopePath, f.Passing, f.Fen))],
            [.. paid.Select(p => (p.Path, p.Fen, p.N, p.OnTime))],
            await aid.ApprovalsAsync(fiscalYear, ct),
            await crossCheck.DuplicatesAsync(fiscalYear, ct),
            await supervision.RectificationAsync(fiscalYear, ct));
    }

    private static PerformanceRow Row(string code, string name, string levelText, string p, Figures f, PerformanceTarget? target, int? selfScore)
    {
        bool Under(string path) => path.StartsWith(p, StringComparison.Ordinal);
        var budget = f.Flows.Where(x => Under(x.To) && !Under(x.From)).Sum(x => x.Fen) + f.Flows.Where(x => Under(x.From) && !x.Passing).Sum(x => x.Fen);
        var paid = f.Paid.Where(x => Under(x.Path)).ToList();
        var paidFen = paid.Sum(x => x.PaidFen);
        var approvals = f.Approvals.Where(x => Under(x.ScopePath)).ToList();
        var duplicates = f.Duplicates.Where(x => Under(x.ScopePath)).ToList();
        var measures = f.Measures.Where(x => Under(x.ScopePath)).ToList();
        var indicators = new List<IndicatorValue>
        {
            Indicator("execution", "预算执行率", paidFen, budget, target?.ExecutionRatePercent, $"发放 {BudgetSteps.Yuan(paidFen)} 元 / 预算 {BudgetSteps.Yuan(budget)} 元"),
            Indicator("timeliness", "发放及时率", paid.Sum(x => x.OnTime), paid.Sum(x => x.PaidLines), target?.TimelinessPercent, $"期内完成 {paid.Sum(x => x.OnTime)} 笔 / 成功 {paid.Sum(x => x.PaidLines)} 笔"),
            Indicator("approval", "按期审核率", approvals.Sum(x => x.ApprovedByDeadline), approvals.Sum(x => x.Approved), target?.ApprovalOnTimePercent, $"按期 {approvals.Sum(x => x.ApprovedByDeadline)} 人次 / 通过 {approvals.Sum(x => x.Approved)} 人次"),
            Indicator("duplicates", "重复资助清理率", duplicates.Sum(x => x.Cleared), duplicates.Sum(x => x.Found), target?.DuplicatesClearedPercent, $"已清理 {duplicates.Sum(x => x.Cleared)} 件 / 发现 {duplicates.Sum(x => x.Found)} 件"),
            Indicator("rectification", "整改完成率", measures.Sum(x => x.Closed), measures.Sum(x => x.Issued), target?.RectificationPercent, $"已关闭 {measures.Sum(x => x.Closed)} 项 / 下发 {measures.Sum(x => x.Issued)} 项"),
        };
        var have = indicators.Where(i => i.Percent is not null).Select(i => Math.Min(100m, i.Percent!.Value)).ToList();
        return new PerformanceRow(code, name, levelText, budget, paidFen, indicators, have.Count == 0 ? null : Math.Round(have.Average(), 1), selfScore, null);
    }

    private static IndicatorValue Indicator(string key, string name, long numerator, long denominator, int? target, string text)
    {
        var percent = BudgetSteps.Percent(numerator, denominator);
        return new IndicatorValue(key, name, numerator, denominator, percent, target, percent is { } v && target is { } t ? v >= t : null,
            denominator == 0 ? "本年度无数据" : text);
    }
}
