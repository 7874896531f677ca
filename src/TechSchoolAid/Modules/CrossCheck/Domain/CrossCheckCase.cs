using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.CrossCheck.Contracts;

namespace TechSchoolAid.Modules.CrossCheck.Domain;

/// <summary>
/// One duplicate to clear (CHK-1/CHK-2): an approved aid line of this system seen again on the ministry of education's list
/// for the month, or at another school of this system in the same term. Routed to the school of the line (its scope
/// path), due <see cref="CrossCheckPolicy.ClearanceWorkingDays"/> working days after it was found; the supervisor sees it
/// when it is late.
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

    public bool IsOverdue(DateOnly today) => State == CrossCheckCaseState.Open && today > DueDate;

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
