using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Hardship.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Domain;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Aid.Hardship.Features;

/// <summary>A semester's change: the current version (archived) is superseded by a new application; history is kept.</summary>
public sealed class ReassessHardship(TsaDbContext db, HardshipSteps steps, StudentLifecycle students, TimeProvider clock)
{
    public async Task<HardshipAssessment> HandleAsync(Guid id, HardshipApplicationInput input, CancellationToken ct)
    {
        steps.DemandStaff();
        var current = await steps.LoadAsync(id, ct);
        db.Actor.Demand(HardshipAccess.ManageOwnSchool, current.ScopePath);
        current.GuardReassess();
        input.SchoolYear ??= current.SchoolYear;
        var values = HardshipApplication.Validate(input, clock.Today());
        if (values.SchoolYear != current.SchoolYear)
        {
            throw AppException.Invalid("schoolYear", "重新认定只能在同一学年内进行；新学年请重新申请");
        }

        var student = await students.GetAsync(current.StudentId, ct);
        HardshipApplication.RequireActive(student);
        current.Supersede(db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        var next = HardshipApplication.New(student, values, steps.Seal(values.FamilySituation)!, current.Version + 1, current.Id, db.Actor.UserName, clock);
        db.Record(HardshipAuditActions.Superseded, current.Id.ToString(), current.ScopePath, new { version = current.Version, level = current.Level },
            new { by = next.Id }, clock);

        // The unique "one current version" index must never see two: save the old version's end first, in one transaction.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await steps.SaveAsync(ct);
        db.Add(next);
        db.Record(HardshipAuditActions.Reassessed, next.Id.ToString(), next.ScopePath, null,
            new { student = next.StudentName, version = next.Version, semester = next.Semester, priority = next.PriorityGroups, watch = next.WatchGroups }, clock);
        await steps.SaveAsync(ct);
        await tx.CommitAsync(ct);
        return next;
    }

    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/{id:guid}/reassessment", async (Guid id, HardshipApplicationInput input, ReassessHardship handler, HardshipQueries q, CancellationToken ct) =>
        {
            var a = await handler.HandleAsync(id, input, ct);
            return TypedResults.Created($"/api/v1/hardship/{a.Id}", await q.DetailAsync(a.Id, ct));
        }).WithSummary("学期中重新认定：生成新版本，原版本保留为历史").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(428).Versioned<HardshipAssessment>().RequireAccess(HardshipAccess.ManageOwnSchool);
}
