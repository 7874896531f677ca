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

namespace TechSchoolAid.Modules.Standards.Features.Staff;

public sealed record EndStaffInput(DateOnly? EndedOn, int? Version);

/// <summary>INS-2: a member of the school's aid staff leaves the post (离岗) on a day not before the appointment and not in the future. Audited.</summary>
public sealed class EndAidStaff(TsaDbContext db, StandardsSteps steps, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/staff/{id:guid}/end", (Guid id, EndStaffInput input, EndAidStaff f, CancellationToken ct) => f.HandleAsync(id, input, ct))
            .RequireAccess(StandardsAccess.Keep)
            .WithSummary("资助工作人员离岗（填写离岗日期）")
            .Produces<AidStaffRow>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<AidStaffRow> HandleAsync(Guid id, EndStaffInput input, CancellationToken ct)
    {
        db.Actor.Demand(StandardsAccess.Keep);
        var member = await db.Set<AidStaffMember>().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw AppException.NotFound("资助工作人员");
        db.Actor.Demand(StandardsAccess.Keep, member.ScopePath);
        var on = StandardsSteps.Date(input.EndedOn, "endedOn", "离岗日期");
        var today = clock.Today();
        if (on > today)
        {
            throw AppException.Invalid("endedOn", $"离岗日期不能晚于今天（{ChinaTime.Iso(today)}）");
        }

        member.EnsureVersion(input.Version);
        member.End(on);
        db.Record(StandardsAuditActions.StaffEnded, member.Id.ToString(), member.ScopePath, null, new { member.Name, endedOn = ChinaTime.Iso(on) }, clock);
        await steps.SaveAsync(ct);
        return AddAidStaff.ToRow(member, today, null);
    }
}
