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
using TechSchoolAid.Modules.Calendar;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

public sealed class AidPublicationInput
{
    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }
}

/// <summary>Publishes an editable list inside the school for at least the policy's working days.</summary>
public sealed class PublishAidRound(TsaDbContext db, AidRoundSteps steps, WorkingDays workingDays, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder rounds) =>
        rounds.MapPost("/{id:guid}/publication", async (Guid id, AidPublicationInput input, PublishAidRound publish, GetAidRound detail, CancellationToken ct) =>
        {
            await publish.HandleAsync(id, input, ct);
            return TypedResults.Ok(await detail.HandleAsync(id, ct));
        }).RequireAccess(AidRoundAccess.Manage)
            .WithSummary("校内公示（不少于资助政策规定的工作日）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(428).Versioned<AidRound>();

    public async Task<AidRound> HandleAsync(Guid roundId, AidPublicationInput input, CancellationToken ct)
    {
        var round = await steps.LoadEditableAsync(roundId, ct);
        if (input.From is not { } from || input.To is not { } to)
        {
            throw AppException.Invalid("from", "请填写公示起止日期");
        }

        if (from < clock.Today())
        {
            throw AppException.Invalid("from", "公示开始日期不能早于今天");
        }

        if (to < from)
        {
            throw AppException.Invalid("to", "公示结束日期不能早于开始日期");
        }

        if (!await db.Set<AidEntry>().AnyAsync(e => e.RoundId == round.Id && e.State == AidEntryState.Proposed, ct))
        {
            throw AppException.Conflict("名单中没有拟资助的学生，不能公示");
        }

        var policy = await steps.PolicyAsync(round, ct);
        var days = workingDays.CountInclusive(from, to);
        if (days < policy.PublicationWorkingDays)
        {
            var earliest = workingDays.PeriodEnd(from, policy.PublicationWorkingDays);
            throw AppException.Invalid("to",
                $"公示期只有 {days} 个工作日，少于资助政策规定的 {policy.PublicationWorkingDays} 个工作日（最早可于 {ChinaTime.Iso(earliest)} 结束）");
        }

        round.Publish(from, to, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record(AidRoundAuditActions.RoundPublished, round.Id.ToString(), round.ScopePath, null,
            new { from = ChinaTime.Iso(from), to = ChinaTime.Iso(to), workingDays = days, required = policy.PublicationWorkingDays }, clock);
        await steps.SaveAsync(ct);
        return round;
    }
}
