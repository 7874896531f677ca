using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Inspections.Features.Checklist;

/// <summary>
/// The national checklist (the notice 一–三, INS-1/INS-2), and for a school each item's "系统核对" fact from every
/// <see cref="ISchoolComplianceSource"/> (aid rules, aid staff, training, brochure …) beside it.
/// </summary>
public sealed class GetChecklist(TsaDbContext db, SchoolDirectory schools, IEnumerable<ISchoolComplianceSource> sources, InspectionSupport support)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/checklist", (string? schoolCode, GetChecklist get, CancellationToken ct) => get.HandleAsync(schoolCode, ct))
            .RequireAccess(InspectionAccess.View)
            .WithSummary("全国统一检查清单（指定学校时，附系统核对的规范化建设情况）")
            .Produces<List<ChecklistItemView>>().ProducesProblem(403).ProducesProblem(404);

    public async Task<List<ChecklistItemView>> HandleAsync(string? schoolCode, CancellationToken ct)
    {
        db.Actor.Demand(InspectionAccess.View);
        var items = await support.ChecklistAsync(ct);
        var facts = new Dictionary<string, ComplianceView>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(schoolCode))
        {
            var school = await schools.ForReadAsync(schoolCode.Trim(), ct);
            foreach (var source in sources)
            {
                foreach (var f in await source.FactsAsync([school.Code], support.Today, ct))
                {
                    if (f.SchoolCode == school.Code)
                    {
                        facts[f.Key] = facts.TryGetValue(f.Key, out var seen)
                            ? new ComplianceView(seen.Met && f.Met, $"{seen.Detail}；{f.Detail}")
                            : new ComplianceView(f.Met, f.Detail);
                    }
                }
            }
        }

        return items.Values.Select(i => new ChecklistItemView(i.Key, i.Order, i.Area, i.Text, i.Source, facts.GetValueOrDefault(i.Key))).ToList();
    }
}
