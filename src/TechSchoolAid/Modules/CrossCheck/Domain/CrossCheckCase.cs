using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.CrossCheck.Contracts;

namespace TechSchoolAid.Modules.CrossCheck.Domain;

/// <summary>
/// One duplicate to clear (CHK-1/CHK-2): an approved aid line of this system seen again on the ministry of education's list
/// for the month, or at another school of this system in the same term. Routed to the school of the line (its scope
/// path), due the working days of the <see cref="ClearanceDeadline"/> in force the day it was found (人社厅函〔2024〕53号
/// 三（三）: 10 个工作日); the supervisor sees it when it is late. A "keep" (the other side is wrong) is not final: it waits
/// for the school's direct supervisor (the city for 市管, the province for 省管), who confirms it or reopens the case with a
/// reason (issue 11 item 11).
/// </summary>
public sealed class CrossCheckCase : IScoped
{
    private CrossCheckCase()
    {
    }

    public CrossCheckCase(Guid id, CrossCheckKind kind, int month, Guid runId, ApprovedAidLine line, string otherSide, DateOnly foundOn, DateOnly dueDate)
    {
        Id = id;
        Kind = kind;
        Month = month;
        RunId = runId;
        EntryId = line.EntryId;
        Item = line.Item;
        SchoolYear = line.SchoolYear;
        Semester = line.Semester;
        SchoolId = line.SchoolId;
        SchoolCode = line.SchoolCode;
        SchoolName = line.SchoolName;
        ScopePath = line.ScopePath;
        SupervisorPath = ScopePaths.ParentOf(line.ScopePath);
        PersonKey = line.PersonKey;
        StudentName = line.StudentName;
        IdNumberMasked = line.IdNumberMasked;
        OtherSide = otherSide.Length > 200 ? otherSide[..200] : otherSide;
        FoundOn = foundOn;
        DueDate = dueDate;
        State = CrossCheckCaseState.Open;
    }

    public Guid Id { get; private set; }

    public CrossCheckKind Kind { get; private set; }

    /// <summary>The month of the check as yyyymm (202610).</summary>
    public int Month { get; private set; }

    public Guid RunId { get; private set; }

    /// <summary>The approved aid line (aid_entries) the case is about.</summary>
    public Guid EntryId { get; private set; }

    public AidItem Item { get; private set; }

    public int SchoolYear { get; private set; }

    public Semester Semester { get; private set; }

    public int SchoolId { get; private set; }

    public string SchoolCode { get; private set; } = "";

    public string SchoolName { get; private set; } = "";

    public string ScopePath { get; private set; } = "";

    /// <summary>The school's direct supervisor: who is told when the case is late.</summary>
    public string SupervisorPath { get; private set; } = "";

    public string PersonKey { get; private set; } = "";

    public string StudentName { get; private set; } = "";

    public string IdNumberMasked { get; private set; } = "";

    /// <summary>Where else the person was found, in words ("教育部名单（某某学校）", "本系统：某某学校 免学费").</summary>
    public string OtherSide { get; private set; } = "";

    public DateOnly FoundOn { get; private set; }

    public DateOnly DueDate { get; private set; }

    public CrossCheckCaseState State { get; private set; }

    public string? ClearanceNote { get; private set; }

    public string? ClearedBy { get; private set; }

    public DateTime? ClearedAtUtc { get; private set; }

    public DateOnly? ClearedOn { get; private set; }

    public Guid? EvidenceId { get; private set; }

    public int Version { get; private set; }

    public string? KeepConfirmedBy { get; private set; }

    public DateTime? KeepConfirmedAtUtc { get; private set; }

    /// <summary>Why the supervisor reopened the school's "keep" (the last reopening); null if never reopened.</summary>
    public string? ReopenReason { get; private set; }

    public string? ReopenedBy { get; private set; }

    public DateTime? ReopenedAtUtc { get; private set; }

    /// <summary>A "keep" the school's supervisor has not confirmed yet: the case is not cleared.</summary>
    public bool AwaitingSupervisor => State == CrossCheckCaseState.Kept && KeepConfirmedAtUtc is null;

    /// <summary>Not cleared by the due date: still open, or a "keep" not confirmed by the supervisor.</summary>
    public bool IsOverdue(DateOnly today) => (State == CrossCheckCaseState.Open || AwaitingSupervisor) && today > DueDate;

    /// <summary><see cref="IsOverdue"/> for queries.</summary>
    public static System.Linq.Expressions.Expression<Func<CrossCheckCase, bool>> Overdue(DateOnly today) => c =>
        (c.State == CrossCheckCaseState.Open || (c.State == CrossCheckCaseState.Kept && c.KeepConfirmedAtUtc == null)) && c.DueDate < today;

    private void RequireAwaitingSupervisor()
    {
        if (!AwaitingSupervisor)
        {
            throw AppException.Conflict(State == CrossCheckCaseState.Kept
                ? "该“保留”清理已经主管部门确认"
                : $"该比对结果当前为“{State.ToChinese()}”，不是待主管部门确认的“保留”清理");
        }
    }

    /// <summary>The supervisor confirms the school's "keep": the case is cleared.</summary>
    public void ConfirmKeep(string by, DateTime atUtc)
    {
        RequireAwaitingSupervisor();
        KeepConfirmedBy = by;
        KeepConfirmedAtUtc = atUtc;
        Version++;
    }

    /// <summary>
    /// The supervisor reopens the school's "keep" with a reason: the case is open again, due <paramref name="dueDate"/>
    /// (the working days in force counted from the reopening); the earlier clearance stays in the audit chain and the evidence table.
    /// </summary>
    public void Reopen(string reason, DateOnly dueDate, string by, DateTime atUtc)
    {
        RequireAwaitingSupervisor();
        State = CrossCheckCaseState.Open;
        ReopenReason = reason;
        ReopenedBy = by;
        ReopenedAtUtc = atUtc;
        DueDate = dueDate;
        ClearanceNote = null;
        ClearedBy = null;
        ClearedAtUtc = null;
        ClearedOn = null;
        EvidenceId = null;
        Version++;
    }

    public void Clear(ClearanceAction action, string note, Guid evidenceId, string by, DateTime atUtc, DateOnly today)
    {
        if (State != CrossCheckCaseState.Open)
        {
            throw AppException.Conflict($"该比对结果已清理（{State.ToChinese()}），不能重复处理");
        }

        State = action switch
        {
            ClearanceAction.Keep => CrossCheckCaseState.Kept,
            ClearanceAction.WithdrawHere => CrossCheckCaseState.Withdrawn,
            _ => CrossCheckCaseState.Transferred,
        };
        ClearanceNote = note;
        EvidenceId = evidenceId;
        ClearedBy = by;
        ClearedAtUtc = atUtc;
        ClearedOn = today;
        KeepConfirmedBy = null;
        KeepConfirmedAtUtc = null;
        Version++;
    }
}

/// <summary>
/// Dated policy data: the working days a school has to clear a case (issue 11 item 11). The ministry edits the rows
/// (audited); a case's due date uses the row in force on the day the case was opened. The seeded row is 10 working days
/// from 人社厅函〔2024〕53号《人力资源社会保障部办公厅关于做好2024年技工院校学生资助工作的通知》三（三）:
/// 「一旦发现有涉及本地区本学校的重复资助信息，要立即核实并于 10 个工作日内完成数据清理工作」.
/// </summary>
public sealed class ClearanceDeadline
{
    private ClearanceDeadline()
    {
    }

    public ClearanceDeadline(Guid id, DateOnly validFrom, DateOnly? validTo, int workingDays, string source)
    {
        Id = id;
        ValidFrom = validFrom;
        ValidTo = validTo;
        WorkingDays = workingDays;
        Source = source;
    }

    public Guid Id { get; private set; }

    public DateOnly ValidFrom { get; private set; }

    public DateOnly? ValidTo { get; private set; }

    public int WorkingDays { get; private set; }

    public string Source { get; private set; } = "";

    public int Version { get; private set; }

    public bool AppliesTo(DateOnly date) => date >= ValidFrom && (ValidTo is null || date <= ValidTo);

    /// <summary>Ends an open-ended row the day before its successor starts.</summary>
    public void EndOn(DateOnly lastDay)
    {
        ValidTo = lastDay;
        Version++;
    }
}

/// <summary>The evidence of a clearance (PDF, JPG or PNG, at most 5 MB), kept with the case's scope.</summary>
public sealed class CrossCheckEvidence : IScoped
{
    private CrossCheckEvidence()
    {
    }

    public CrossCheckEvidence(Guid id, Guid caseId, string scopePath, string fileName, string contentType, byte[] content, string sha256, string by, DateTime atUtc)
    {
        Id = id;
        CaseId = caseId;
        ScopePath = scopePath;
        FileName = fileName;
        ContentType = contentType;
        Content = content;
        Size = content.Length;
        Sha256 = sha256;
        UploadedBy = by;
        UploadedAtUtc = atUtc;
    }

    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    public string ScopePath { get; private set; } = "";

    public string FileName { get; private set; } = "";

    public string ContentType { get; private set; } = "";

    public byte[] Content { get; private set; } = [];

    public int Size { get; private set; }

    public string Sha256 { get; private set; } = "";

    public string UploadedBy { get; private set; } = "";

    public DateTime UploadedAtUtc { get; private set; }
}

/// <summary>
/// One load of a ministry file, or one internal check, for a month. National: only the ministry sees runs (path "/").
/// The file's SHA-256 is unique, so the same file is never loaded twice.
/// </summary>
public sealed class CrossCheckRun : IScoped
{
    private CrossCheckRun()
    {
    }

    public CrossCheckRun(Guid id, CrossCheckKind kind, int month, string? fileName, string? fileSha256, string by, DateTime atUtc)
    {
        Id = id;
        Kind = kind;
        Month = month;
        FileName = fileName;
        FileSha256 = fileSha256;
        RunBy = by;
        RunAtUtc = atUtc;
    }

    public Guid Id { get; private set; }

    public CrossCheckKind Kind { get; private set; }

    public int Month { get; private set; }

    public string ScopePath { get; private set; } = "/";

    public string? FileName { get; private set; }

    public string? FileSha256 { get; private set; }

    public string? Encoding { get; private set; }

    public long TotalRows { get; private set; }

    public long ValidRows { get; private set; }

    public long MalformedRows { get; private set; }

    public int Matches { get; private set; }

    public int NewCases { get; private set; }

    public string RunBy { get; private set; } = "";

    public DateTime RunAtUtc { get; private set; }

    public void Completed(string? encoding, long total, long valid, long malformed, int matches, int newCases)
    {
        Encoding = encoding;
        TotalRows = total;
        ValidRows = valid;
        MalformedRows = malformed;
        Matches = matches;
        NewCases = newCases;
    }
}

/// <summary>A row of the ministry's file set aside (not ours to fix): its row number, the reason and the value, masked.</summary>
public sealed class CrossCheckRejectedRow : IScoped
{
    private CrossCheckRejectedRow()
    {
    }

    public CrossCheckRejectedRow(Guid id, Guid runId, long rowNumber, string reason, string? value)
    {
        Id = id;
        RunId = runId;
        RowNumber = rowNumber;
        Reason = reason;
        Value = value;
    }

    public Guid Id { get; private set; }

    public Guid RunId { get; private set; }

    public string ScopePath { get; private set; } = "/";

    public long RowNumber { get; private set; }

    public string Reason { get; private set; } = "";

    public string? Value { get; private set; }
}
