using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Calendar;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

public sealed class AidObjectionInput
{
    public string? Text { get; set; }

    /// <summary>The day the objection was received; today when omitted.</summary>
    public DateOnly? RaisedOn { get; set; }
}

/// <summary>Records an objection received during publication; the answer is due within the policy's working days.</summary>
public sealed class RecordAidObjection(TsaDbContext db, AidRoundSteps steps, WorkingDays workingDays, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder entries) =>
        entries.MapPost("/{id:guid}/objection", async (Guid id, AidObjectionInput input, RecordAidObjection record, CancellationToken ct) =>
                TypedResults.Ok(AidRoundRows.ToRow(await record.HandleAsync(id, input, ct))))
            .RequireAccess(AidRoundAccess.Manage)
            .WithSummary("登记公示期内的异议（答复期限按资助政策的工作日计算）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(428).Versioned<AidEntry>();

    public async Task<AidEntry> HandleAsync(Guid entryId, AidObjectionInput input, CancellationToken ct)
    {
        var (round, entry) = await steps.LoadEntryAsync(entryId, ct);
        round.EnsurePublished();
        var text = AidRoundSteps.Required(input.Text, "text", "请填写异议内容", 1000);
        var on = input.RaisedOn ?? clock.Today();
        if (on < round.PublishedFrom || on > round.PublishedTo || on > clock.Today())
        {
            throw AppException.Invalid("raisedOn", $"异议须在公示期内（{ChinaTime.Iso(round.PublishedFrom!.Value)} 至 {ChinaTime.Iso(round.PublishedTo!.Value)}）提出，且不能晚于今天");
        }

        var policy = await steps.PolicyAsync(round, ct);
        var due = workingDays.AddWorkingDays(on, policy.ObjectionAnswerWorkingDays);
        entry.Object(text, on, due, db.Actor.UserName);
        db.Record(AidRoundAuditActions.EntryObjection, round.Id.ToString(), round.ScopePath, null,
            new { entry = entry.Id, student = entry.StudentName, raisedOn = ChinaTime.Iso(on), due = ChinaTime.Iso(due) }, clock);
        await steps.SaveAsync(ct);
        return entry;
    }
}
