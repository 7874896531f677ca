using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Graduation.Contracts;
using TechSchoolAid.Modules.Graduation.Domain;

namespace TechSchoolAid.Modules.Graduation.Features;

public sealed class AssessmentInput
{
    public Guid EntryId { get; set; }

    public bool? ConductPassed { get; set; }

    public bool? CoursesPassed { get; set; }
}

public sealed class AssessmentsInput
{
    public List<AssessmentInput>? Items { get; set; }
}

/// <summary>GRD-1: the school's records staff record each candidate's assessment (操行合格、课程全部合格).</summary>
public sealed class AssessGraduationRound(TsaDbContext db, GraduationSteps steps, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPut("/{id:guid}/assessments", async (Guid id, AssessmentsInput input, AssessGraduationRound w, GetGraduationRound q, CancellationToken ct) =>
        {
            await w.HandleAsync(id, input, ct);
            return await q.HandleAsync(id, ct);
        }).WithSummary("录入毕业评定（操行合格、课程全部合格）").RequireAccess(GraduationAccess.Assess).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(428).Versioned<GraduationRound>();

    public async Task<GraduationRound> HandleAsync(Guid roundId, AssessmentsInput input, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(GraduationAccess.Clerk);
        var round = await steps.LoadAsync(roundId, ct);
        actor.Demand(GraduationAccess.Assess, round.ScopePath);
        round.RequireEditable();
        var items = input.Items ?? [];
        if (items.Count == 0)
        {
            throw AppException.Invalid("items", "请至少评定一名候选人");
        }

        var entries = await db.Set<GraduationEntry>().Where(e => e.RoundId == roundId).ToDictionaryAsync(e => e.Id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var item in items)
        {
            if (!entries.TryGetValue(item.EntryId, out var entry))
            {
                throw AppException.Invalid("items", "评定的学生不在本毕业批次中");
            }

            if (item.ConductPassed is not { } conduct || item.CoursesPassed is not { } courses)
            {
                throw AppException.Invalid("items", $"{entry.StudentName}：请同时评定「操行合格」与「课程全部合格」");
            }

            round.Assess(entry, conduct, courses, actor.UserName, now);
        }

        db.Record(GraduationAuditActions.Assessed, round.Id.ToString(), round.ScopePath, null,
            new { items = items.Select(i => new { i.EntryId, i.ConductPassed, i.CoursesPassed }) }, clock);
        await steps.SaveAsync(ct);
        return round;
    }
}
