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

namespace TechSchoolAid.Modules.Standards.Features.Rules;

public sealed record WithdrawRuleInput(string? Reason, int? Version);

/// <summary>INS-2: a school withdraws (废止) one of its current rules with a reason; it no longer counts as current. Audited.</summary>
public sealed class WithdrawAidRule(TsaDbContext db, StandardsSteps steps, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/rules/{id:guid}/withdraw", (Guid id, WithdrawRuleInput input, WithdrawAidRule f, CancellationToken ct) => f.HandleAsync(id, input, ct))
            .RequireAccess(StandardsAccess.Keep)
            .WithSummary("学校废止一项资助工作制度（须填写原因）")
            .Produces<AidRuleRow>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<AidRuleRow> HandleAsync(Guid id, WithdrawRuleInput input, CancellationToken ct)
    {
        db.Actor.Demand(StandardsAccess.Keep);
        var rule = await db.Set<AidRuleDocument>().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw AppException.NotFound("资助工作制度");
        db.Actor.Demand(StandardsAccess.Keep, rule.ScopePath);
        var reason = StandardsSteps.Required(input.Reason, "reason", "废止原因", 200);
        rule.EnsureVersion(input.Version);
        rule.Withdraw(clock.Today(), reason);
        db.Record(StandardsAuditActions.RuleWithdrawn, rule.Id.ToString(), rule.ScopePath, new { status = AidRuleStatus.Current }, new { status = rule.Status, reason }, clock);
        await steps.SaveAsync(ct);
        return AddAidRule.ToRow(rule);
    }
}
