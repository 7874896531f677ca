using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

/// <summary>The lists of a school under publication today: name, class, item and tier only; nothing once the period ends.</summary>
public sealed class AidPublication(TsaDbContext db, SchoolDirectory schools, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/schools/{schoolCode}/aid-publication", (string schoolCode, AidPublication publication, CancellationToken ct) => publication.HandleAsync(schoolCode, ct))
            .RequirePermission(Permission.ViewStudents)
            .WithTags("资助名单").WithSummary("校内公示的资助名单（仅姓名、班级、资助项目、档次；公示期结束即撤下）");

    public async Task<IReadOnlyList<AidPublicEntry>> HandleAsync(string schoolCode, CancellationToken ct)
    {
        await schools.ForReadAsync(schoolCode, ct); // a school outside the scope is not found, as for the hardship publication
        var today = clock.Today();
        var rows = await (from r in db.Set<AidRound>().AsNoTracking()
                          where r.SchoolCode == schoolCode && r.State == AidRoundState.Published && r.PublishedFrom <= today && r.PublishedTo >= today
                          join e in db.Set<AidEntry>().AsNoTracking() on r.Id equals e.RoundId
                          where e.State == AidEntryState.Proposed
                          select new { e.StudentName, e.ClassName, r.Item, e.YearAmountFen, r.PublishedFrom, r.PublishedTo }).ToListAsync(ct);
        return rows.OrderBy(r => r.Item).ThenBy(r => r.ClassName, StringComparer.Ordinal).ThenBy(r => r.StudentName, StringComparer.Ordinal)
            .Select(r => new AidPublicEntry(r.StudentName, r.ClassName, AidTerm.ItemText(r.Item),
                r.Item == AidItem.Grant ? $"{AidMoney.Yuan(r.YearAmountFen)} 元/年" : "免学费", r.PublishedFrom!.Value, r.PublishedTo!.Value))
            .ToList();
    }
}
