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

namespace TechSchoolAid.Modules.Funds.Features.Payments;

/// <summary>Everything optional so the handler says in Chinese what is missing.</summary>
public sealed class PaymentRuleInput
{
    public PayFrequency? Frequency { get; set; }

    /// <summary>The day of the month payments are made (1–28).</summary>
    public int? PayDay { get; set; }

    /// <summary>The date the rule applies from (a payment date on or after it follows it).</summary>
    public DateOnly? EffectiveFrom { get; set; }
}

/// <summary>The province's administrator sets how its grants are paid (FND-1: per month or per semester, and the pay day), from a date on; audited old → new.</summary>
public sealed class SetPaymentRule(TsaDbContext db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPut("/payment-rules/{provinceCode}", async (string provinceCode, PaymentRuleInput input, SetPaymentRule set, CancellationToken ct) =>
            TypedResults.Ok(await set.HandleAsync(provinceCode, input, ct)))
            .RequireAccess(FundsAccess.SetPaymentRule)
            .WithSummary("省级设定本省国家助学金发放方式（按月或按学期）和发放日，自某日起执行")
            .Produces<PaymentRuleView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);

    public async Task<PaymentRuleView> HandleAsync(string provinceCode, PaymentRuleInput input, CancellationToken ct)
    {
        var path = $"/{provinceCode}/";
        db.Actor.Demand(FundsAccess.SetPaymentRule, path);
        var errors = new Dictionary<string, string[]>();
        if (input.Frequency is not { } frequency || !Enum.IsDefined(frequency))
        {
            errors["frequency"] = ["请选择发放方式（按月或按学期）"];
        }

        if (input.PayDay is not { } day || day is < 1 or > 28)
        {
            errors["payDay"] = ["发放日应为每月 1 至 28 日之间的一天"];
        }

        var today = clock.Today();
        if (input.EffectiveFrom is not { } from)
        {
            errors["effectiveFrom"] = ["请填写执行日期"];
        }
        else if (from < today.AddYears(-1) || from > today.AddYears(2))
        {
            errors["effectiveFrom"] = ["执行日期应在一年前至两年后之间"];
        }

        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors);
        }

        var effective = input.EffectiveFrom!.Value;
        var old = await PaymentRows.RuleOnAsync(db, provinceCode, effective, ct);
        var existing = await db.Set<PaymentRule>().Where(r => r.ProvinceCode == provinceCode && r.EffectiveFrom == effective).ToListAsync(ct);
        db.RemoveRange(existing);
        var rule = new PaymentRule(Guid.CreateVersion7(), provinceCode, input.Frequency!.Value, input.PayDay!.Value, effective, db.Actor.UserName,
            clock.GetUtcNow().UtcDateTime);
        db.Add(rule);
        db.Record(FundsAuditActions.PaymentRuleSet, provinceCode, path,
            new { frequency = old.Frequency, payDay = old.PayDay, effectiveFrom = ChinaTime.Iso(old.EffectiveFrom) },
            new { frequency = rule.Frequency, payDay = rule.PayDay, effectiveFrom = ChinaTime.Iso(rule.EffectiveFrom) }, clock);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (UniqueIndex.IsViolation(ex, "ux_funds_payment_rules_from", "funds_payment_rules.ProvinceCode"))
        {
            throw AppException.Conflict("他人刚刚设定了同一日期起执行的发放方式，请刷新后重试");
        }

        return GetPaymentRule.ToView(rule, false);
    }
}
