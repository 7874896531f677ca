using TechSchoolAid.Kernel;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.StatusChanges.Domain;

namespace TechSchoolAid.Modules.StatusChanges.Features;

/// <summary>
/// Where a change stands against its deadline (STA-2). The deadline is met by the change's completion in the system (its
/// last required approval), 「10个工作日内在信息系统中完成异动处理」 (人社厅函〔2024〕53号), not by the school's submission.
/// </summary>
public enum DeadlineStatus
{
    NotDue = 1,        // 未到期
    DueSoon = 2,       // 即将到期（≤3 个工作日，尚未办结）
    Overdue = 3,       // 已逾期（尚未办结）
    OnTime = 4,        // 按时办结
    ProcessedLate = 5, // 逾期办结
}

public sealed record StatusChangeDto(
    Guid Id,
    StatusChangeKind Kind,
    string KindText,
    TransferSide Side,
    Guid StudentId,
    string StudentName,
    string StudentIdNumberMasked,
    string? StatusNumber,
    string SchoolCode,
    string SchoolName,
    string? OtherSchoolCode,
    string? OtherSchoolName,
    Guid? CounterpartId,
    Guid? NewStudentId,
    DateOnly OccurredOn,
    DateOnly DueDate,
    string Reason,
    string? NewMajor,
    string? NewClassName,
    bool RequiresAuthority,
    StatusChangeState State,
    string StateText,
    DeadlineStatus DeadlineStatus,
    string DeadlineText,
    DateOnly? ProcessedOn,
    bool ProcessedLate,
    DateOnly? CompletedOn,
    LateStage? LateStage,
    string? LateStageText,
    string EnteredBy,
    DateTime EnteredAt,
    string? SubmittedBy,
    DateTime? SubmittedAt,
    string? AcceptedBy,
    DateTime? AcceptedAt,
    string? ApprovedBy,
    DateTime? ApprovedAt,
    string? ReturnedBy,
    DateTime? ReturnedAt,
    string? ReturnReason,
    string? UndoneBy,
    DateTime? UndoneAt,
    string? UndoReason,
    DateOnly? ExpectedReturnOn);

public sealed record StatusChangeEventDto(string Action, string ActionText, string By, DateTime At, string? Note);

public sealed record EvidenceDto(Guid Id, string FileName, string ContentType, long Size, string Sha256, string UploadedBy, DateTime UploadedAt);

/// <summary>
/// A change, its history and evidence, and <paramref name="Actions"/>: the names of the <see cref="StatusChangeAccess"/>
/// rules the caller passes on it now ("submit", "accept", "approve", "return", "undo", "evidence"), so the page shows
/// only these buttons (the handlers check again). <paramref name="ApprovalHeldBack"/> says why an approver sees no approve
/// button: the four-eyes rule, when the caller entered or submitted the change. <paramref name="EvidenceRequired"/> is the
/// evidence the kind asks for before approval; <paramref name="EvidenceMissing"/> what is still missing (approval is refused
/// until it is uploaded), both null when nothing is required.
/// </summary>
public sealed record StatusChangeDetail(
    StatusChangeDto Change, IReadOnlyList<StatusChangeEventDto> History, IReadOnlyList<EvidenceDto> Evidence, IReadOnlyList<string> Actions,
    string? ApprovalHeldBack = null, string? EvidenceRequired = null, string? EvidenceMissing = null);

public sealed record OnTimeRate(string SchoolCode, string SchoolName, int Total, int OnTime, int ProcessedLate, int OverdueOpen, int DueSoonOpen, double? Rate);

public sealed class StatusChangeFilter
{
    /// <summary>Not completed and past the due date.</summary>
    public bool? Overdue { get; set; }

    /// <summary>Not completed and due within 3 working days.</summary>
    public bool? DueSoon { get; set; }

    /// <summary>Completed (last approval) after the due date.</summary>
    public bool? ProcessedLate { get; set; }

    /// <summary>Late (completed late or open past due) because of this stage.</summary>
    public LateStage? LateStage { get; set; }

    public string? SchoolCode { get; set; }

    public StatusChangeKind? Kind { get; set; }

    public StatusChangeState? State { get; set; }

    public Guid? StudentId { get; set; }

    public int? Page { get; set; }

    public int? PageSize { get; set; }
}

/// <summary>How a change is shown: the DTO, its deadline status and texts (STA-2).</summary>
public static class StatusChangeView
{
    public static string ActionText(string action) => action switch
    {
        "entered" => "登记",
        "submitted" => "报送",
        "proposed" => "收到转入申请",
        "accepted" => "转入学校接收",
        "approved" => "审批通过",
        "completed" => "办结",
        "returned" => "退回",
        "undone" => "撤销",
        "evidence" => "上传证明材料",
        _ => action,
    };

    public static StatusChangeDto ToDto(StatusChange c, DateOnly today, DateOnly soon)
    {
        var deadline = c.CompletedOn is not null ? (c.CompletedLate ? DeadlineStatus.ProcessedLate : DeadlineStatus.OnTime)
            : !c.IsPending ? DeadlineStatus.OnTime
            : c.DueDate < today ? DeadlineStatus.Overdue
            : c.DueDate <= soon ? DeadlineStatus.DueSoon
            : DeadlineStatus.NotDue;
        var stage = c.LateStageOn(today);
        return new StatusChangeDto(
            c.Id, c.Kind, c.Kind.ToChinese(), c.Side, c.StudentId, c.StudentName, c.StudentIdNumberMasked, c.StatusNumber, c.SchoolCode, c.SchoolName,
            c.OtherSchoolCode, c.OtherSchoolName, c.CounterpartId, c.NewStudentId, c.OccurredOn, c.DueDate, c.Reason, c.NewMajor, c.NewClassName,
            c.RequiresAuthority, c.State, StateText(c), deadline, DeadlineText(deadline, c, today), c.ProcessedOn, c.ProcessedLate,
            c.CompletedOn, stage, stage?.ToChinese(),
            c.EnteredBy, c.EnteredAtUtc, c.SubmittedBy, c.SubmittedAtUtc, c.AcceptedBy, c.AcceptedAtUtc, c.ApprovedBy, c.ApprovedAtUtc,
            c.ReturnedBy, c.ReturnedAtUtc, c.ReturnReason, c.UndoneBy, c.UndoneAtUtc, c.UndoReason, c.ExpectedReturnOn);
    }

    private static string StateText(StatusChange c) => (c.Kind, c.Side, c.State) switch
    {
        (StatusChangeKind.Transfer, TransferSide.In, StatusChangeState.Submitted) => "待本校接收",
        (StatusChangeKind.Transfer, TransferSide.Out, StatusChangeState.Submitted) => "待转入学校接收",
        (StatusChangeKind.Transfer, _, StatusChangeState.Accepted) when c.ApprovedBy is not null => "本方已审批，待对方审批",
        (StatusChangeKind.Transfer, _, StatusChangeState.Accepted) => "待主管部门审批",
        _ => c.State.ToChinese(),
    };

    /// <summary>The chip's text; the late stage is its own field (<see cref="StatusChangeDto.LateStageText"/>).</summary>
    private static string DeadlineText(DeadlineStatus d, StatusChange c, DateOnly today) => d switch
    {
        DeadlineStatus.Overdue => $"已逾期 {today.DayNumber - c.DueDate.DayNumber} 天",
        DeadlineStatus.DueSoon => c.DueDate == today ? "今天到期" : "即将到期",
        DeadlineStatus.ProcessedLate => "逾期办理",
        DeadlineStatus.OnTime => c.CompletedOn is null ? "—" : "按时办理",
        _ => "未到期",
    };
}
