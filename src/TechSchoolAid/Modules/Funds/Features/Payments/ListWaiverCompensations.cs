using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;

namespace TechSchoolAid.Modules.Funds.Features.Payments;

/// <summary>The tuition-waiver compensations in the caller's scope, newest term first.</summary>
public sealed class ListWaiverCompensations(TsaDbContext db)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/waiver-compensations", (ListWaiverCompensations list, CancellationToken ct) => list.HandleAsync(ct))
            .RequireAccess(FundsAccess.View)
            .WithSummary("管理范围内的免学费补助资金拨付与到账确认").Produces<List<WaiverCompensationRow>>().ProducesProblem(403);

    public async Task<List<WaiverCompensationRow>> HandleAsync(CancellationToken ct)
    {
        db.Actor.Demand(FundsAccess.View);
        var rows = await db.Set<WaiverCompensation>().AsNoTracking().OrderByDescending(c => c.SchoolYear).ThenByDescending(c => c.Semester)
            .ThenBy(c => c.SchoolName).Take(1000).ToListAsync(ct);
        return rows.Select(ToRow).ToList();
    }

    public static WaiverCompensationRow ToRow(WaiverCompensation c) => new(c.Id, c.SchoolName, new AidTerm(c.SchoolYear, c.Semester).ToString(), c.StudentCount,
        c.AmountFen, c.PaidOn, c.RecordedBy, c.ReceivedOn, c.ReceivedBy);
}
