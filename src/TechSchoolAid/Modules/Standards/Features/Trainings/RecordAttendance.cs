using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Standards.Contracts;
using TechSchoolAid.Modules.Standards.Domain;

namespace TechSchoolAid.Modules.Standards.Features.Trainings;

public sealed record AttendanceInput(IReadOnlyList<Guid>? StaffIds, int? Version);

public sealed record AttendanceRecorded(Guid TrainingId, int Added, int AlreadyRecorded, int Attendees, int Version);

/// <summary>
/// INS-2: the province records which aid staff of its schools attended one of its trainings (after it started). Each
/// attendee gets a training record on the last day of the training, which is what the school's training item counts.
/// A staff member of another province's school, or one not in post during the training, is refused (400 naming
/// staffIds, nothing written); one already recorded is skipped. Audited.
/// </summary>
public sealed class RecordAttendance(TsaDbContext db, StandardsSteps steps, TimeProvider clock)
{
    public const int MaxPerCall = 500;

    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/trainings/{id:guid}/attendance", (Guid id, AttendanceInput input, RecordAttendance f, CancellationToken ct) => f.HandleAsync(id, input, ct))
            .RequireAccess(StandardsAccess.ManageTrainings)
            .WithSummary("省级登记培训参训人员（本省学校在岗的资助工作人员；参训即计入其培训记录）")
            .Produces<AttendanceRecorded>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<AttendanceRecorded> HandleAsync(Guid id, AttendanceInput input, CancellationToken ct)
    {
        db.Actor.Demand(StandardsAccess.ManageTrainings);
        var training = await db.Set<Training>().FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw AppException.NotFound("培训");
        db.Actor.Demand(StandardsAccess.ManageTrainings, training.ScopePath);
        var ids = input.StaffIds?.Distinct().ToList() ?? [];
        if (ids.Count == 0)
        {
            throw AppException.Invalid("staffIds", "请选择参训人员");
        }

        if (ids.Count > MaxPerCall)
        {
            throw AppException.Invalid("staffIds", $"一次最多登记 {MaxPerCall} 名参训人员");
        }

        if (training.StartsOn > clock.Today())
        {
            throw AppException.Invalid("trainingId", $"培训尚未开始（{ChinaTime.Iso(training.StartsOn)}），开始后才能登记参训人员");
        }

        training.EnsureVersionFor(input.Version);
        var staff = await db.Set<AidStaffMember>().AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(ct);
        var unknown = ids.Count - staff.Count;
        var outside = staff.Where(s => !s.ScopePath.StartsWith(training.ScopePath, StringComparison.Ordinal)).ToList();
        if (unknown > 0 || outside.Count > 0)
        {
            throw AppException.Invalid("staffIds", $"有 {unknown + outside.Count} 名人员不是本省学校登记的资助工作人员");
        }

        var notInPost = staff.Where(s => s.AppointedOn > training.EndsOn || (s.EndedOn is { } e && e < training.StartsOn)).ToList();
        if (notInPost.Count > 0)
        {
            throw AppException.Invalid("staffIds", $"{string.Join("、", notInPost.Take(5).Select(s => s.Name))} 在培训期间不在资助工作岗位上");
        }

        var already = await db.Set<StaffTraining>().Where(t => t.TrainingId == id).Select(t => t.StaffId).ToListAsync(ct);
        var province = await db.Organizations().Where(o => o.ScopePath == training.ScopePath).Select(o => o.Name).FirstAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var added = staff.Where(s => !already.Contains(s.Id)).ToList();
        foreach (var s in added)
        {
            db.Add(new StaffTraining(Guid.CreateVersion7(), s.Id, s.SchoolCode, s.ScopePath, TrainingSource.Province, training.Id, training.Title, province, training.EndsOn,
                training.Hours, db.Actor.UserName, now));
        }

        training.Touch();
        db.Record(StandardsAuditActions.AttendanceRecorded, training.Id.ToString(), training.ScopePath, null,
            new { added = added.Select(s => new { s.SchoolCode, s.Name }).ToList(), skipped = staff.Count - added.Count }, clock);
        await steps.SaveAsync(ct, "这些参训人员刚被他人登记，请刷新后重试");
        return new AttendanceRecorded(training.Id, added.Count, staff.Count - added.Count, already.Count + added.Count, training.Version);
    }
}
