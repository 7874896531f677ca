using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Supervision.Contracts;

namespace TechSchoolAid.Modules.Supervision.Domain;

/// <summary>
/// A supervision measure (约谈 / 警告 / 通报, STA-4) against a school, issued by its direct supervising authority with a
/// reason and evidence, optionally requiring rectification by a date; the school records its rectification and the
/// authority closes the measure. Owned by the school (it sees its own measures; the authorities above see them too).
/// </summary>
public sealed class SupervisionMeasure : IScoped
{
    private SupervisionMeasure()
    {
    }

    public SupervisionMeasure(
        Guid id, MeasureKind kind, int schoolId, string schoolCode, string schoolName, string scopePath, string issuerCode,
        string reason, string? evidenceText, DateOnly issuedOn, DateOnly? rectificationDueOn, string issuedBy, DateTime issuedAtUtc)
    {
        Id = id;
        Kind = kind;
        SchoolId = schoolId;
        SchoolCode = schoolCode;
        SchoolName = schoolName;
        ScopePath = scopePath;
        IssuerCode = issuerCode;
        Reason = reason;
        EvidenceText = evidenceText;
        IssuedOn = issuedOn;
        RectificationDueOn = rectificationDueOn;
        IssuedBy = issuedBy;
        IssuedAtUtc = issuedAtUtc;
        State = MeasureState.Open;
    }

    public Guid Id { get; private set; }

    public MeasureKind Kind { get; private set; }

    public int SchoolId { get; private set; }

    public string SchoolCode { get; private set; } = "";

    public string SchoolName { get; private set; } = "";

    public string ScopePath { get; private set; } = "";

    /// <summary>The code of the issuing authority (the school's direct supervisor).</summary>
    public string IssuerCode { get; private set; } = "";

    public string Reason { get; private set; } = "";

    public string? EvidenceText { get; private set; }

    public DateOnly IssuedOn { get; private set; }

    public DateOnly? RectificationDueOn { get; private set; }

    public MeasureState State { get; private set; }

    public string IssuedBy { get; private set; } = "";

    public DateTime IssuedAtUtc { get; private set; }

    public string? Rectification { get; private set; }

    public string? RectifiedBy { get; private set; }

    public DateTime? RectifiedAtUtc { get; private set; }

    public DateOnly? RectifiedOn { get; private set; }

    public bool RectifiedLate { get; private set; }

    public string? ClosingNote { get; private set; }

    public string? ClosedBy { get; private set; }

    public DateTime? ClosedAtUtc { get; private set; }

    public int Version { get; private set; }

    public bool RequiresRectification => RectificationDueOn is not null;

    public void RecordRectification(string text, string by, DateTime atUtc, DateOnly today)
    {
        if (State == MeasureState.Closed)
        {
            throw AppException.Conflict("该监管措施已关闭，不能再报告整改");
        }

        Rectification = text;
        RectifiedBy = by;
        RectifiedAtUtc = atUtc;
        RectifiedOn = today;
        RectifiedLate = RectificationDueOn is { } due && today > due;
        State = MeasureState.Rectified;
        Version++;
    }

    public void Close(string? note, string by, DateTime atUtc)
    {
        if (State == MeasureState.Closed)
        {
            throw AppException.Conflict("该监管措施已经关闭");
        }

        if (RequiresRectification && State != MeasureState.Rectified)
        {
            throw AppException.Conflict("该措施要求整改，学校尚未报告整改情况，不能关闭");
        }

        State = MeasureState.Closed;
        ClosingNote = note;
        ClosedBy = by;
        ClosedAtUtc = atUtc;
        Version++;
    }
}

/// <summary>An evidence file of a measure (the authority's evidence, or the school's rectification proof): PDF/JPG/PNG ≤ 5 MB.</summary>
public sealed class SupervisionMeasureFile : IScoped
{
    private SupervisionMeasureFile()
    {
    }

    public SupervisionMeasureFile(Guid id, Guid measureId, string scopePath, string fileName, string contentType, byte[] content, string sha256, bool fromSchool, string uploadedBy, DateTime uploadedAtUtc)
    {
        Id = id;
        MeasureId = measureId;
        ScopePath = scopePath;
        FileName = fileName;
        ContentType = contentType;
        Content = content;
        Size = content.Length;
        Sha256 = sha256;
        FromSchool = fromSchool;
        UploadedBy = uploadedBy;
        UploadedAtUtc = uploadedAtUtc;
    }

    public Guid Id { get; private set; }

    public Guid MeasureId { get; private set; }

    public string ScopePath { get; private set; } = "";

    public string FileName { get; private set; } = "";

    public string ContentType { get; private set; } = "";

    public long Size { get; private set; }

    public string Sha256 { get; private set; } = "";

    public byte[] Content { get; private set; } = [];

    /// <summary>Uploaded by the school with its rectification (else by the authority, as evidence).</summary>
    public bool FromSchool { get; private set; }

    public string UploadedBy { get; private set; } = "";

    public DateTime UploadedAtUtc { get; private set; }
}
