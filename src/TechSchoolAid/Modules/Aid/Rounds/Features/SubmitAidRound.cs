using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Audit;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

public sealed class AidSubmitInput
{
    /// <summary>The school's declared number of qualifying students (AID-7); the number found when the list was built if omitted.</summary>
    public int? DeclaredEligibleCount { get; set; }
}

/// <summary>Submits the list to the direct supervisor once publication has ended and every objection is answered.</summary>
public sealed class SubmitAidRound(TsaDbContext db, AidRoundSteps steps, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder rounds) =>
        rounds.MapPost("/{id:guid}/submission", async (Guid id, AidSubmitInput input, SubmitAidRound submit, GetAidRound detail, CancellationToken ct) =>
        {
            await submit.HandleAsync(id, input, ct);
            return TypedResults.Ok(await detail.HandleAsync(id, ct));
        }).RequireAccess(AidRoundAccess.Manage)
            .WithSummary("公示期满、异议答复后报送直接主管部门审核").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(428).Versioned<AidRound>();

    public async Task<AidRound> HandleAsync(Guid roundId, AidSubmitInput input, CancellationToken ct)
    {
        var round = await steps.LoadOwnAsync(roundId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        round.EnsureSubmittable(clock.Today());
        var open = await db.Set<AidEntry>().Where(e => e.RoundId == round.Id && e.ObjectionText != null && e.ObjectionAnswer == null)
            .Select(e => e.StudentName).ToListAsync(ct);
        if (open.Count > 0)
        {
            throw AppException.Conflict($"以下学生的异议尚未答复，不能报送：{AidRoundSteps.Names(open)}");
        }

        if (input.DeclaredEligibleCount is { } declared)
        {
            round.Declare(declared);
        }

        round.Submit(db.Actor.UserName, now);
        var count = await steps.CountAsync(round.Id, AidEntryState.Proposed, ct);
        db.Record(AidRoundAuditActions.RoundSubmitted, round.Id.ToString(), round.ScopePath, null,
            new { students = count, declaredEligible = round.DeclaredEligibleCount, late = clock.Today() > round.ApprovalDeadline }, clock);
        await steps.SaveAsync(ct);
        return round;
    }
}
