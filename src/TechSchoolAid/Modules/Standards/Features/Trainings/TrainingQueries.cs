using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Standards.Contracts;
using TechSchoolAid.Modules.Standards.Domain;

namespace TechSchoolAid.Modules.Standards.Features.Trainings;

public sealed record AttendeeRow(Guid StaffId, string SchoolCode, string Name, string Post);

public sealed record TrainingDetail(TrainingRow Training, IReadOnlyList<AttendeeRow> Attendees, IReadOnlyList<string> Actions);

/// <summary>The trainings the provinces of the caller's scope ran (newest first, by year), and one training with its attendees.</summary>
public sealed class TrainingQueries(TsaDbContext db)
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/trainings", (int? year, TrainingQueries q, CancellationToken ct) => q.ListAsync(year, ct))
            .RequireAccess(StandardsAccess.View).WithSummary("省级举办的资助工作培训列表（可按年份筛选，含参训人数）")
            .Produces<IReadOnlyList<TrainingRow>>().ProducesProblem(403);
        g.MapGet("/trainings/{id:guid}", (Guid id, TrainingQueries q, CancellationToken ct) => q.DetailAsync(id, ct))
            .RequireAccess(StandardsAccess.View).WithSummary("培训详情及参训人员")
            .Produces<TrainingDetail>().ProducesProblem(403).ProducesProblem(404);
    }

    public async Task<IReadOnlyList<TrainingRow>> ListAsync(int? year, CancellationToken ct)
    {
        db.Actor.Demand(StandardsAccess.View);
        var rows = await db.Set<Training>().AsNoTracking().Where(t => year == null || t.StartsOn.Year == year).OrderByDescending(t => t.StartsOn).Take(500)
            .Select(t => new { t, Attendees = db.Set<StaffTraining>().Count(s => s.TrainingId == t.Id) }).ToListAsync(ct);
        return rows.Select(r => new TrainingRow(r.t.Id, r.t.Title, r.t.Kind, r.t.Kind.ToChinese(), r.t.StartsOn, r.t.EndsOn, r.t.Hours, r.t.Place, r.Attendees, r.t.Version))
            .ToList();
    }

    public async Task<TrainingDetail> DetailAsync(Guid id, CancellationToken ct)
    {
        db.Actor.Demand(StandardsAccess.View);
        var t = await db.Set<Training>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw AppException.NotFound("培训");
        db.Actor.Demand(StandardsAccess.View, t.ScopePath);
        var attendees = await db.Set<StaffTraining>().AsNoTracking().Where(s => s.TrainingId == id)
            .Join(db.Set<AidStaffMember>(), s => s.StaffId, m => m.Id, (s, m) => m)
            .OrderBy(m => m.SchoolCode).ThenBy(m => m.Name).Select(m => new AttendeeRow(m.Id, m.SchoolCode, m.Name, m.Post)).ToListAsync(ct);
        return new TrainingDetail(new TrainingRow(t.Id, t.Title, t.Kind, t.Kind.ToChinese(), t.StartsOn, t.EndsOn, t.Hours, t.Place, attendees.Count, t.Version),
            attendees, db.Actor.ActionsOn(t.ScopePath, StandardsAccess.ManageTrainings));
    }
}
