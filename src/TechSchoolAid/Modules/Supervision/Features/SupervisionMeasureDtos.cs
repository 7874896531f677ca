using TechSchoolAid.Modules.Supervision.Contracts;

namespace TechSchoolAid.Modules.Supervision.Features;

/// <summary>Where a measure's rectification stands against its due date.</summary>
public enum RectificationStatus
{
    NotRequired = 0, // 无整改要求
    Pending = 1,     // 整改中
    DueSoon = 2,     // 即将到期
    Late = 3,        // 已逾期
    OnTime = 4,      // 按期整改
    DoneLate = 5,    // 逾期整改
}

public sealed record MeasureDto(
    Guid Id, MeasureKind Kind, string KindText, string SchoolCode, string SchoolName, string IssuerCode, string Reason, string? EvidenceText,
    DateOnly IssuedOn, DateOnly? RectificationDueOn, RectificationStatus RectificationStatus, string RectificationStatusText, MeasureState State, string StateText,
    string IssuedBy, DateTime IssuedAt, string? Rectification, string? RectifiedBy, DateTime? RectifiedAt, string? ClosingNote, string? ClosedBy, DateTime? ClosedAt);

public sealed record MeasureFileDto(Guid Id, string FileName, string ContentType, long Size, string Sha256, bool FromSchool, string UploadedBy, DateTime UploadedAt);

public sealed record MeasureActions(bool Rectify, bool Close, bool AddFile);

public sealed record MeasureDetail(MeasureDto Measure, IReadOnlyList<MeasureFileDto> Files, MeasureActions Actions);

public sealed class MeasureFilter
{
    public string? SchoolCode { get; set; }

    public MeasureKind? Kind { get; set; }

    public MeasureState? State { get; set; }

    /// <summary>Only measures not closed yet.</summary>
    public bool? Open { get; set; }

    public int? Page { get; set; }

    public int? PageSize { get; set; }
}
