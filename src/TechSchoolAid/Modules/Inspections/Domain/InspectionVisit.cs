using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Inspections.Contracts;

namespace TechSchoolAid.Modules.Inspections.Domain;

/// <summary>
/// A visit (INS-1): a planned visit to a school of a confirmed plan, or the ministry's spot check (抽查) of a province or
/// a school. It carries the findings, per checklist item.
/// </summary>
public sealed class InspectionVisit : IScoped
{
    public const int MaxInspectorsLength = 200;
    public const int MaxSummaryLength = 2000;

    private InspectionVisit()
    {
    }

    public InspectionVisit(Guid id, VisitKind kind, Guid? planId, int year, string provinceCode, int targetId, string targetCode, string targetName, bool targetIsSchool,
        string scopePath, DateOnly visitedOn, string inspectors, string? summary, string by, DateTime atUtc)
    {
        if (string.IsNullOrWhiteSpace(inspectors))
        {
            throw AppException.Invalid("inspectors", "请填写检查人员");
        }

        Id = id;
        Kind = kind;
        PlanId = planId;
        Year = year;
        ProvinceCode = provinceCode;
        TargetId = targetId;
        TargetCode = targetCode;
        TargetName = targetName;
        TargetIsSchool = targetIsSchool;
        ScopePath = scopePath;
        VisitedOn = visitedOn;
        Inspectors = inspectors.Trim();
        Summary = summary;
        RecordedBy = by;
        RecordedAtUtc = atUtc;
    }

    public Guid Id { get; private set; }

    public VisitKind Kind { get; private set; }

    public Guid? PlanId { get; private set; }

    public int Year { get; private set; }

    public string ProvinceCode { get; private set; } = "";

    /// <summary>The organisation visited: a school, or a province (spot checks only).</summary>
    public int TargetId { get; private set; }

    public string TargetCode { get; private set; } = "";

    public string TargetName { get; private set; } = "";

    public bool TargetIsSchool { get; private set; }

    /// <summary>The visited organisation's path: the school sees the visits to it and their findings.</summary>
    public string ScopePath { get; private set; } = "";

    public DateOnly VisitedOn { get; private set; }

    public string Inspectors { get; private set; } = "";

    public string? Summary { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTime RecordedAtUtc { get; private set; }

    public int Version { get; private set; }

    public Finding AddFinding(string itemKey, Conclusion conclusion, string text, bool needsRectification, string by, DateTime atUtc)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw AppException.Invalid("text", "请填写检查发现的具体情况");
        }

        if (needsRectification && conclusion == Conclusion.Compliant)
        {
            throw AppException.Invalid("needsRectification", "结论为“符合”的检查项不需要整改");
        }

        if (needsRectification && !TargetIsSchool)
        {
            throw AppException.Invalid("needsRectification", "整改任务下达给学校：对省级的抽查发现请在文字中写明整改意见");
        }

        Version++;
        return new Finding(Guid.CreateVersion7(), Id, ScopePath, itemKey, conclusion, text.Trim(), needsRectification, by, atUtc);
    }
}

/// <summary>One finding of a visit on one checklist item.</summary>
public sealed class Finding : IScoped
{
    public const int MaxTextLength = 2000;

    private Finding()
    {
    }

    internal Finding(Guid id, Guid visitId, string scopePath, string itemKey, Conclusion conclusion, string text, bool needsRectification, string by, DateTime atUtc)
    {
        Id = id;
        VisitId = visitId;
        ScopePath = scopePath;
        ItemKey = itemKey;
        Conclusion = conclusion;
        Text = text;
        NeedsRectification = needsRectification;
        RecordedBy = by;
        RecordedAtUtc = atUtc;
    }

    public Guid Id { get; private set; }

    public Guid VisitId { get; private set; }

    public string ScopePath { get; private set; } = "";

    public string ItemKey { get; private set; } = "";

    public Conclusion Conclusion { get; private set; }

    public string Text { get; private set; } = "";

    public bool NeedsRectification { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTime RecordedAtUtc { get; private set; }
}

/// <summary>An evidence file of a finding or a rectification answer: PDF, JPG or PNG (EvidenceUpload), stored with its hash.</summary>
public sealed class InspectionFile : IScoped
{
    public const int MaxFilesPerOwner = 10;

    private InspectionFile()
    {
    }

    public InspectionFile(Guid id, Guid ownerId, bool ofRectification, string scopePath, string fileName, string contentType, byte[] content, string sha256, string by, DateTime atUtc)
    {
        Id = id;
        OwnerId = ownerId;
        OfRectification = ofRectification;
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

    /// <summary>The finding or the rectification task it belongs to.</summary>
    public Guid OwnerId { get; private set; }

    public bool OfRectification { get; private set; }

    public string ScopePath { get; private set; } = "";

    public string FileName { get; private set; } = "";

    public string ContentType { get; private set; } = "";

    public byte[] Content { get; private set; } = [];

    public long Size { get; private set; }

    public string Sha256 { get; private set; } = "";

    public string UploadedBy { get; private set; } = "";

    public DateTime UploadedAtUtc { get; private set; }
}
