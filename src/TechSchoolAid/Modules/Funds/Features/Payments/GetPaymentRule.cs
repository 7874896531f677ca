using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;

namespace TechSchoolAid.Modules.Funds.Features.Payments;

/// <summary>A province's payment rule in force today, followed by every rule it has set (newest first).</summary>
public sealed class GetPaymentRule(TsaDbContext db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/payment-rules/{provinceCode}", (string provinceCode, GetPaymentRule get, CancellationToken ct) => get.HandleAsync(provinceCode, ct))
            .RequireAccess(FundsAccess.View)
            .WithSummary("某省国家助学金发放方式：当前执行的规则及历次设定（未设定时按学期发放）")
            .Produces<List<PaymentRuleView>>().ProducesProblem(403);

    public async Task<List<PaymentRuleView>> HandleAsync(string provinceCode, CancellationToken ct)
    {
        db.Actor.Demand(FundsAccess.View);
        var current = await PaymentRows.RuleOnAsync(db, provinceCode, clock.Today(), ct);
        var all = await db.Set<PaymentRule>().AsNoTracking().Where(r => r.ProvinceCode == provinceCode).OrderByDescending(r => r.EffectiveFrom).ToListAsync(ct);
        var result = new List<PaymentRuleView> { ToView(current, current.Id == Guid.Empty, provinceCode) };
        result.AddRange(all.Where(r => r.Id != current.Id).Select(r => ToView(r, false)));
        return result;
    }

    public static PaymentRuleView ToView(PaymentRule r, bool isDefault, string? provinceCode = null) => new(provinceCode ?? r.ProvinceCode, r.Frequency,
        r.Frequency.ToChinese(), r.PayDay, r.EffectiveFrom, isDefault ? "本省尚未设定，按学期发放，学期首月 10 日" : r.Describe(), r.SetBy,
        isDefault ? null : r.SetAtUtc, isDefault);
}
