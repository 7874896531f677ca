using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.StatusChanges.Domain;
using TechSchoolAid.Modules.StatusChanges.Features.KindRules;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.StatusChanges.Features;

/// <summary>
/// STA-1: the approver approves a change, which then takes effect on the record. A transfer needs both schools'
/// authorities; the second approval moves the record to the receiving school, in the approver's name.
/// </summary>
public sealed class ApproveStatusChange(
    TsaDbContext db, StudentLifecycle students, StatusChangeSteps steps, StatusChangeEvidenceCheck evidence, IPaymentStops payments, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/{id:guid}/approve", async (Guid id, ApproveStatusChange w, GetStatusChangeDetail q, CancellationToken ct) =>
        {
            await w.HandleAsync(id, ct);
            return await q.GetAsync(id, ct);
        }).WithSummary("审批通过（主管部门或学校管理员，视异动类型）").RequireAccess(StatusChangeAccess.Approver).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(428).Versioned<StatusChange>();

    public async Task<StatusChange> HandleAsync(Guid id, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(StatusChangeAccess.Approver);
        var change = await steps.LoadAsync(id, ct);
        actor.Demand(StatusChangeAccess.ApproverOf(change.RequiresAuthority, change.Kind), change.ScopePath);
        actor.DemandSecondPerson("学籍异动", change.EnteredBy, change.SubmittedBy);

        var now = clock.GetUtcNow().UtcDateTime;
        var onFile = await evidence.OfAsync(change, ct);
        if (change.Kind != StatusChangeKind.Transfer)
        {
            var student = await students.GetAsync(change.StudentId, ct);
            change.Approve(actor.UserName, now, onFile);
            change.RememberPrevious(student);
            await ApplyAsync(change, ct);
            await StopPaymentsAsync(change, ct);
            steps.History(change, "approved", null);
            db.Record(StatusChangeAuditActions.Approved, change.Id.ToString(), change.ScopePath,
                new { status = student.Status }, new { state = change.State, kind = change.Kind }, clock);
            await steps.SaveAsync(ct);
            return change;
        }

        change.Approve(actor.UserName, now, onFile);
        steps.History(change, "approved", change.Side == TransferSide.Out ? "转出方主管部门审批通过" : "转入方主管部门审批通过");
        db.Record(StatusChangeAuditActions.Approved, change.Id.ToString(), change.ScopePath, null, new { side = change.Side }, clock);
        var other = await steps.CounterpartAsync(change, ct);
        if (other.ApprovedBy is null)
        {
            await steps.SaveAsync(ct);
            return change;
        }

        // Both authorities have approved: the record moves. The sending record gives up the place first, then the
        // receiving school's record is created, in one transaction (the one-place index never sees two holders).
        var outbound = change.Side == TransferSide.Out ? change : other;
        var inbound = change.Side == TransferSide.In ? change : other;
        using var across = steps.AcrossSchools(other.ScopePath);
        var sending = await students.GetAcrossSchoolsAsync(outbound.StudentId, ct);
        outbound.RememberPrevious(sending);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await students.ChangeStatusAsync(outbound.StudentId, EnrolmentStatus.TransferredOut, outbound.OccurredOn, ct);
        await StopPaymentsAsync(outbound, ct);
        await db.SaveChangesAsync(ct);
        var receiving = await db.AllOrganizations().Where(o => o.Id == inbound.SchoolId).FirstAsync(ct);
        var newId = await students.ContinueAtAsync(outbound.StudentId, receiving, outbound.OccurredOn, actor.UserName, now, ct);
        outbound.Complete(newId, now);
        inbound.Complete(newId, now);
        steps.History(outbound, "completed", $"学籍已转至 {inbound.SchoolName}");
        steps.History(inbound, "completed", $"已在本校建立学籍（由 {outbound.SchoolName} 转入）");
        db.Record(StatusChangeAuditActions.StudentTransferredOut, outbound.StudentId.ToString(), outbound.ScopePath,
            new { status = sending.Status }, new { status = EnrolmentStatus.TransferredOut, to = inbound.SchoolCode }, clock);
        db.Record(StatusChangeAuditActions.StudentTransferredIn, newId.ToString(), inbound.ScopePath, null, new { from = outbound.SchoolCode, continues = outbound.StudentId }, clock);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (OnePlaceRule.IsViolation(ex))
        {
            throw AppException.Conflict("该学生已在其他学校有在籍全日制学籍，不能完成转学");
        }

        await tx.CommitAsync(ct);
        return change;
    }

    /// <summary>
    /// STA-5: a change that ends eligibility stops the student's payments from the day after its date, and lists for
    /// recovery what was already paid for the days after it (saved with the approval, in the same transaction).
    /// </summary>
    private async Task StopPaymentsAsync(StatusChange change, CancellationToken ct)
    {
        if (change.Kind is StatusChangeKind.Suspension or StatusChangeKind.Reservation or StatusChangeKind.Withdrawal or StatusChangeKind.Expulsion
            or StatusChangeKind.Death or StatusChangeKind.Completion or StatusChangeKind.Transfer)
        {
            await payments.StopAfterAsync(change.StudentId, change.OccurredOn, $"{change.Kind.ToChinese()}（{change.OccurredOn:yyyy-MM-dd}）", ct);
        }
    }

    private async Task ApplyAsync(StatusChange change, CancellationToken ct)
    {
        switch (change.Kind)
        {
            case StatusChangeKind.MajorChange:
                await students.ChangeMajorAsync(change.StudentId, change.NewMajor!, change.NewMajorIsAgricultural ?? false, change.NewMajorArts ?? MajorArts.None, ct);
                if (change.NewClassName is { } mc)
                {
                    await students.ChangeClassAsync(change.StudentId, mc, ct);
                }

                break;
            case StatusChangeKind.Repeat:
                await students.RepeatYearAsync(change.StudentId, 1, ct); // the expected end moves by a year (issue 11, item 12)
                if (change.NewClassName is { } rc)
                {
                    await students.ChangeClassAsync(change.StudentId, rc, ct);
                }

                break;
            default:
                await students.ChangeStatusAsync(change.StudentId, StatusChangeSteps.TargetStatus(change.Kind), change.OccurredOn, ct);
                break;
        }
    }
}
