using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;
using TechSchoolAid.Modules.Funds.Features.Budgets;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Funds.Features.Performance;

public sealed class SelfEvaluationInput
{
    public int? FiscalYear { get; set; }

    /// <summary>0–100.</summary>
    public int? Score { get; set; }

    public string? Notes { get; set; }

    public int? Version { get; set; }
}

/// <summary>The province administrator records (or revises) the province's self-evaluation of a year (绩效自评: score 0–100 and notes), audited old → new.</summary>
public sealed class RecordSelfEvaluation(TsaDbContext db, FundsYearGuard years, BudgetSteps steps, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder g) =>
        g.MapPut("/performance/self-evaluation", (SelfEvaluationInput input, RecordSelfEvaluation record, CancellationToken ct) => record.HandleAsync(input, ct))
            .RequireAccess(FundsAccess.ManagePerformance)
            .WithSummary("省级填报本省年度绩效自评（得分 0–100 分及说明）")
            .Produces<SelfEvaluationView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);

    public async Task<SelfEvaluationView> HandleAsync(SelfEvaluationInput input, CancellationToken ct)
    {
        var me = db.Actor.ScopePath;
        db.Actor.Demand(FundsAccess.ManagePerformance, me);
        if (input.FiscalYear is not { } year || year < 2000 || year > 2100)
        {
            throw AppException.Invalid("fiscalYear", "请填写正确的预算年度");
        }

        if (input.Score is not { } score || score < 0 || score > 100)
        {
            throw AppException.Invalid("score", "自评得分应在 0 至 100 分之间");
        }

        var notes = input.Notes?.Trim() ?? "";
        if (notes.Length == 0)
        {
            throw AppException.Invalid("notes", "请填写自评说明");
        }

        if (InputGuard.TextProblem(notes, PerformanceSelfEvaluation.MaxNotesLength) is { } problem)
        {
            throw AppException.Invalid("notes", $"自评说明{problem}");
        }

        await years.EnsureOpenAsync(me, year, ct);
        var evaluation = await db.Set<PerformanceSelfEvaluation>().FirstOrDefaultAsync(t => t.ScopePath == me && t.FiscalYear == year, ct);
        var old = evaluation is null ? null : new { evaluation.Score, evaluation.Notes };
        if (evaluation is null)
        {
            var org = await db.AllOrganizations().FirstAsync(o => o.Code == db.Actor.OrganizationCode, ct);
            evaluation = new PerformanceSelfEvaluation(Guid.CreateVersion7(), org.Id, me, year);
            db.Add(evaluation);
        }
        else if (input.Version is { } v && v != evaluation.Version)
        {
            throw AppException.Conflict("本省该年度的绩效自评已被他人修改，请刷新后重试");
        }

        evaluation.Record(score, notes, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record(FundsAuditActions.SelfEvaluationRecorded, evaluation.Id.ToString(), me, old, new { fiscalYear = year, score, notes }, clock);
        await steps.SaveAsync(ct);
        return new SelfEvaluationView(evaluation.Score, evaluation.Notes, evaluation.RecordedBy, evaluation.RecordedAtUtc, evaluation.Version);
    }
}
