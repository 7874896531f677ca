using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.StatusChanges.Domain;

/// <summary>
/// One 学籍异动 (STA-1) of one student at one school, with its deadline (STA-2) and every step's actor and time. Owned by
/// the school it happens at; a transfer has a second row (<see cref="TransferSide.In"/>) owned by the receiving school.
/// </summary>
public sealed class StatusChange : IScoped
{
    private StatusChange()
    {
    }

    public StatusChange(
        Guid id, StatusChangeKind kind, TransferSide side, StudentStatusInfo student, string schoolName, DateOnly occurredOn, DateOnly dueDate,
        string reason, string enteredBy, DateTime enteredAtUtc)
    {
        Id = id;
        Kind = kind;
        Side = side;
        StudentId = student.Id;
        StudentName = student.Name;
        StudentIdNumberMasked = student.IdNumberMasked;
        StatusNumber = student.StatusNumber;
        SchoolId = student.SchoolId;
        SchoolCode = student.SchoolCode;
        SchoolName = schoolName;
        ScopePath = student.ScopePath;
        OccurredOn = occurredOn;
        DueDate = dueDate;
        Reason = reason;
        RequiresAuthority = kind.NeedsAuthority();
        State = StatusChangeState.Draft;
        EnteredBy = enteredBy;
        EnteredAtUtc = enteredAtUtc;
    }

    public Guid Id { get; private set; }

    public StatusChangeKind Kind { get; private set; }

    public TransferSide Side { get; private set; }

    /// <summary>The record the change is about: for both rows of a transfer, the record at the sending school.</summary>
    public Guid StudentId { get; private set; }

    public string StudentName { get; private set; } = "";

    public string StudentIdNumberMasked { get; private set; } = "";

    public string? StatusNumber { get; private set; }

    public int SchoolId { get; private set; }

    public string SchoolCode { get; private set; } = "";

    public string SchoolName { get; private set; } = "";

    public string ScopePath { get; private set; } = "";

    /// <summary>A transfer's other school: the receiving one on the Out row, the sending one on the In row.</summary>
    public string? OtherSchoolCode { get; private set; }

    public string? OtherSchoolName { get; private set; }

    public Guid? CounterpartId { get; private set; }

    /// <summary>The record created at the receiving school when a transfer is completed.</summary>
    public Guid? NewStudentId { get; private set; }

    public DateOnly OccurredOn { get; private set; }

    /// <summary>OccurredOn plus the policy's working days on the official calendar (STA-2).</summary>
    public DateOnly DueDate { get; private set; }

    public string Reason { get; private set; } = "";

    /// <summary>A suspension's expected return (预计复学日期): after <see cref="OccurredOn"/> (the suspension's 生效日期), within the policy's maximum period.</summary>
    public DateOnly? ExpectedReturnOn { get; private set; }

    public string? NewMajor { get; private set; }

    public bool? NewMajorIsAgricultural { get; private set; }

    public MajorArts? NewMajorArts { get; private set; }

    public string? NewClassName { get; private set; }

    public bool RequiresAuthority { get; private set; }

    public StatusChangeState State { get; private set; }

    public string EnteredBy { get; private set; } = "";

    public DateTime EnteredAtUtc { get; private set; }

    public string? SubmittedBy { get; private set; }

    public DateTime? SubmittedAtUtc { get; private set; }

    public string? AcceptedBy { get; private set; }

    public DateTime? AcceptedAtUtc { get; private set; }

    /// <summary>Who approved this row: the school (school-level kinds) or this side's authority.</summary>
    public string? ApprovedBy { get; private set; }

    public DateTime? ApprovedAtUtc { get; private set; }

    public string? ReturnedBy { get; private set; }

    public DateTime? ReturnedAtUtc { get; private set; }

    public string? ReturnReason { get; private set; }

    public string? UndoneBy { get; private set; }

    public DateTime? UndoneAtUtc { get; private set; }

    public string? UndoReason { get; private set; }

    /// <summary>The day the school processed the change in the system (its last submission), in Beijing time.</summary>
    public DateOnly? ProcessedOn { get; private set; }

    public bool ProcessedLate { get; private set; }

    /// <summary>
    /// The Beijing day the change was completed in the system: its last required approval (the school's or the authority's;
    /// for a transfer, the second side's approval). 「10个工作日内在信息系统中完成异动处理」 (人社厅函〔2024〕53号): the
    /// deadline is met by this day, not by the school's submission.
    /// </summary>
    public DateOnly? CompletedOn { get; private set; }

    /// <summary>The record's status before the change took effect, so that an undo restores it.</summary>
    public EnrolmentStatus? PreviousStatus { get; private set; }

    public DateOnly? PreviousStatusSince { get; private set; }

    public string? PreviousMajor { get; private set; }

    public bool? PreviousMajorIsAgricultural { get; private set; }

    public MajorArts? PreviousMajorArts { get; private set; }

    public string? PreviousClassName { get; private set; }

    public int Version { get; private set; }

    public bool IsPending => State is StatusChangeState.Draft or StatusChangeState.Submitted or StatusChangeState.Accepted or StatusChangeState.Returned;

    /// <summary>Completed after its due date (the rule of <see cref="CompletedOn"/>).</summary>
    public bool CompletedLate => CompletedOn is { } done && done > DueDate;

    /// <summary>
    /// Which stage made the change late, from the stage timestamps against the due date: for a completed change the first
    /// stage that ended after the due date (the school's submission, the receiving school's acceptance, else the approval);
    /// for an open change past its due date the stage it is waiting at. Null when it is not late.
    /// </summary>
    public LateStage? LateStageOn(DateOnly today)
    {
        var approval = RequiresAuthority ? LateStage.Authority : LateStage.SchoolApproval;
        if (CompletedOn is { } done)
        {
            return done <= DueDate ? null
                : ProcessedOn is { } submitted && submitted > DueDate ? LateStage.School
                : Kind == StatusChangeKind.Transfer && AcceptedAtUtc is { } accepted && DateOnly.FromDateTime(ChinaTime.ToChina(accepted).DateTime) > DueDate ? LateStage.ReceivingSchool
                : approval;
        }

        if (!IsPending || DueDate >= today)
        {
            return null;
        }

        return State switch
        {
            StatusChangeState.Draft or StatusChangeState.Returned => LateStage.School,
            StatusChangeState.Submitted when Kind == StatusChangeKind.Transfer => LateStage.ReceivingSchool,
            _ => approval,
        };
    }

    public bool IsEditableBySchool => Side != TransferSide.In && State is StatusChangeState.Draft or StatusChangeState.Returned;

    public void SetTransferTarget(string schoolCode, string schoolName)
    {
        OtherSchoolCode = schoolCode;
        OtherSchoolName = schoolName;
    }

    public void SetMajor(string major, bool agricultural, MajorArts arts)
    {
        NewMajor = major;
        NewMajorIsAgricultural = agricultural;
        NewMajorArts = arts;
    }

    public void SetClass(string? className) => NewClassName = className;

    /// <summary>
    /// A suspension's period: from <see cref="OccurredOn"/> to the expected return, which must come after it and at most
    /// <paramref name="maxMonths"/> months later (the kind's dated rule; no ceiling when the rule sets none).
    /// </summary>
    public void SetSuspensionPeriod(DateOnly expectedReturn, int? maxMonths)
    {
        if (Kind != StatusChangeKind.Suspension)
        {
            throw AppException.Invalid("expectedReturnOn", "只有休学需要填写预计复学日期");
        }

        if (expectedReturn <= OccurredOn)
        {
            throw AppException.Invalid("expectedReturnOn", $"预计复学日期应晚于休学生效日期 {ChinaTime.Iso(OccurredOn)}");
        }

        if (maxMonths is { } months && expectedReturn > OccurredOn.AddMonths(months))
        {
            throw AppException.Invalid("expectedReturnOn", $"休学期限不能超过 {months} 个月：预计复学日期最晚为 {ChinaTime.Iso(OccurredOn.AddMonths(months))}");
        }

        ExpectedReturnOn = expectedReturn;
    }

    /// <summary>The receiving school's row of a transfer, made when the sending school submits it.</summary>
    public static StatusChange InboundOf(StatusChange outbound, Guid id, int schoolId, string schoolCode, string schoolName, string scopePath) => new()
    {
        Id = id,
        Kind = StatusChangeKind.Transfer,
        Side = TransferSide.In,
        StudentId = outbound.StudentId,
        StudentName = outbound.StudentName,
        StudentIdNumberMasked = outbound.StudentIdNumberMasked,
        StatusNumber = outbound.StatusNumber,
        SchoolId = schoolId,
        SchoolCode = schoolCode,
        SchoolName = schoolName,
        ScopePath = scopePath,
        OtherSchoolCode = outbound.SchoolCode,
        OtherSchoolName = outbound.SchoolName,
        CounterpartId = outbound.Id,
        OccurredOn = outbound.OccurredOn,
        DueDate = outbound.DueDate,
        Reason = outbound.Reason,
        RequiresAuthority = true,
        State = StatusChangeState.Submitted,
        EnteredBy = outbound.SubmittedBy ?? outbound.EnteredBy,
        EnteredAtUtc = outbound.SubmittedAtUtc ?? outbound.EnteredAtUtc,
        SubmittedBy = outbound.SubmittedBy,
        SubmittedAtUtc = outbound.SubmittedAtUtc,
        ProcessedOn = outbound.ProcessedOn,
        ProcessedLate = outbound.ProcessedLate,
    };

    public void LinkCounterpart(Guid id) => CounterpartId = id;

    public void Submit(string by, DateTime atUtc, DateOnly today)
    {
        if (!IsEditableBySchool)
        {
            throw AppException.Conflict($"该异动当前状态为「{State.ToChinese()}」，不能报送");
        }

        State = StatusChangeState.Submitted;
        SubmittedBy = by;
        SubmittedAtUtc = atUtc;
        ProcessedOn = today;
        ProcessedLate = today > DueDate;
        ReturnReason = null;
        Version++;
    }

    /// <summary>The receiving row is reopened when the sender resubmits a returned transfer.</summary>
    public void Reopen(StatusChange outbound)
    {
        State = StatusChangeState.Submitted;
        SubmittedBy = outbound.SubmittedBy;
        SubmittedAtUtc = outbound.SubmittedAtUtc;
        ProcessedOn = outbound.ProcessedOn;
        ProcessedLate = outbound.ProcessedLate;
        AcceptedBy = null;
        AcceptedAtUtc = null;
        ApprovedBy = null;
        ApprovedAtUtc = null;
        ReturnReason = null;
        Version++;
    }

    public void Accept(string by, DateTime atUtc)
    {
        if (Kind != StatusChangeKind.Transfer || State != StatusChangeState.Submitted)
        {
            throw AppException.Conflict($"只有待接收的转学可以接收（当前状态：{State.ToChinese()}）");
        }

        State = StatusChangeState.Accepted;
        AcceptedBy = by;
        AcceptedAtUtc = atUtc;
        Version++;
    }

    /// <summary>
    /// This side's approval. A transfer stays Accepted until both sides have approved; then <see cref="Complete"/>. Refused
    /// while the evidence the kind requires (<paramref name="evidence"/>) is missing, naming what is missing.
    /// </summary>
    public void Approve(string by, DateTime atUtc, EvidenceOnFile evidence)
    {
        var waiting = Kind == StatusChangeKind.Transfer ? StatusChangeState.Accepted : StatusChangeState.Submitted;
        if (State != waiting)
        {
            throw AppException.Conflict(Kind == StatusChangeKind.Transfer && State == StatusChangeState.Submitted
                ? "转入学校尚未接收，暂不能审批"
                : $"该异动当前状态为「{State.ToChinese()}」，不能审批");
        }

        if (ApprovedBy is not null)
        {
            throw AppException.Conflict("本方已审批，正在等待对方主管部门审批");
        }

        if (evidence.Missing is { } missing)
        {
            throw AppException.Conflict($"缺少证明材料：{missing}。请学校上传后再审批，或退回学校补充");
        }

        ApprovedBy = by;
        ApprovedAtUtc = atUtc;
        if (Kind != StatusChangeKind.Transfer)
        {
            State = StatusChangeState.Approved;
            CompletedOn = DateOnly.FromDateTime(ChinaTime.ToChina(atUtc).DateTime);
        }

        Version++;
    }

    /// <summary>Both sides of a transfer have approved: the change is completed in the system at <paramref name="atUtc"/>.</summary>
    public void Complete(Guid? newStudentId, DateTime atUtc)
    {
        State = StatusChangeState.Approved;
        CompletedOn = DateOnly.FromDateTime(ChinaTime.ToChina(atUtc).DateTime);
        NewStudentId = newStudentId;
        Version++;
    }

    public void RememberPrevious(StudentStatusInfo student)
    {
        PreviousStatus = student.Status;
        PreviousStatusSince = student.StatusSince;
        PreviousMajor = student.Major;
        PreviousMajorIsAgricultural = student.MajorIsAgricultural;
        PreviousMajorArts = student.MajorArts;
        PreviousClassName = student.ClassName;
    }

    public void Return(string reason, string by, DateTime atUtc)
    {
        if (State is not (StatusChangeState.Submitted or StatusChangeState.Accepted))
        {
            throw AppException.Conflict($"该异动当前状态为「{State.ToChinese()}」，不能退回");
        }

        State = StatusChangeState.Returned;
        ReturnedBy = by;
        ReturnedAtUtc = atUtc;
        ReturnReason = reason;
        ApprovedBy = null;
        ApprovedAtUtc = null;
        AcceptedBy = null;
        AcceptedAtUtc = null;
        ProcessedOn = null;
        ProcessedLate = false;
        Version++;
    }

    public void Undo(string reason, string by, DateTime atUtc)
    {
        if (State != StatusChangeState.Approved)
        {
            throw AppException.Conflict("只有已办结的异动可以撤销");
        }

        State = StatusChangeState.Undone;
        UndoneBy = by;
        UndoneAtUtc = atUtc;
        UndoReason = reason;
        Version++;
    }
}
