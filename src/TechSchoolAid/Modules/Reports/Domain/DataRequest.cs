using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Reports.Contracts;

namespace TechSchoolAid.Modules.Reports.Domain;

/// <summary>One field the ministry asks for.</summary>
public sealed record DataField(string Name, DataFieldKind Kind);

public enum DataRequestState
{
    Open = 1,   // 收集中
    Closed = 2, // 已关闭
}

/// <summary>
/// The ministry's ad-hoc request for figures (「相关工作情况及时报我部」, the notice 三(三)): title, description, the fields
/// asked and a deadline, sent to all or chosen provinces (one <see cref="DataRequestRecipient"/> each). Kept at the
/// ministry's scope path; it holds no personal data, so it is not filtered by scope: a province reaches it only through
/// its own recipient row, which is.
/// </summary>
public sealed class DataRequest
{
    public const int MaxTitleLength = 100;
    public const int MaxDescriptionLength = 2000;
    public const int MaxFields = 30;
    public const int MaxFieldNameLength = 50;

    private DataRequest()
    {
    }

    public DataRequest(Guid id, string title, string description, string fieldsJson, DateOnly dueOn, string by, DateTime atUtc)
    {
        Id = id;
        Title = title;
        Description = description;
        FieldsJson = fieldsJson;
        DueOn = dueOn;
        CreatedBy = by;
        CreatedAtUtc = atUtc;
        State = DataRequestState.Open;
    }

    public Guid Id { get; private set; }

    public string ScopePath { get; private set; } = "/";

    public string Title { get; private set; } = "";

    public string Description { get; private set; } = "";

    /// <summary>The fields asked, as JSON (a list of <see cref="DataField"/>).</summary>
    public string FieldsJson { get; private set; } = "[]";

    public DateOnly DueOn { get; private set; }

    public DataRequestState State { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public DateTime CreatedAtUtc { get; private set; }

    public string? ClosedBy { get; private set; }

    public DateTime? ClosedAtUtc { get; private set; }

    public int Version { get; private set; }

    public void Close(string by, DateTime atUtc)
    {
        if (State == DataRequestState.Closed)
        {
            throw AppException.Conflict("该数据报送通知已关闭");
        }

        State = DataRequestState.Closed;
        ClosedBy = by;
        ClosedAtUtc = atUtc;
        Version++;
    }
}

/// <summary>
/// A province a data request was sent to, and its answer: the values per field (JSON), who answered and when, late when
/// first answered after the deadline (accepted all the same). The province corrects it until the ministry closes the request.
/// </summary>
public sealed class DataRequestRecipient : IScoped
{
    private DataRequestRecipient()
    {
    }

    public DataRequestRecipient(Guid id, Guid requestId, int organizationId, string provinceCode, string provinceName, string scopePath)
    {
        Id = id;
        RequestId = requestId;
        OrganizationId = organizationId;
        ProvinceCode = provinceCode;
        ProvinceName = provinceName;
        ScopePath = scopePath;
    }

    public Guid Id { get; private set; }

    public Guid RequestId { get; private set; }

    public int OrganizationId { get; private set; }

    public string ProvinceCode { get; private set; } = "";

    public string ProvinceName { get; private set; } = "";

    public string ScopePath { get; private set; } = "";

    /// <summary>The answer's values by field name, as JSON; null until answered.</summary>
    public string? ValuesJson { get; private set; }

    public string? AnsweredBy { get; private set; }

    public DateTime? AnsweredAtUtc { get; private set; }

    /// <summary>China date of the first answer.</summary>
    public DateOnly? FirstAnsweredOn { get; private set; }

    /// <summary>The first answer came after the deadline (the answer is accepted all the same).</summary>
    public bool Late { get; private set; }

    public int Corrections { get; private set; }

    public int Version { get; private set; }

    public bool Answered => ValuesJson is not null;

    /// <summary>Records (or corrects) the answer; refused once the request is closed.</summary>
    public void Answer(DataRequest request, string valuesJson, string by, DateTime atUtc, DateOnly today)
    {
        if (request.State == DataRequestState.Closed)
        {
            throw AppException.Conflict("该数据报送通知已关闭，不能再填报或更正");
        }

        if (ValuesJson is null)
        {
            FirstAnsweredOn = today;
            Late = today > request.DueOn;
        }
        else
        {
            Corrections++;
        }

        ValuesJson = valuesJson;
        AnsweredBy = by;
        AnsweredAtUtc = atUtc;
        Version++;
    }
}

/// <summary>A file answering a file field of a data request (PDF, JPG or PNG, checked by its bytes), kept in the province's scope.</summary>
public sealed class DataRequestFile : IScoped
{
    private DataRequestFile()
    {
    }

    public DataRequestFile(Guid id, Guid recipientId, string scopePath, string field, string fileName, string contentType, byte[] content, string sha256, string by, DateTime atUtc)
    {
        Id = id;
        RecipientId = recipientId;
        ScopePath = scopePath;
        Field = field;
        FileName = fileName;
        ContentType = contentType;
        Content = content;
        Sha256 = sha256;
        UploadedBy = by;
        UploadedAtUtc = atUtc;
    }

    public Guid Id { get; private set; }

    public Guid RecipientId { get; private set; }

    public string ScopePath { get; private set; } = "";

    public string Field { get; private set; } = "";

    public string FileName { get; private set; } = "";

    public string ContentType { get; private set; } = "";

    public byte[] Content { get; private set; } = [];

    public string Sha256 { get; private set; } = "";

    public string UploadedBy { get; private set; } = "";

    public DateTime UploadedAtUtc { get; private set; }
}
