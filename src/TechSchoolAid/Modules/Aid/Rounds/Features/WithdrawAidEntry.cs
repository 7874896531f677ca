using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Audit;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

public sealed class AidEntryWithdrawInput
{
    public string? Reason { get; set; }
}

/// <summary>Takes an undecided student off an editable list with the reason (the line is kept as withdrawn).</summary>
public sealed class WithdrawAidEntry(TsaDbContext db, AidRoundSteps steps, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder entries) =>
        entries.MapPost("/{id:guid}/withdrawal", async (Guid id, AidEntryWithdrawInput input, WithdrawAidEntry withdraw, CancellationToken ct) =>
                TypedResults.Ok(AidRoundRows.ToRow(await withdraw.HandleAsync(id, input, ct))))
            .RequireAccess(AidRoundAccess.Manage)
            .WithSummary("把学生撤出名单（填写原因）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(428).Versioned<AidEntry>();

    public async Task<AidEntry> HandleAsync(Guid entryId, AidEntryWithdrawInput input, CancellationToken ct)
    {
        var (round, entry) = await steps.LoadEntryAsync(entryId, ct);
        round.EnsureEditable();
        var reason = AidRoundSteps.Required(input.Reason, "reason", "请填写撤出名单的原因", 500);
        entry.Withdraw(reason, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record(AidRoundAuditActions.EntryWithdrawn, round.Id.ToString(), round.ScopePath, null, new { entry = entry.Id, student = entry.StudentName, reason }, clock);
        await steps.SaveAsync(ct);
        return entry;
    }
}
