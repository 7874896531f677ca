using TechSchoolAid.Modules.Supervision.Contracts;

namespace TechSchoolAid.Modules.Supervision.Features;

public sealed record CampaignDto(
    Guid Id, string Name, PresenceMethod DefaultMethod, string DefaultMethodText, DateOnly StartsOn, DateOnly EndsOn, CampaignState State, string StateText,
    string? OrganizationCode, string? OpenedBy, DateTime? OpenedAt, string? ClosedBy, DateTime? ClosedAt, int SchoolCount);

public sealed record CampaignSchoolDto(string SchoolCode, string SchoolName, int Students, int Checked, int Present, int Absent, int Unreachable);

public sealed record CampaignActions(bool Record, bool Close);

public sealed record CampaignDetail(CampaignDto Campaign, IReadOnlyList<CampaignSchoolDto> Schools, CampaignActions Actions);

public sealed record RosterRow(
    Guid StudentId, string StudentName, string StudentIdNumberMasked, string? StatusNumber, string SchoolCode, string ClassName,
    PresenceResult? Result, string? ResultText, PresenceMethod? Method, string? MethodText, DateOnly? CheckedOn, string? Note, string? RecordedBy, DateTime? RecordedAt);

public sealed class RosterFilter
{
    public string? SchoolCode { get; set; }

    /// <summary>Only students with this result; <c>unchecked=true</c> for students without a result yet.</summary>
    public PresenceResult? Result { get; set; }

    public bool? Unchecked { get; set; }

    public int? Page { get; set; }

    public int? PageSize { get; set; }
}
