using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Eligibility;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

public sealed class AidEntryAddInput
{
    public Guid? StudentId { get; set; }

    /// <summary>Grant only: the tier per year in fen; the tier the hardship level suggests when omitted.</summary>
    public long? YearAmountFen { get; set; }
}

/// <summary>Adds one student to an editable list (or takes a withdrawn one back) after checking eligibility today.</summary>
public sealed class AddAidEntry(TsaDbContext db, AidRoundSteps steps, AidEligibilityRules rules, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder rounds) =>
        rounds.MapPost("/{id:guid}/entries", async (Guid id, AidEntryAddInput input, AddAidEntry add, CancellationToken ct) =>
                TypedResults.Ok(AidRoundRows.ToRow(await add.HandleAsync(id, input, ct))))
            .RequireAccess(AidRoundAccess.Manage)
            .WithSummary("把一名学生加入名单（先核对资格，不符合的说明原因）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<AidEntry> HandleAsync(Guid roundId, AidEntryAddInput input, CancellationToken ct)
    {
        var round = await steps.LoadEditableAsync(roundId, ct);
        if (input.StudentId is not { } studentId)
        {
            throw AppException.Invalid("studentId", "请选择学生");
        }

        var student = await db.StudentAidFactsInScope().FirstOrDefaultAsync(s => s.Id == studentId, ct) ?? throw AppException.NotFound("学生");
        if (student.SchoolId != round.SchoolId)
        {
            throw AppException.Invalid("studentId", $"{student.Name} 不是本校学生，不能列入本校名单");
        }

        var existing = await db.Set<AidEntry>().FirstOrDefaultAsync(e => e.RoundId == round.Id && e.StudentId == studentId, ct);
        if (existing is { State: not AidEntryState.Withdrawn })
        {
            throw AppException.Conflict($"{student.Name} 已在名单中");
        }

        var answer = await rules.ExplainAsync(studentId, round.Term, round.Term.Clamp(clock.Today()), ct);
        var item = AidRoundSteps.Of(answer, round.Item);
        if (!item.Eligible)
        {
            throw AppException.Invalid("studentId", $"{student.Name} 不符合{round.Term}{item.ItemText}条件：{string.Join("；", item.Reasons)}");
        }

        var elsewhere = await steps.ApprovedElsewhereAsync([student.PersonKey], round.Item, round.Term, round.SchoolId, ct);
        if (elsewhere.TryGetValue(student.PersonKey, out var other))
        {
            throw AppException.Conflict($"{student.Name} 已在 {other} 审核通过{round.Term}{item.ItemText}，同一学生同一学期不能重复资助");
        }

        var amount = round.Item == AidItem.Grant ? await steps.TierAsync(round, input.YearAmountFen ?? item.YearAmountFen!.Value, ct) : item.YearAmountFen!.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        AidEntry entry;
        if (existing is not null)
        {
            existing.Repropose(amount, item.Basis, answer.Grade, db.Actor.UserName, now);
            entry = existing;
        }
        else
        {
            entry = new AidEntry(Guid.CreateVersion7(), round, student.Id, student.PersonKey, student.Name, student.ClassName, student.IdNumberMasked,
                answer.Grade, amount, item.Basis, db.Actor.UserName, now);
            db.Add(entry);
        }

        db.Record(AidRoundAuditActions.EntryAdded, round.Id.ToString(), round.ScopePath, null,
            new { entry = entry.Id, student = student.Name, yearAmountFen = amount, basis = entry.Basis }, clock);
        await steps.SaveAsync(ct);
        return entry;
    }
}
