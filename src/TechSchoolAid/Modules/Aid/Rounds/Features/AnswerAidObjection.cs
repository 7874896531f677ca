using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Audit;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

public sealed class AidObjectionAnswerInput
{
    public string? Answer { get; set; }

    /// <summary>The objection is upheld: the student leaves the list.</summary>
    public bool? Withdraw { get; set; }
}

/// <summary>Answers an objection; an upheld objection takes the student off the list.</summary>
public sealed class AnswerAidObjection(TsaDbContext db, AidRoundSteps steps, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder entries) =>
        entries.MapPost("/{id:guid}/objection-answer", async (Guid id, AidObjectionAnswerInput input, AnswerAidObjection answer, CancellationToken ct) =>
                TypedResults.Ok(AidRoundRows.ToRow(await answer.HandleAsync(id, input, ct))))
            .RequireAccess(AidRoundAccess.Manage)
            .WithSummary("答复异议（异议成立时撤出名单）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(428).Versioned<AidEntry>();

    public async Task<AidEntry> HandleAsync(Guid entryId, AidObjectionAnswerInput input, CancellationToken ct)
    {
        var (round, entry) = await steps.LoadEntryAsync(entryId, ct);
        var answer = AidRoundSteps.Required(input.Answer, "answer", "请填写答复内容", 1000);
        entry.Answer(answer, input.Withdraw == true, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record(AidRoundAuditActions.EntryObjectionAnswered, round.Id.ToString(), round.ScopePath, null,
            new { entry = entry.Id, student = entry.StudentName, withdrawn = input.Withdraw == true, late = clock.Today() > entry.ObjectionDueDate }, clock);
        await steps.SaveAsync(ct);
        return entry;
    }
}
