using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Standards.Contracts;
using TechSchoolAid.Modules.Standards.Domain;

namespace TechSchoolAid.Modules.Standards.Features.Staff;

/// <summary>The aid staff of the schools in the caller's scope (phones masked), e.g. for the province to pick a training's attendees.</summary>
public sealed class StaffQueries(TsaDbContext db, TimeProvider clock)
{
    public const int MaxRows = 1000;

    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/staff", (string? schoolCode, bool? currentOnly, StaffQueries q, CancellationToken ct) => q.ListAsync(schoolCode, currentOnly ?? true, ct))
            .RequireAccess(StandardsAccess.View).WithSummary("资助工作人员名单（本范围内学校；电话脱敏；默认只列在岗人员）")
            .Produces<IReadOnlyList<AidStaffRow>>().ProducesProblem(403);

    public async Task<IReadOnlyList<AidStaffRow>> ListAsync(string? schoolCode, bool currentOnly, CancellationToken ct)
    {
        db.Actor.Demand(StandardsAccess.View);
        var today = clock.Today();
        var rows = await db.Set<AidStaffMember>().AsNoTracking()
            .Where(s => (schoolCode == null || s.SchoolCode == schoolCode) && (!currentOnly || s.EndedOn == null || s.EndedOn >= today))
            .OrderBy(s => s.SchoolCode).ThenBy(s => s.AppointedOn).Take(MaxRows)
            .Select(s => new { Staff = s, Last = db.Set<StaffTraining>().Where(t => t.StaffId == s.Id).Max(t => (DateOnly?)t.CompletedOn) })
            .ToListAsync(ct);
        return rows.Select(r => AddAidStaff.ToRow(r.Staff, today, r.Last)).ToList();
    }
}
