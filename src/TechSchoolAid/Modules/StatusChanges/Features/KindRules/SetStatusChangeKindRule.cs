using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.StatusChanges.Domain;

namespace TechSchoolAid.Modules.StatusChanges.Features.KindRules;

public sealed class KindRuleInput
{
    public StatusChangeKind? Kind { get; set; }

    /// <summary>The first day the row applies (today or later: a rule in force is never changed backwards).</summary>
    public DateOnly? ValidFrom { get; set; }

    public bool? EvidenceRequired { get; set; }

    /// <summary>Which evidence, in the words clerks use (required when <see cref="EvidenceRequired"/>).</summary>
    public string? Evidence { get; set; }

    /// <summary>Suspension only: the longest period in months.</summary>
    public int? MaxSuspensionMonths { get; set; }

    /// <summary>The document and clause the rule comes from.</summary>
    public string? Source { get; set; }
}

/// <summary>
/// The ministry (for the nation) or a province (for its own schools) sets from a date which evidence a kind of change needs
/// before approval and, for a suspension, its longest period: a new dated row with its source, audited.
/// </summary>
public sealed class SetStatusChangeKindRule(TsaDbContext db, StatusChangeKindRules rules, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/kind-rules", (KindRuleInput input, SetStatusChangeKindRule f, CancellationToken ct) => f.HandleAsync(input, ct))
            .WithSummary("设定某类学籍异动自某日起的证明材料要求与休学最长期限（人社部为全国，省级为本省；须注明依据）").RequireAccess(StatusChangeAccess.SetKindRule)
            .Produces<KindRuleView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);

    public async Task<KindRuleView> HandleAsync(KindRuleInput input, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(StatusChangeAccess.SetKindRule, actor.ScopePath);
        var today = clock.Today();
        var errors = new Dictionary<string, string[]>();
        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors["kind"] = ["请选择异动类型"];
            kind = default;
        }

        if (input.ValidFrom is not { } from)
        {
            errors["validFrom"] = ["请填写施行日期"];
            from = today;
        }
        else if (from < today)
        {
            errors["validFrom"] = ["施行日期不能早于今天（已施行的规定不能追溯修改）"];
        }
        else if (from > today.AddYears(5))
        {
            errors["validFrom"] = ["施行日期不能晚于五年之后"];
        }

        if (input.EvidenceRequired is null)
        {
            errors["evidenceRequired"] = ["请选择审批前是否必须上传证明材料"];
        }

        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors);
        }

        var id = (await db.Set<StatusChangeKindRule>().MaxAsync(r => (int?)r.Id, ct) ?? 0) + 1;
        var old = await rules.ApplyingAsync(kind, actor.ScopePath, from, ct);
        var rule = new StatusChangeKindRule(id, kind, actor.ScopePath, from, input.EvidenceRequired!.Value, input.Evidence, input.MaxSuspensionMonths,
            input.Source ?? "", actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Add(rule);
        db.Record(StatusChangeAuditActions.KindRuleSet, id.ToString(System.Globalization.CultureInfo.InvariantCulture), actor.ScopePath,
            old is null ? null : new { old.Kind, old.ScopePath, validFrom = ChinaTime.Iso(old.ValidFrom), old.EvidenceRequired, old.Evidence, old.MaxMonths },
            new { kind, rule.ScopePath, validFrom = ChinaTime.Iso(from), rule.EvidenceRequired, rule.Evidence, rule.MaxMonths, rule.Source }, clock);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (UniqueIndex.IsViolation(ex, "ux_status_change_kind_rules_from", "status_change_kind_rules.Kind"))
        {
            throw AppException.Conflict($"本级已有自 {ChinaTime.Iso(from)} 起施行的「{kind.ToChinese()}」规定，请换一个施行日期");
        }
        catch (DbUpdateException ex) when (UniqueIndex.IsViolation(ex, "PK_status_change_kind_rules", "status_change_kind_rules.Id"))
        {
            throw AppException.Conflict("其他用户刚刚设定了一条规定，请刷新后重试");
        }

        return StatusChangeKindRules.ToView(rule);
    }
}
