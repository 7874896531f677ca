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

public sealed class ReturnRoundInput
{
    public string? Reason { get; set; }

    /// <summary>Optional: the students the reason is about. Without it the whole list is returned.</summary>
    public List<Guid>? EntryIds { get; set; }
}

/// <summary>GRD-1: the school's direct supervisor returns the list, whole or for named students, with a reason.</summary>
public sealed class ReturnGraduationRound(TsaDbContext db, GraduationSteps steps, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/{id:guid}/return", async (Guid id, ReturnRoundInput input, ReturnGraduationRound w, GetGraduationRound q, CancellationToken ct) =>
        {
            await w.HandleAsync(id, input, ct);
            return await q.HandleAsync(id, ct);
        }).WithSummary("主管部门退回（整批或指定学生，须填原因）").RequireAccess(GraduationAccess.Return).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(428).Versioned<GraduationRound>();

    public async Task<GraduationRound> HandleAsync(Guid roundId, ReturnRoundInput input, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(GraduationAccess.Reviewer);
        var round = await steps.LoadAsync(roundId, ct);
        actor.Demand(GraduationAccess.Return, round.ScopePath);

        var reason = input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            throw AppException.Invalid("reason", "退回必须填写原因");
        }

        if (reason.Length > 500)
        {
            throw AppException.Invalid("reason", "退回原因不能超过 500 字");
        }

        var entries = await db.Set<GraduationEntry>().Where(e => e.RoundId == roundId).ToListAsync(ct);
        var named = input.EntryIds ?? [];
        if (named.Any(id => entries.All(e => e.Id != id)))
        {
            throw AppException.Invalid("entryIds", "退回的学生不在本毕业批次中");
        }

        var sentBack = entries.Where(e => named.Contains(e.Id)).ToList();
        round.Return(reason, actor.UserName, clock.GetUtcNow().UtcDateTime, sentBack);
        db.Record(GraduationAuditActions.Returned, round.Id.ToString(), round.ScopePath, null,
            new { reason, students = sentBack.Select(e => e.StudentName) }, clock);
        await steps.SaveAsync(ct);
        return round;
    }
}
