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

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

/// <summary>
/// The aid officer's answer to a flagged line (issue 13 item 6): 停发 revokes the approved line, 保留 keeps it for this
/// change (payments already stop by date); either clears the flag and the to-do. Only a line that is flagged now.
/// </summary>
public sealed class ResolveAidStatusFlag(TsaDbContext db, AidRoundSteps steps, AidStatusFlags flags, TimeProvider clock)
{
    public async Task<AidStatusFlag> HandleAsync(Guid entryId, AidStatusResolutionInput input, CancellationToken ct)
    {
        var (round, entry) = await steps.LoadEntryAsync(entryId, ct);
        if (input.Decision is not { } decision || !Enum.IsDefined(decision))
        {
            throw AppException.Invalid("decision", "请选择处理方式（停发或保留）");
        }

        var note = AidRoundSteps.Required(input.Note, "note", "请填写处理说明", 200);
        if (input.Version is { } v && v != entry.Version)
        {
            throw AppException.Conflict("该名单记录已被他人修改，请刷新后重试");
        }

        var flag = (await flags.ListAsync(null, entry.StudentId, null, ct)).FirstOrDefault(f => f.EntryId == entry.Id)
            ?? throw AppException.Conflict($"{entry.StudentName} 的学籍没有影响本学期资助的变动，或已处理，无需再处理");
        var now = clock.GetUtcNow().UtcDateTime;
        if (decision == AidStatusDecision.Stop)
        {
            var reason = $"{flag.Text.Replace("，资助待处理", "", StringComparison.Ordinal)}，停发：{note}";
            entry.Revoke(reason.Length <= 500 ? reason : reason[..500], db.Actor.UserName, now);
            db.Record(AidRoundAuditActions.EntryRevoked, round.Id.ToString(), round.ScopePath, new { entry = entry.Id, state = AidEntryState.Approved },
                new { entry = entry.Id, student = entry.StudentName, status = flag.StatusText, since = flag.StatusSince is { } s ? ChinaTime.Iso(s) : null, reason = note }, clock);
        }
        else
        {
            entry.KeepDespiteStatus(flag.StatusSince ?? DateOnly.MinValue, note, db.Actor.UserName, now);
            db.Record(AidRoundAuditActions.EntryKeptDespiteStatus, round.Id.ToString(), round.ScopePath, null,
                new { entry = entry.Id, student = entry.StudentName, status = flag.StatusText, since = flag.StatusSince is { } s ? ChinaTime.Iso(s) : null, reason = note }, clock);
        }

        await steps.SaveAsync(ct);
        return flag;
    }

    public static void Map(RouteGroupBuilder rounds) =>
        rounds.MapPost("/entries/{entryId:guid}/status-resolution", (Guid entryId, AidStatusResolutionInput input, ResolveAidStatusFlag h, CancellationToken ct) =>
                h.HandleAsync(entryId, input, ct))
            .WithSummary("处理学籍已变动的审核通过资助：停发（撤销该条资助）或保留（说明理由）")
            .Produces<AidStatusFlag>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .RequireAccess(AidRoundAccess.Manage);
}
