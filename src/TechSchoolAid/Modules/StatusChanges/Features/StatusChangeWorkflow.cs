using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.StatusChanges.Domain;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.StatusChanges.Features;

/// <summary>What a clerk enters for a change. Everything optional so that the handler says in Chinese what is missing.</summary>
public sealed class StatusChangeInput
{
    public StatusChangeKind? Kind { get; set; }

    public DateOnly? OccurredOn { get; set; }

    public string? Reason { get; set; }

    /// <summary>Transfer: the receiving school's code (any province).</summary>
    public string? ToSchoolCode { get; set; }

    /// <summary>Change of major: the new major.</summary>
    public string? NewMajor { get; set; }

    public bool? NewMajorIsAgricultural { get; set; }

    /// <summary>Change of major: whether the new major is a performing-arts one (AID-4); none when omitted.</summary>
    public MajorArts? NewMajorArts { get; set; }

    /// <summary>Repeat (or change of major): the new class, if it changes.</summary>
    public string? NewClassName { get; set; }
}

public sealed record ReasonRequest(string? Reason);

/// <summary>
/// STA-1 end to end: entry and submission by the school, acceptance by the receiving school of a transfer, approval or
/// return by the approver, undo by the authority. Each step checks its transition, records its actor and writes an
/// audit event and a history line in the same transaction.
/// </summary>
public sealed class StatusChangeWorkflow(
    TsaDbContext db,
    ActorAccessor actorAccessor,
    StudentLifecycle students,
    StatusChangeDeadlines deadlines,
    TimeProvider clock)
{
    private static readonly StatusChangeState[] Pending = [StatusChangeState.Draft, StatusChangeState.Submitted, StatusChangeState.Accepted, StatusChangeState.Returned];

    public async Task<StatusChange> EnterAsync(Guid studentId, StatusChangeInput input, CancellationToken ct)
    {
        var actor = db.Actor;
        StatusChangeRights.RequireClerk(actor);
        var student = await students.GetAsync(studentId, ct);
        if (actor.ScopePath != student.ScopePath)
        {
            throw AppException.Forbidden("只能为本校学生办理学籍异动");
        }

        var today = clock.Today();
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [message];
        var reason = input.Reason?.Trim();
        var kind = input.Kind is { } k && Enum.IsDefined(k) ? k : (StatusChangeKind?)null;
        if (kind is null)
        {
            Error("kind", "请选择异动类型");
        }

        if (input.OccurredOn is not { } occurredOn)
        {
            Error("occurredOn", "请填写异动发生日期");
            occurredOn = today;
        }
        else if (occurredOn > today)
        {
            Error("occurredOn", $"异动发生日期 {ChinaTime.Iso(occurredOn)} 晚于今天，不能预先办理");
        }
        else if (occurredOn < (student.ContinuedOn ?? student.EnrolmentDate))
        {
            Error("occurredOn", student.ContinuedOn is { } joined
                ? $"异动发生日期不能早于转入本校的日期 {ChinaTime.Iso(joined)}"
                : $"异动发生日期不能早于入学日期 {ChinaTime.Iso(student.EnrolmentDate)}");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            Error("reason", "请填写异动原因");
        }
        else if (reason.Length > 500)
        {
            Error("reason", "异动原因不能超过 500 字");
        }

        OrgRow? target = null;
        if (kind == StatusChangeKind.Transfer)
        {
            var code = input.ToSchoolCode?.Trim();
            if (string.IsNullOrEmpty(code))
            {
                Error("toSchoolCode", "请填写转入学校代码");
            }
            else if (code == student.SchoolCode)
            {
                Error("toSchoolCode", "转入学校不能是本校");
            }
            else
            {
                // The receiving school may be anywhere in the country: looked up outside the clerk's scope, only its name leaves.
                target = await db.AllOrganizations().Where(o => o.Code == code && o.Level == OrgLevel.School).FirstOrDefaultAsync(ct);
                if (target is null)
                {
                    Error("toSchoolCode", $"转入学校代码 {(code.Length > 20 ? code[..20] : code)} 不存在，请核对");
                }
            }
        }

        var newMajor = input.NewMajor?.Trim();
        if (kind == StatusChangeKind.MajorChange)
        {
            if (string.IsNullOrEmpty(newMajor))
            {
                Error("newMajor", "请填写转入的专业");
            }
            else if (newMajor.Length > 60)
            {
                Error("newMajor", "专业名称不能超过 60 字");
            }
            else if (newMajor == student.Major)
            {
                Error("newMajor", "新专业与现专业相同");
            }
        }

        var newClass = input.NewClassName?.Trim();
        if (newClass is { Length: > 50 })
        {
            Error("newClassName", "班级名称不能超过 50 字");
        }

        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors);
        }

        RequireStatusAllows(kind!.Value, student);
        await RequireNoPendingAsync(student, kind.Value, ct);

        var schoolName = await db.AllOrganizations().Where(o => o.Id == student.SchoolId).Select(o => o.Name).FirstAsync(ct);
        var due = await deadlines.DueDateAsync(occurredOn, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var change = new StatusChange(Guid.CreateVersion7(), kind.Value, kind == StatusChangeKind.Transfer ? TransferSide.Out : TransferSide.None, student, schoolName, occurredOn, due, reason!, actor.UserName, now);
        if (target is not null)
        {
            change.SetTransferTarget(target.Code, target.Name);
        }

        if (kind == StatusChangeKind.MajorChange)
        {
            if (input.NewMajorArts is { } arts && !Enum.IsDefined(arts))
            {
                throw AppException.Invalid("newMajorArts", "表演艺术类专业应为：否、艺术类表演专业或戏曲表演专业");
            }

            change.SetMajor(newMajor!, input.NewMajorIsAgricultural ?? false, input.NewMajorArts ?? MajorArts.None);
        }

        change.SetClass(string.IsNullOrEmpty(newClass) ? null : newClass);
        db.Add(change);
        History(change, "entered", null);
        db.Record("status_change.entered", "StatusChange", change.Id.ToString(), change.ScopePath, null,
            new { kind, student = student.Name, occurredOn = ChinaTime.Iso(occurredOn), dueDate = ChinaTime.Iso(due), to = target?.Code }, clock);
        await SaveAsync(ct);
        return change;
    }

    public async Task<StatusChange> SubmitAsync(Guid id, CancellationToken ct)
    {
        var actor = db.Actor;
        StatusChangeRights.RequireClerk(actor);
        var change = await LoadAsync(id, ct);
        if (!StatusChangeRights.IsSchoolClerkOf(actor, change.ScopePath) || change.Side == TransferSide.In)
        {
            throw AppException.Forbidden("只有异动所在学校的学籍管理人员可以报送");
        }

        var student = await students.GetAsync(change.StudentId, ct);
        RequireStatusAllows(change.Kind, student);
        var now = clock.GetUtcNow().UtcDateTime;
        change.Submit(actor.UserName, now, clock.Today());
        History(change, "submitted", change.ProcessedLate ? "逾期报送" : null);
        db.Record("status_change.submitted", "StatusChange", change.Id.ToString(), change.ScopePath, null,
            new { state = change.State, processedOn = change.ProcessedOn, late = change.ProcessedLate }, clock);

        if (change.Kind != StatusChangeKind.Transfer)
        {
            await SaveAsync(ct);
            return change;
        }

        // The receiving school's row: made (or reopened) here, in the receiving school's scope.
        var inbound = change.CounterpartId is { } cid ? await db.Set<StatusChange>().IgnoreQueryFilters().FirstAsync(c => c.Id == cid, ct) : null;
        if (inbound is null)
        {
            var school = await db.AllOrganizations().Where(o => o.Code == change.OtherSchoolCode && o.Level == OrgLevel.School).FirstOrDefaultAsync(ct)
                ?? throw AppException.Invalid("toSchoolCode", "转入学校已不存在，请退回后修改");
            inbound = StatusChange.InboundOf(change, Guid.CreateVersion7(), school.Id, school.Code, school.Name, school.ScopePath);
            db.Add(inbound);
            change.LinkCounterpart(inbound.Id);
        }
        else
        {
            inbound.Reopen(change);
        }

        History(inbound, "proposed", $"{change.SchoolName} 申请转入本校");
        db.Record("status_change.transfer_proposed", "StatusChange", inbound.Id.ToString(), inbound.ScopePath, null,
            new { from = change.SchoolCode, student = change.StudentName }, clock);
        await SaveAcrossSchoolsAsync(ct);
        return change;
    }

    /// <summary>The receiving school accepts a transfer (its In row), which then waits for both authorities.</summary>
    public async Task<StatusChange> AcceptAsync(Guid id, CancellationToken ct)
    {
        var actor = db.Actor;
        StatusChangeRights.RequireClerk(actor);
        var change = await LoadAsync(id, ct);
        if (change.Side != TransferSide.In || !StatusChangeRights.IsSchoolClerkOf(actor, change.ScopePath))
        {
            throw AppException.Forbidden("只有转入学校的学籍管理人员可以接收转学");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        change.Accept(actor.UserName, now);
        var outbound = await CounterpartAsync(change, ct);
        outbound.Accept(actor.UserName, now);
        History(change, "accepted", null);
        History(outbound, "accepted", $"{change.SchoolName} 已同意接收");
        db.Record("status_change.accepted", "StatusChange", change.Id.ToString(), change.ScopePath, null, new { state = change.State }, clock);
        db.Record("status_change.accepted", "StatusChange", outbound.Id.ToString(), outbound.ScopePath, null, new { state = outbound.State, by = change.SchoolCode }, clock);
        await SaveAcrossSchoolsAsync(ct);
        return change;
    }

    public async Task<StatusChange> ApproveAsync(Guid id, CancellationToken ct)
    {
        var actor = db.Actor;
        StatusChangeRights.RequireApproverRole(actor);
        var change = await LoadAsync(id, ct);
        if (!StatusChangeRights.IsApproverOf(actor, change))
        {
            throw AppException.Forbidden(StatusChangeRights.ApproverText(change));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (change.Kind != StatusChangeKind.Transfer)
        {
            var student = await students.GetAsync(change.StudentId, ct);
            change.Approve(actor.UserName, now);
            change.RememberPrevious(student);
            await ApplyAsync(change, ct);
            History(change, "approved", null);
            db.Record("status_change.approved", "StatusChange", change.Id.ToString(), change.ScopePath,
                new { status = student.Status }, new { state = change.State, kind = change.Kind }, clock);
            await SaveAsync(ct);
            return change;
        }

        change.Approve(actor.UserName, now);
        History(change, "approved", change.Side == TransferSide.Out ? "转出方主管部门审批通过" : "转入方主管部门审批通过");
        db.Record("status_change.approved", "StatusChange", change.Id.ToString(), change.ScopePath, null, new { side = change.Side }, clock);
        var other = await CounterpartAsync(change, ct);
        if (other.ApprovedBy is null)
        {
            await SaveAsync(ct);
            return change;
        }

        // Both authorities have approved: the record moves. The sending record gives up the place first, then the
        // receiving school's record is created, in one transaction (the one-place index never sees two holders).
        var outbound = change.Side == TransferSide.Out ? change : other;
        var inbound = change.Side == TransferSide.In ? change : other;
        var sending = await students.GetAcrossSchoolsAsync(outbound.StudentId, ct);
        outbound.RememberPrevious(sending);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await students.ChangeStatusAsync(outbound.StudentId, EnrolmentStatus.TransferredOut, outbound.OccurredOn, ct);
        await SaveAcrossSchoolsAsync(ct);
        var receiving = await db.AllOrganizations().Where(o => o.Id == inbound.SchoolId).FirstAsync(ct);
        var newId = await students.ContinueAtAsync(outbound.StudentId, receiving, outbound.OccurredOn, actor.UserName, now, ct);
        outbound.Complete(newId);
        inbound.Complete(newId);
        History(outbound, "completed", $"学籍已转至 {inbound.SchoolName}");
        History(inbound, "completed", $"已在本校建立学籍（由 {outbound.SchoolName} 转入）");
        db.Record("student.transferred_out", "Student", outbound.StudentId.ToString(), outbound.ScopePath,
            new { status = sending.Status }, new { status = EnrolmentStatus.TransferredOut, to = inbound.SchoolCode }, clock);
        db.Record("student.transferred_in", "Student", newId.ToString(), inbound.ScopePath, null, new { from = outbound.SchoolCode, continues = outbound.StudentId }, clock);
        try
        {
            await SaveAcrossSchoolsAsync(ct);
        }
        catch (DbUpdateException ex) when (OnePlaceRule.IsViolation(ex))
        {
            throw AppException.Conflict("该学生已在其他学校有在籍全日制学籍，不能完成转学");
        }

        await tx.CommitAsync(ct);
        return change;
    }

    /// <summary>
    /// Returned to the sending school with a reason: by the approver, or for a transfer by the receiving school (refusal)
    /// or either side's authority. Both rows of a transfer go back.
    /// </summary>
    public async Task<StatusChange> ReturnAsync(Guid id, string? reason, CancellationToken ct)
    {
        var actor = db.Actor;
        var text = RequireReason(reason, "退回");
        if (!actor.Can(Permission.ApproveStatusChanges) && !actor.Can(Permission.ManageStatusChanges))
        {
            throw AppException.Forbidden("只有审批人员或转入学校可以退回学籍异动");
        }

        var change = await LoadAsync(id, ct);
        var receivingClerk = change.Side == TransferSide.In && change.State == StatusChangeState.Submitted && StatusChangeRights.IsSchoolClerkOf(actor, change.ScopePath);
        if (!receivingClerk && !StatusChangeRights.IsApproverOf(actor, change))
        {
            throw AppException.Forbidden(StatusChangeRights.ApproverText(change));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        change.Return(text, actor.UserName, now);
        History(change, "returned", text);
        db.Record("status_change.returned", "StatusChange", change.Id.ToString(), change.ScopePath, null, new { state = change.State, reason = text }, clock);
        if (change.Kind != StatusChangeKind.Transfer)
        {
            await SaveAsync(ct);
            return change;
        }

        var other = await CounterpartAsync(change, ct);
        other.Return(text, actor.UserName, now);
        History(other, "returned", $"{change.SchoolName}：{text}");
        db.Record("status_change.returned", "StatusChange", other.Id.ToString(), other.ScopePath, null, new { state = other.State, reason = text, by = change.SchoolCode }, clock);
        await SaveAcrossSchoolsAsync(ct);
        return change;
    }

    /// <summary>
    /// The authority undoes a wrong, approved change with a reason: the record's previous status comes back, the change
    /// stays (state Undone) with its history. Only the student's latest approved change can be undone; a completed
    /// transfer cannot (the receiving school transfers the student back instead).
    /// </summary>
    public async Task<StatusChange> UndoAsync(Guid id, string? reason, CancellationToken ct)
    {
        var actor = db.Actor;
        StatusChangeRights.RequireApproverRole(actor);
        var text = RequireReason(reason, "撤销");
        var change = await LoadAsync(id, ct);
        if (!StatusChangeRights.IsAuthorityOf(actor, change.ScopePath))
        {
            throw AppException.Forbidden("只有学校的主管部门可以撤销学籍异动");
        }

        if (change.Kind == StatusChangeKind.Transfer && change.State == StatusChangeState.Approved)
        {
            throw AppException.Conflict("已完成的转学不能撤销：请由转入学校办理转回");
        }

        var later = await db.Set<StatusChange>().AnyAsync(c => c.StudentId == change.StudentId && c.Id != change.Id && c.State == StatusChangeState.Approved
            && c.ApprovedAtUtc > change.ApprovedAtUtc, ct);
        if (later)
        {
            throw AppException.Conflict("该学生在此之后还有已办结的异动，请先撤销后面的异动");
        }

        change.Undo(text, actor.UserName, clock.GetUtcNow().UtcDateTime);
        switch (change.Kind)
        {
            case StatusChangeKind.MajorChange:
                await students.ChangeMajorAsync(change.StudentId, change.PreviousMajor!, change.PreviousMajorIsAgricultural ?? false, change.PreviousMajorArts ?? MajorArts.None, ct);
                break;
            case StatusChangeKind.Repeat when change.NewClassName is not null:
                await students.ChangeClassAsync(change.StudentId, change.PreviousClassName!, ct);
                break;
            case StatusChangeKind.Repeat:
                break;
            default:
                await students.RestoreStatusAsync(change.StudentId, change.PreviousStatus ?? EnrolmentStatus.Active, change.PreviousStatusSince, ct);
                break;
        }

        History(change, "undone", text);
        db.Record("status_change.undone", "StatusChange", change.Id.ToString(), change.ScopePath,
            new { state = StatusChangeState.Approved }, new { state = change.State, reason = text, restored = change.PreviousStatus }, clock);
        try
        {
            await SaveAsync(ct);
        }
        catch (DbUpdateException ex) when (OnePlaceRule.IsViolation(ex))
        {
            throw AppException.Conflict("该学生已在其他学校注册了全日制学籍，不能撤销此异动");
        }

        return change;
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
                if (change.NewClassName is { } rc)
                {
                    await students.ChangeClassAsync(change.StudentId, rc, ct);
                }

                break;
            default:
                await students.ChangeStatusAsync(change.StudentId, TargetStatus(change.Kind), change.OccurredOn, ct);
                break;
        }
    }

    public static EnrolmentStatus TargetStatus(StatusChangeKind kind) => kind switch
    {
        StatusChangeKind.Suspension => EnrolmentStatus.Suspended,
        StatusChangeKind.Reservation => EnrolmentStatus.Reserved,
        StatusChangeKind.Resumption => EnrolmentStatus.Active,
        StatusChangeKind.Withdrawal => EnrolmentStatus.Withdrawn,
        StatusChangeKind.Expulsion => EnrolmentStatus.Expelled,
        StatusChangeKind.Death => EnrolmentStatus.Deceased,
        StatusChangeKind.Completion => EnrolmentStatus.Completed,
        StatusChangeKind.Transfer => EnrolmentStatus.TransferredOut,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "This kind does not change the status."),
    };

    /// <summary>The record must be in a status from which this kind of change can happen (the "not active" rule).</summary>
    private static void RequireStatusAllows(StatusChangeKind kind, StudentStatusInfo s)
    {
        if (!s.RegistrationApproved || s.Status == EnrolmentStatus.Pending)
        {
            throw AppException.Conflict($"{s.Name} 的学籍注册尚未审核通过，不能办理学籍异动");
        }

        var allowed = kind switch
        {
            StatusChangeKind.Resumption => s.Status is EnrolmentStatus.Suspended or EnrolmentStatus.Reserved,
            StatusChangeKind.Withdrawal or StatusChangeKind.Expulsion or StatusChangeKind.Death =>
                s.Status is EnrolmentStatus.Active or EnrolmentStatus.Suspended or EnrolmentStatus.Reserved,
            _ => s.Status == EnrolmentStatus.Active,
        };
        if (allowed)
        {
            return;
        }

        throw AppException.Conflict(kind == StatusChangeKind.Resumption
            ? $"{s.Name} 当前学籍状态为「{s.Status.ToChinese()}」，没有休学或保留学籍，不能办理复学"
            : $"{s.Name} 当前学籍状态为「{s.Status.ToChinese()}」，不是在籍学生，不能办理{kind.ToChinese()}");
    }

    private async Task RequireNoPendingAsync(StudentStatusInfo s, StatusChangeKind kind, CancellationToken ct)
    {
        var pending = await db.Set<StatusChange>().AsNoTracking()
            .Where(c => c.StudentId == s.Id && c.Kind == kind && c.Side != TransferSide.In && Pending.Contains(c.State))
            .Select(c => new { c.State, c.OccurredOn }).FirstOrDefaultAsync(ct);
        if (pending is not null)
        {
            throw AppException.Conflict($"{s.Name} 已有一条未办结的「{kind.ToChinese()}」异动（{ChinaTime.Iso(pending.OccurredOn)}，{pending.State.ToChinese()}），请先办结或修改该条");
        }
    }

    private async Task<StatusChange> LoadAsync(Guid id, CancellationToken ct) =>
        await db.Set<StatusChange>().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw AppException.NotFound("学籍异动");

    /// <summary>A transfer's other row: in the other school's scope, reached only after this row's rights were checked.</summary>
    private async Task<StatusChange> CounterpartAsync(StatusChange change, CancellationToken ct) =>
        await db.Set<StatusChange>().IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Id == change.CounterpartId, ct)
        ?? throw AppException.Conflict("转学的另一方记录不存在");

    private void History(StatusChange change, string action, string? note) =>
        db.Add(new StatusChangeEvent(change.Id, change.ScopePath, action, db.Actor.UserName, clock.GetUtcNow().UtcDateTime, note));

    private static string RequireReason(string? reason, string what)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw AppException.Invalid("reason", $"{what}必须填写原因");
        }

        if (reason.Trim().Length > 500)
        {
            throw AppException.Invalid("reason", $"{what}原因不能超过 500 字");
        }

        return reason.Trim();
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException?.Message.Contains("UNIQUE constraint failed: status_changes.", StringComparison.Ordinal) == true
                                           || ex.InnerException?.Message.Contains("ux_status_changes_one_pending", StringComparison.Ordinal) == true)
        {
            throw AppException.Conflict("该学生已有一条同类的未办结异动（刚被其他用户登记）");
        }
    }

    /// <summary>
    /// A transfer writes rows of two schools (its own and the other side's), which the caller's scope check would refuse.
    /// The rights of the human actor were checked above; only this save runs with the system's scope, and the audit
    /// events were already written in the human actor's name (docs/adr/0006-status-changes.md).
    /// </summary>
    private async Task SaveAcrossSchoolsAsync(CancellationToken ct)
    {
        var human = actorAccessor.Actor;
        actorAccessor.Actor = Actor.System($"transfer:{human.UserName}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            actorAccessor.Actor = human;
        }
    }
}
