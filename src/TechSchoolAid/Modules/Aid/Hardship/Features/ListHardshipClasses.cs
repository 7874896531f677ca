using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Hardship.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Domain;

namespace TechSchoolAid.Modules.Aid.Hardship.Features;

/// <summary>The classes of the actor's own school with the year's current assessments counted per state: the class batch's picker (issue 13 item 12).</summary>
public sealed class ListHardshipClasses(TsaDbContext db, HardshipSteps steps)
{
    public async Task<IReadOnlyList<HardshipClassSummary>> HandleAsync(int? schoolYear, CancellationToken ct)
    {
        steps.DemandStaff();
        if (schoolYear is not { } year || year is < 2000 or > 2100)
        {
            throw AppException.Invalid("schoolYear", "请填写正确的学年（如 2026 表示 2026-2027 学年）");
        }

        var path = db.Actor.ScopePath;
        var counts = await db.Set<HardshipAssessment>().AsNoTracking()
            .Where(a => a.ScopePath == path && a.SchoolYear == year && a.SupersededAtUtc == null)
            .GroupBy(a => new { a.ClassName, a.State })
            .Select(g => new { g.Key.ClassName, g.Key.State, Count = g.Count() })
            .ToListAsync(ct);
        return counts.GroupBy(c => c.ClassName).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            int Of(HardshipState s) => g.Where(c => c.State == s).Sum(c => c.Count);
            return new HardshipClassSummary(g.Key, g.Sum(c => c.Count), Of(HardshipState.Applied), Of(HardshipState.PanelReviewed),
                Of(HardshipState.Decided), Of(HardshipState.Published), Of(HardshipState.Archived));
        }).ToList();
    }

    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/classes", (int? schoolYear, ListHardshipClasses h, CancellationToken ct) => h.HandleAsync(schoolYear, ct))
            .WithSummary("本校各班级本学年的认定数量（按状态统计），供按班级批量办理选择班级")
            .Produces<IReadOnlyList<HardshipClassSummary>>().ProducesProblem(400).ProducesProblem(403)
            .RequireAccess(HardshipAccess.Manage);
}
