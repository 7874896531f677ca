using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.StatusChanges.Domain;
using TechSchoolAid.Modules.StatusChanges.Features.KindRules;

namespace TechSchoolAid.Modules.StatusChanges.Features;

/// <summary>One change in the caller's scope: the DTO, or the detail with its history, evidence and the caller's actions.</summary>
public sealed class GetStatusChangeDetail(TsaDbContext db, StatusChangeDeadlines deadlines, StatusChangeEvidenceCheck evidenceCheck, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/{id:guid}", (Guid id, GetStatusChangeDetail q, CancellationToken ct) => q.HandleAsync(id, ct))
            .WithSummary("学籍异动详情（含办理记录、证明材料与当前可执行的操作；响应头 ETag 为其版本）").RequirePermission(Permission.ViewStudents)
            .ProducesProblem(404).Versioned<StatusChange>();

    public async Task<StatusChangeDto> GetAsync(Guid id, CancellationToken ct)
    {
        var c = await db.Set<StatusChange>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw AppException.NotFound("学籍异动");
        var today = clock.Today();
        return StatusChangeView.ToDto(c, today, deadlines.DueSoonUntil(today));
    }

    public async Task<StatusChangeDetail> HandleAsync(Guid id, CancellationToken ct)
    {
        var c = await db.Set<StatusChange>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw AppException.NotFound("学籍异动");
        var today = clock.Today();
        var events = await db.Set<StatusChangeEvent>().AsNoTracking().Where(e => e.ChangeId == id).OrderBy(e => e.Id).ToListAsync(ct);
        var evidence = await db.Set<StatusChangeEvidence>().AsNoTracking().Where(e => e.ChangeId == id).OrderBy(e => e.UploadedAtUtc)
            .Select(e => new EvidenceDto(e.Id, e.FileName, e.ContentType, e.Size, e.Sha256, e.UploadedBy, e.UploadedAtUtc)).ToListAsync(ct);
        var approval = StatusChangeAccess.ApproverOf(c.RequiresAuthority, c.Kind).Name;
        var open = db.Actor.ActionsOn(c.ScopePath, [.. Open(c)]);
        var actions = open.WithoutApproval(db.Actor, approval, c.EnteredBy, c.SubmittedBy);
        var onFile = await evidenceCheck.OfAsync(c, ct);
        return new StatusChangeDetail(
            StatusChangeView.ToDto(c, today, deadlines.DueSoonUntil(today)),
            events.Select(e => new StatusChangeEventDto(e.Action, StatusChangeView.ActionText(e.Action), e.By, e.AtUtc, e.Note)).ToList(),
            evidence,
            actions,
            actions.Count < open.Count ? FourEyes.Refusal("学籍异动") : null,
            onFile.Required,
            c.IsPending ? onFile.Missing : null);
    }

    /// <summary>The rules whose step the change's state allows now; <see cref="Access.ActionsOn"/> keeps those the caller passes.</summary>
    private static IEnumerable<AccessRule> Open(StatusChange c)
    {
        var waiting = c.Kind == StatusChangeKind.Transfer ? StatusChangeState.Accepted : StatusChangeState.Submitted;
        if (c.IsEditableBySchool)
        {
            yield return StatusChangeAccess.Submit;
        }

        if (c.Side == TransferSide.In && c.State == StatusChangeState.Submitted)
        {
            yield return StatusChangeAccess.Accept;
            yield return StatusChangeAccess.RefuseTransfer;
        }

        if (c.State == waiting && c.ApprovedBy is null)
        {
            yield return StatusChangeAccess.ApproverOf(c.RequiresAuthority, c.Kind);
        }

        if (c.State is StatusChangeState.Submitted or StatusChangeState.Accepted)
        {
            yield return StatusChangeAccess.ReturnerOf(c.RequiresAuthority, c.Kind);
        }

        if (c.State == StatusChangeState.Approved && c.Kind != StatusChangeKind.Transfer)
        {
            yield return StatusChangeAccess.Undo;
        }

        if (c.IsPending)
        {
            yield return StatusChangeAccess.AddEvidence;
        }
    }
}
