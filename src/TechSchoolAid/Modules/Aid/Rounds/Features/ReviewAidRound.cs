using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Audit.Contracts;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

public sealed class AidReviewInput
{
    public AidReviewDecision? Decision { get; set; }

    /// <summary>The lines decided; the whole list's undecided lines when omitted (approve only).</summary>
    public List<Guid>? EntryIds { get; set; }

    public string? Note { get; set; }
}

/// <summary>
/// The direct supervisor's decision: approve some lines or every undecided line, reject some lines (with the reason), or
/// return the whole list to the school; approving or rejecting after the approval deadline needs the province's
/// reopening. One action, one transaction, one audit event with the counts; each line records who reviewed it and when.
/// A person is approved once per item and term in the whole system (checked before, and held by a unique index).
/// </summary>
public sealed class ReviewAidRound(TsaDbContext db, AidRoundSteps steps, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder rounds) =>
        rounds.MapPost("/{id:guid}/review", (Guid id, AidReviewInput input, ReviewAidRound review, CancellationToken ct) => review.HandleAsync(id, input, ct))
            .RequireAccess(AidRoundAccess.Review)
            .WithSummary("直接主管部门审核：逐个或整单通过、逐个不通过、整单退回（审批截止日期后须省级重新开放）")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(428).Versioned<AidRound>();

    public async Task<AidReviewResult> HandleAsync(Guid roundId, AidReviewInput input, CancellationToken ct)
    {
        db.Actor.Demand(AidRoundAccess.Review);
        var round = await db.Set<AidRound>().FirstOrDefaultAsync(r => r.Id == roundId, ct) ?? throw AppException.NotFound("资助名单");
        db.Actor.Demand(AidRoundAccess.Review, round.ScopePath);
        if (input.Decision is not { } decision || !Enum.IsDefined(decision))
        {
            throw AppException.Invalid("decision", "请选择审核结果（通过、不通过或退回）");
        }

        round.EnsureUnderReview();
        var note = input.Note?.Trim();
        if (note is { Length: > 500 })
        {
            throw AppException.Invalid("note", "审核意见不能超过 500 字");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (decision == AidReviewDecision.Return)
        {
            round.Return(note ?? "", db.Actor.UserName, now);
            db.Record(AidRoundAuditActions.RoundReturned, round.Id.ToString(), round.ScopePath, null, new { note }, clock);
            await steps.SaveAsync(ct);
            return new AidReviewResult(round.Id, 0, 0, await steps.CountAsync(round.Id, AidEntryState.Proposed, ct), round.State);
        }

        db.Actor.DemandSecondPerson("资助名单", round.CreatedBy, round.SubmittedBy);
        round.EnsureWithinDeadline(clock.Today(), await AidDeadlineReopening.ReopenedUntilAsync(db, round, ct));
        var ids = input.EntryIds is { Count: > 0 } list ? list.Distinct().ToList() : null;
        var lines = await LinesAsync(round, ids, ct);
        return decision == AidReviewDecision.Reject
            ? await RejectAsync(round, lines, ids, note, now, ct)
            : await ApproveAsync(round, lines, ids, note, now, ct);
    }

    /// <summary>The undecided lines the decision is about: the chosen ones (each must be on the list and undecided), or all.</summary>
    private async Task<IQueryable<AidEntry>> LinesAsync(AidRound round, List<Guid>? ids, CancellationToken ct)
    {
        var lines = db.Set<AidEntry>().Where(e => e.RoundId == round.Id && e.State == AidEntryState.Proposed);
        if (ids is null)
        {
            return lines;
        }

        var found = await db.Set<AidEntry>().Where(e => e.RoundId == round.Id && ids.Contains(e.Id)).Select(e => new { e.Id, e.State, e.StudentName }).ToListAsync(ct);
        if (found.Count != ids.Count)
        {
            throw AppException.Invalid("entryIds", "所选学生中有不属于本名单的记录");
        }

        var decided = found.Where(f => f.State != AidEntryState.Proposed).Select(f => f.StudentName).ToList();
        if (decided.Count > 0)
        {
            throw AppException.Conflict($"以下学生已审核或已撤出，不能再次审核：{AidRoundSteps.Names(decided)}");
        }

        return lines.Where(e => ids.Contains(e.Id));
    }

    private async Task<AidReviewResult> RejectAsync(AidRound round, IQueryable<AidEntry> lines, List<Guid>? ids, string? note, DateTime now, CancellationToken ct)
    {
        if (ids is null)
        {
            throw AppException.Invalid("entryIds", "请选择审核不通过的学生；整单不通过请使用“退回”");
        }

        if (string.IsNullOrEmpty(note))
        {
            throw AppException.Invalid("note", "审核不通过时请填写原因");
        }

        // In bulk, on the same condition as AidEntry.Review (undecided lines only: the query above selects no other).
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var affected = await lines.ExecuteUpdateAsync(u => u
            .SetProperty(e => e.State, AidEntryState.Rejected)
            .SetProperty(e => e.ReviewedBy, db.Actor.UserName)
            .SetProperty(e => e.ReviewedAtUtc, now)
            .SetProperty(e => e.ReviewNote, note)
            .SetProperty(e => e.Version, e => e.Version + 1), ct);
        await FinishAsync(round, AidRoundAuditActions.RoundRejected, affected, ids, note, now, ct);
        await tx.CommitAsync(ct);
        return new AidReviewResult(round.Id, 0, affected, await steps.CountAsync(round.Id, AidEntryState.Proposed, ct), round.State);
    }

    private async Task<AidReviewResult> ApproveAsync(AidRound round, IQueryable<AidEntry> lines, List<Guid>? ids, string? note, DateTime now, CancellationToken ct)
    {
        // Every line must still be eligible today, and no person may already be approved elsewhere.
        var gone = await (from e in lines
                          join s in db.StudentAidFactsInScope() on e.StudentId equals s.Id
                          where s.Status != EnrolmentStatus.Active || !s.IsFullTime || !s.RegistrationApproved
                          select e.StudentName + "（" + (s.IsFullTime ? "学籍状态已变更" : "非全日制") + "）").Take(AidRoundSteps.NamesShown + 1).ToListAsync(ct);
        if (gone.Count > 0)
        {
            throw AppException.Conflict($"以下学生已不符合资助条件（已不在籍或非全日制），请先对其审核不通过：{AidRoundSteps.Names(gone)}");
        }

        var twice = await (from e in lines
                           join o in db.Unscoped<AidEntry>("同一学生同一学期只能在一所学校享受同一资助：须查其他学校审核通过的记录") on e.PersonKey equals o.PersonKey
                           where o.State == AidEntryState.Approved && o.Item == round.Item && o.SchoolYear == round.SchoolYear && o.Semester == round.Semester
                           join org in db.AllOrganizations() on o.SchoolId equals org.Id
                           select e.StudentName + "（已在" + org.Name + "审核通过）").Take(AidRoundSteps.NamesShown + 1).ToListAsync(ct);
        if (twice.Count > 0)
        {
            throw AppException.Conflict($"同一学生同一学期不能重复资助，以下学生已在其他学校审核通过{AidTerm.ItemText(round.Item)}，请对其审核不通过：{AidRoundSteps.Names(twice)}");
        }

        int affected;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            try
            {
                affected = await lines.ExecuteUpdateAsync(u => u
                    .SetProperty(e => e.State, AidEntryState.Approved)
                    .SetProperty(e => e.ReviewedBy, db.Actor.UserName)
                    .SetProperty(e => e.ReviewedAtUtc, now)
                    .SetProperty(e => e.ReviewNote, note)
                    .SetProperty(e => e.Version, e => e.Version + 1), ct);
            }
            catch (Exception ex) when (AidRoundSteps.IsOncePerTermViolation(ex))
            {
                throw AppException.Conflict("名单中有学生刚刚在其他学校审核通过同一学期的同一资助项目，请刷新后重试");
            }

            await FinishAsync(round, AidRoundAuditActions.RoundApproved, affected, ids, note, now, ct);
            await tx.CommitAsync(ct);
        }

        return new AidReviewResult(round.Id, affected, 0, await steps.CountAsync(round.Id, AidEntryState.Proposed, ct), round.State);
    }

    private async Task FinishAsync(AidRound round, AuditAction action, int affected, List<Guid>? ids, string? note, DateTime now, CancellationToken ct)
    {
        var left = await steps.CountAsync(round.Id, AidEntryState.Proposed, ct);
        round.Reviewed(left == 0, db.Actor.UserName, now);
        db.Record(action, round.Id.ToString(), round.ScopePath, null, new
        {
            students = affected,
            wholeList = ids is null,
            entries = ids is { Count: <= 200 } ? ids : null,
            note,
            undecided = left,
        }, clock);
        await steps.SaveAsync(ct);
    }
}
