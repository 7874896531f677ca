using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Graduation.Contracts;
using TechSchoolAid.Modules.Graduation.Domain;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Graduation.Features;

/// <summary>
/// GRD-1: the school's direct supervisor approves the list: a graduation certificate to each student who passed, a
/// completion certificate to the others, and the record closes through the Students contract.
/// </summary>
public sealed class ApproveGraduationRound(TsaDbContext db, StudentLifecycle lifecycle, GraduationSteps steps, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/{id:guid}/approve", async (Guid id, ApproveGraduationRound w, GetGraduationRound q, CancellationToken ct) =>
        {
            await w.HandleAsync(id, ct);
            return await q.HandleAsync(id, ct);
        }).WithSummary("主管部门审核通过：颁发毕业/结业证书编号，学籍状态变为毕业/结业").RequireAccess(GraduationAccess.Approve).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(428).Versioned<GraduationRound>();

    public async Task<GraduationRound> HandleAsync(Guid roundId, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(GraduationAccess.Reviewer);
        var round = await steps.LoadAsync(roundId, ct);
        actor.Demand(GraduationAccess.Approve, round.ScopePath);

        var now = clock.GetUtcNow().UtcDateTime;
        actor.DemandSecondPerson("毕业批次", round.CreatedBy, round.SubmittedBy);
        round.Approve(actor.UserName, now);
        var entries = await db.Set<GraduationEntry>().Where(e => e.RoundId == roundId).OrderBy(e => e.StatusNumber).ToListAsync(ct);
        await steps.RequireAllActiveAsync(entries, "请退回学校处理", ct);
        var serials = new Dictionary<CertificateKind, int>();
        foreach (var e in entries)
        {
            var kind = e.Passed ? CertificateKind.Graduation : CertificateKind.Completion;
            var number = await steps.NextNumberAsync(round.GraduationDate.Year, round.SchoolCode, round.SchoolKind, kind, serials, ct);
            var certificate = new Certificate(Guid.CreateVersion7(), number, kind, e.StudentId, round.Id, round.ScopePath, e.StudentName, round.SchoolCode, round.SchoolName,
                e.Major, e.LevelText, round.GraduationDate, actor.UserName, now);
            db.Add(certificate);
            round.Issue(e, certificate);
            await lifecycle.ChangeStatusAsync(e.StudentId, e.Passed ? EnrolmentStatus.Graduated : EnrolmentStatus.Completed, round.GraduationDate, ct);
        }

        db.Record(GraduationAuditActions.Approved, round.Id.ToString(), round.ScopePath, null,
            new { graduates = entries.Count(e => e.Passed), completions = entries.Count(e => !e.Passed), numbers = entries.Select(e => e.CertificateNumber) }, clock);
        await steps.SaveAsync(ct);
        return round;
    }
}
