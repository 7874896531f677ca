using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Audit;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

public sealed class AidEntryTierInput
{
    public long? YearAmountFen { get; set; }
}

/// <summary>Changes an undecided grant line's tier to another of the policy's tiers.</summary>
public sealed class SetAidEntryTier(TsaDbContext db, AidRoundSteps steps, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder entries) =>
        entries.MapPost("/{id:guid}/tier", async (Guid id, AidEntryTierInput input, SetAidEntryTier set, CancellationToken ct) =>
                TypedResults.Ok(AidRoundRows.ToRow(await set.HandleAsync(id, input, ct))))
            .RequireAccess(AidRoundAccess.Manage)
            .WithSummary("调整助学金档次（须为本省政策的档次之一）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(428).Versioned<AidEntry>();

    public async Task<AidEntry> HandleAsync(Guid entryId, AidEntryTierInput input, CancellationToken ct)
    {
        var (round, entry) = await steps.LoadEntryAsync(entryId, ct);
        round.EnsureEditable();
        if (round.Item != AidItem.Grant)
        {
            throw AppException.Conflict("免学费金额按学校学费标准确定，不能调整档次");
        }

        var amount = await steps.TierAsync(round, input.YearAmountFen ?? 0, ct);
        var old = entry.YearAmountFen;
        entry.SetYearAmount(amount);
        db.Record(AidRoundAuditActions.EntryTierChanged, round.Id.ToString(), round.ScopePath, new { entry = entry.Id, yearAmountFen = old },
            new { entry = entry.Id, student = entry.StudentName, yearAmountFen = amount }, clock);
        await steps.SaveAsync(ct);
        return entry;
    }
}
