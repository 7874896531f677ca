using TechSchoolAid.Kernel.Data;

namespace TechSchoolAid.Modules.StatusChanges.Domain;

/// <summary>One line of a change's history: what happened, who, when, and the note (return or undo reason).</summary>
public sealed class StatusChangeEvent : IScoped
{
    private StatusChangeEvent()
    {
    }

    public StatusChangeEvent(Guid changeId, string scopePath, string action, string by, DateTime atUtc, string? note)
    {
        ChangeId = changeId;
        ScopePath = scopePath;
        Action = action;
        By = by;
        AtUtc = atUtc;
        Note = note;
    }

    public long Id { get; private set; }

    public Guid ChangeId { get; private set; }

    public string ScopePath { get; private set; } = "";

    public string Action { get; private set; } = "";

    public string By { get; private set; } = "";

    public DateTime AtUtc { get; private set; }

    public string? Note { get; private set; }
}

/// <summary>An evidence file of a change (pdf/jpg/png, ≤ 5 MB, type checked by content), kept in the database with its SHA-256.</summary>
public sealed class StatusChangeEvidence : IScoped
{
    private StatusChangeEvidence()
    {
    }

    public StatusChangeEvidence(Guid id, Guid changeId, string scopePath, string fileName, string contentType, byte[] content, string sha256, string uploadedBy, DateTime uploadedAtUtc)
    {
        Id = id;
        ChangeId = changeId;
        ScopePath = scopePath;
        FileName = fileName;
        ContentType = contentType;
        Content = content;
        Size = content.Length;
        Sha256 = sha256;
        UploadedBy = uploadedBy;
        UploadedAtUtc = uploadedAtUtc;
    }

    public Guid Id { get; private set; }

    public Guid ChangeId { get; private set; }

    public string ScopePath { get; private set; } = "";

    public string FileName { get; private set; } = "";

    public string ContentType { get; private set; } = "";

    public long Size { get; private set; }

    public string Sha256 { get; private set; } = "";

    public byte[] Content { get; private set; } = [];

    public string UploadedBy { get; private set; } = "";

    public DateTime UploadedAtUtc { get; private set; }
}

/// <summary>STA-2's deadline as dated policy data: the number of working days for processing a change, valid from a date.</summary>
public sealed class StatusChangePolicy
{
    private StatusChangePolicy()
    {
    }

    public StatusChangePolicy(int id, int workingDays, DateOnly validFrom, DateOnly? validTo, string source)
    {
        Id = id;
        WorkingDays = workingDays;
        ValidFrom = validFrom;
        ValidTo = validTo;
        Source = source;
    }

    public int Id { get; private set; }

    public int WorkingDays { get; private set; }

    public DateOnly ValidFrom { get; private set; }

    public DateOnly? ValidTo { get; private set; }

    public string Source { get; private set; } = "";

    public bool AppliesTo(DateOnly date) => date >= ValidFrom && (ValidTo is null || date <= ValidTo);
}
