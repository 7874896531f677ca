using TechSchoolAid.Modules.Supervision.Contracts;

namespace TechSchoolAid.Modules.Supervision.Features;

public sealed record HangingFlagDto(
    Guid Id, HangingReason Reason, string ReasonText, string Detail, Guid? CampaignId, Guid StudentId, string StudentName, string StudentIdNumberMasked,
    string? StatusNumber, string SchoolCode, string SchoolName, DateOnly DetectedOn, string DetectedBy, HangingFlagState State, string StateText,
    string? Answer, string? AnsweredBy, DateTime? AnsweredAt, int AnswerCount, string? ReviewNote, string? ReviewedBy, DateTime? ReviewedAt,
    bool CanAnswer, bool CanReview);

public sealed record HangingFlagActions(bool Answer, bool Review);

public sealed record HangingFlagDetail(HangingFlagDto Flag, HangingFlagActions Actions);

public sealed class HangingFlagFilter
{
    public string? SchoolCode { get; set; }

    public HangingReason? Reason { get; set; }

    public HangingFlagState? State { get; set; }

    /// <summary>Only flags still open (waiting for the school's answer or for the supervisor's review).</summary>
    public bool? Open { get; set; }

    public Guid? StudentId { get; set; }

    public int? Page { get; set; }

    public int? PageSize { get; set; }
}
