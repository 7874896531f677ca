using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.StatusChanges.Domain;

namespace TechSchoolAid.Modules.StatusChanges.Features;

/// <summary>Where a change stands against its deadline (STA-2).</summary>
public enum DeadlineStatus
{
    NotDue = 1,        // 未到期
    DueSoon = 2,       // 即将到期（≤3 个工作日）
    Overdue = 3,       // 已逾期（未办理）
    OnTime = 4,        // 按时办理
    ProcessedLate = 5, // 逾期办理
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
    string? UndoReason);

public sealed record StatusChangeEventDto(string Action, string ActionText, string By, DateTime At, string? Note);

public sealed record EvidenceDto(Guid Id, string FileName, string ContentType, long Size, string Sha256, string UploadedBy, DateTime UploadedAt);

/// <summary>What the current user may do to a change now (the page shows only these buttons; the handlers check again).</summary>
public sealed record StatusChangeActions(bool Submit, bool Accept, bool Approve, bool Return, bool Undo, bool AddEvidence);

public sealed record StatusChangeDetail(StatusChangeDto Change, IReadOnlyList<StatusChangeEventDto> History, IReadOnlyList<EvidenceDto> Evidence, StatusChangeActions Actions);

public sealed record StatusChangePage(IReadOnlyList<StatusChangeDto> Items, int Total, int Page, int PageSize);

public sealed record OnTimeRate(string SchoolCode, string SchoolName, int Total, int OnTime, int ProcessedLate, int OverdueOpen, int DueSoonOpen, double? Rate);

public sealed class StatusChangeFilter
{
    public bool? Overdue { get; set; }

    public bool? DueSoon { get; set; }

    public bool? ProcessedLate { get; set; }

    public string? SchoolCode { get; set; }

    public StatusChangeKind? Kind { get; set; }

    public StatusChangeState? State { get; set; }

    public Guid? StudentId { get; set; }

    public int? Page { get; set; }

    public int? PageSize { get; set; }
}

/// <summary>Lists, details and the on-time rates (STA-2), all inside the caller's scope (the DbContext filters them).</summary>
public sealed class StatusChangeQueries(TsaDbContext db, StatusChangeDeadlines deadlines, TimeProvider clock)
{
    private static readonly StatusChangeState[] Unprocessed = [StatusChangeState.Draft, StatusChangeState.Returned];

    public async Task<StatusChangePage> ListAsync(StatusChangeFilter f, CancellationToken ct)
    {
        var (page, size) = Paging.Clamp(f.Page, f.PageSize, 200);
        var today = clock.Today();
        var soon = deadlines.DueSoonUntil(today);
        var q = db.Set<StatusChange>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(f.SchoolCode))
        {
            q = q.Where(c => c.SchoolCode == f.SchoolCode);
        }

        if (f.Kind is { } kind)
        {
            q = q.Where(c => c.Kind == kind);
        }

        if (f.State is { } state)
        {
            q = q.Where(c => c.State == state);
        }

        if (f.StudentId is { } sid)
        {
            q = q.Where(c => c.StudentId == sid || c.NewStudentId == sid);
        }

        // Deadlines are the sending school's: a transfer's In row is never late or due in its own right.
        if (f.Overdue == true)
        {
            q = q.Where(c => c.Side != TransferSide.In && Unprocessed.Contains(c.State) && c.DueDate < today);
        }

        if (f.DueSoon == true)
        {
            q = q.Where(c => c.Side != TransferSide.In && Unprocessed.Contains(c.State) && c.DueDate >= today && c.DueDate <= soon);
        }

        if (f.ProcessedLate == true)
        {
            q = q.Where(c => c.Side != TransferSide.In && c.ProcessedLate);
        }

        var total = await q.CountAsync(ct);
        var ordered = f.Overdue == true || f.DueSoon == true
            ? q.OrderBy(c => c.DueDate).ThenBy(c => c.Id)
            : q.OrderByDescending(c => c.EnteredAtUtc).ThenBy(c => c.Id);
        var rows = await ordered.Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new StatusChangePage(rows.Select(c => ToDto(c, today, soon)).ToList(), total, page, size);
    }

    public async Task<StatusChangeDto> GetAsync(Guid id, CancellationToken ct)
    {
        var c = await db.Set<StatusChange>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw AppException.NotFound("学籍异动");
        var today = clock.Today();
        return ToDto(c, today, deadlines.DueSoonUntil(today));
    }

    public async Task<StatusChangeDetail> DetailAsync(Guid id, CancellationToken ct)
    {
        var c = await db.Set<StatusChange>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw AppException.NotFound("学籍异动");
        var today = clock.Today();
        var events = await db.Set<StatusChangeEvent>().AsNoTracking().Where(e => e.ChangeId == id).OrderBy(e => e.Id).ToListAsync(ct);
        var evidence = await db.Set<StatusChangeEvidence>().AsNoTracking().Where(e => e.ChangeId == id).OrderBy(e => e.UploadedAtUtc)
            .Select(e => new EvidenceDto(e.Id, e.FileName, e.ContentType, e.Size, e.Sha256, e.UploadedBy, e.UploadedAtUtc)).ToListAsync(ct);
        var actor = db.Actor;
        var clerk = StatusChangeRights.IsSchoolClerkOf(actor, c.ScopePath);
        var approver = StatusChangeRights.IsApproverOf(actor, c);
        var waiting = c.Kind == StatusChangeKind.Transfer ? StatusChangeState.Accepted : StatusChangeState.Submitted;
        var actions = new StatusChangeActions(
            Submit: clerk && c.IsEditableBySchool,
            Accept: clerk && c.Side == TransferSide.In && c.State == StatusChangeState.Submitted,
            Approve: approver && c.State == waiting && c.ApprovedBy is null,
            Return: (approver && c.State is StatusChangeState.Submitted or StatusChangeState.Accepted)
                || (clerk && c.Side == TransferSide.In && c.State == StatusChangeState.Submitted),
            Undo: StatusChangeRights.IsAuthorityOf(actor, c.ScopePath) && c.State == StatusChangeState.Approved && c.Kind != StatusChangeKind.Transfer,
            AddEvidence: clerk && c.IsPending);
        return new StatusChangeDetail(
            ToDto(c, today, deadlines.DueSoonUntil(today)),
            events.Select(e => new StatusChangeEventDto(e.Action, ActionText(e.Action), e.By, e.AtUtc, e.Note)).ToList(),
            evidence,
            actions);
    }

    /// <summary>
    /// Per school in scope: of the changes that are due (processed, or unprocessed past their due date), how many were
    /// processed on time. Undone changes still count: the school processed them. Transfer In rows are not the school's.
    /// </summary>
    public async Task<IReadOnlyList<OnTimeRate>> OnTimeRatesAsync(string? schoolCode, CancellationToken ct)
    {
        var today = clock.Today();
        var soon = deadlines.DueSoonUntil(today);
        var q = db.Set<StatusChange>().AsNoTracking().Where(c => c.Side != TransferSide.In);
        if (!string.IsNullOrWhiteSpace(schoolCode))
        {
            q = q.Where(c => c.SchoolCode == schoolCode);
        }

        var rows = await q.GroupBy(c => new { c.SchoolCode, c.SchoolName })
            .Select(g => new
            {
                g.Key.SchoolCode,
                g.Key.SchoolName,
                OnTime = g.Sum(c => c.ProcessedOn != null && !c.ProcessedLate ? 1 : 0),
                Late = g.Sum(c => c.ProcessedOn != null && c.ProcessedLate ? 1 : 0),
                Overdue = g.Sum(c => c.ProcessedOn == null && (c.State == StatusChangeState.Draft || c.State == StatusChangeState.Returned) && c.DueDate < today ? 1 : 0),
                DueSoon = g.Sum(c => c.ProcessedOn == null && (c.State == StatusChangeState.Draft || c.State == StatusChangeState.Returned) && c.DueDate >= today && c.DueDate <= soon ? 1 : 0),
            })
            .ToListAsync(ct);
        return rows
            .Select(r =>
            {
                var total = r.OnTime + r.Late + r.Overdue;
                return new OnTimeRate(r.SchoolCode, r.SchoolName, total, r.OnTime, r.Late, r.Overdue, r.DueSoon, total == 0 ? null : Math.Round((double)r.OnTime / total, 4));
            })
            .OrderBy(r => r.Rate ?? 2).ThenBy(r => r.SchoolCode, StringComparer.Ordinal)
            .ToList();
    }

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
        var deadline = c.ProcessedOn is not null || c.Side == TransferSide.In || !c.IsPending
            ? (c.ProcessedOn is null ? DeadlineStatus.OnTime : c.ProcessedLate ? DeadlineStatus.ProcessedLate : DeadlineStatus.OnTime)
            : c.DueDate < today ? DeadlineStatus.Overdue
            : c.DueDate <= soon ? DeadlineStatus.DueSoon
            : DeadlineStatus.NotDue;
        return new StatusChangeDto(
            c.Id, c.Kind, c.Kind.ToChinese(), c.Side, c.StudentId, c.StudentName, c.StudentIdNumberMasked, c.StatusNumber, c.SchoolCode, c.SchoolName,
            c.OtherSchoolCode, c.OtherSchoolName, c.CounterpartId, c.NewStudentId, c.OccurredOn, c.DueDate, c.Reason, c.NewMajor, c.NewClassName,
            c.RequiresAuthority, c.State, StateText(c), deadline, DeadlineText(deadline, c, today), c.ProcessedOn, c.ProcessedLate,
            c.EnteredBy, c.EnteredAtUtc, c.SubmittedBy, c.SubmittedAtUtc, c.AcceptedBy, c.AcceptedAtUtc, c.ApprovedBy, c.ApprovedAtUtc,
            c.ReturnedBy, c.ReturnedAtUtc, c.ReturnReason, c.UndoneBy, c.UndoneAtUtc, c.UndoReason);
    }

    private static string StateText(StatusChange c) => (c.Kind, c.Side, c.State) switch
    {
        (StatusChangeKind.Transfer, TransferSide.In, StatusChangeState.Submitted) => "待本校接收",
        (StatusChangeKind.Transfer, TransferSide.Out, StatusChangeState.Submitted) => "待转入学校接收",
        (StatusChangeKind.Transfer, _, StatusChangeState.Accepted) when c.ApprovedBy is not null => "本方已审批，待对方审批",
        (StatusChangeKind.Transfer, _, StatusChangeState.Accepted) => "待主管部门审批",
        _ => c.State.ToChinese(),
    };

    private static string DeadlineText(DeadlineStatus d, StatusChange c, DateOnly today) => d switch
    {
        DeadlineStatus.Overdue => $"已逾期 {today.DayNumber - c.DueDate.DayNumber} 天",
        DeadlineStatus.DueSoon => c.DueDate == today ? "今天到期" : "即将到期",
        DeadlineStatus.ProcessedLate => "逾期办理",
        DeadlineStatus.OnTime => c.ProcessedOn is null ? "—" : "按时办理",
        _ => "未到期",
    };
}
