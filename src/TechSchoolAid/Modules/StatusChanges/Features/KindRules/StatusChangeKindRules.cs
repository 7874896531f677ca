using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.StatusChanges.Domain;

namespace TechSchoolAid.Modules.StatusChanges.Features.KindRules;

/// <summary>One kind's rule as shown: the evidence it needs before approval, a suspension's longest period, since when, whose, and why.</summary>
public sealed record KindRuleView(
    StatusChangeKind Kind, string KindText, bool EvidenceRequired, string? Evidence, int? MaxSuspensionMonths, DateOnly ValidFrom, string ScopePath,
    string Source, string SetBy);

/// <summary>The kind rules (dated policy data) that apply to a record on a day: read by every feature and page that needs them.</summary>
public sealed class StatusChangeKindRules(TsaDbContext db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/kind-rules", (StatusChangeKindRules r, CancellationToken ct) => r.CurrentAsync(ct))
            .WithSummary("各类学籍异动现行的证明材料要求与休学最长期限（含依据；省级规定优先于全国默认值）").RequireAccess(StatusChangeAccess.ViewKindRules)
            .Produces<IReadOnlyList<KindRuleView>>().ProducesProblem(403);

    /// <summary>The row that applies to a record at <paramref name="path"/> on <paramref name="day"/>, or null when none is set.</summary>
    public async Task<StatusChangeKindRule?> ApplyingAsync(StatusChangeKind kind, string path, DateOnly day, CancellationToken ct)
    {
        var rows = await db.Set<StatusChangeKindRule>().AsNoTracking().Where(r => r.Kind == kind && r.ValidFrom <= day).ToListAsync(ct);
        return StatusChangeKindRule.Applying(rows, path, day);
    }

    /// <summary>Every kind's rule applying today in the caller's own scope.</summary>
    public Task<IReadOnlyList<KindRuleView>> CurrentAsync(CancellationToken ct) => CurrentAtAsync(db.Actor.ScopePath, ct);

    /// <summary>Every kind's rule applying today at <paramref name="path"/>.</summary>
    private async Task<IReadOnlyList<KindRuleView>> CurrentAtAsync(string path, CancellationToken ct)
    {
        db.Actor.Demand(StatusChangeAccess.ViewKindRules);
        var today = clock.Today();
        var rows = await db.Set<StatusChangeKindRule>().AsNoTracking().Where(r => r.ValidFrom <= today).ToListAsync(ct);
        return [.. Enum.GetValues<StatusChangeKind>()
            .Select(k => StatusChangeKindRule.Applying(rows.Where(r => r.Kind == k), path, today))
            .OfType<StatusChangeKindRule>()
            .Select(ToView)];
    }

    /// <summary>The rules of every kind applying to a record at <paramref name="path"/> today (the entry form's hints).</summary>
    public Task<IReadOnlyList<KindRuleView>> ForRecordAsync(string path, CancellationToken ct) => CurrentAtAsync(path, ct);

    public static KindRuleView ToView(StatusChangeKindRule r) =>
        new(r.Kind, r.Kind.ToChinese(), r.EvidenceRequired, r.Evidence, r.MaxMonths, r.ValidFrom, r.ScopePath, r.Source, r.SetBy);
}
