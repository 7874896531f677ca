using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Supervision.Contracts;

namespace TechSchoolAid.Modules.Supervision.Domain;

/// <summary>
/// A verification campaign (核验批次, STA-3) opened by a city or province over chosen schools of its scope. Owned by the
/// authority that opened it; each school's part is a <see cref="PresenceCampaignSchool"/> row owned by the school.
/// </summary>
public sealed class PresenceCampaign : IScoped
{
    private PresenceCampaign()
    {
    }

    public PresenceCampaign(Guid id, string name, PresenceMethod defaultMethod, DateOnly startsOn, DateOnly endsOn, string scopePath, string organizationCode, string openedBy, DateTime openedAtUtc)
    {
        Id = id;
        Name = name;
        DefaultMethod = defaultMethod;
        StartsOn = startsOn;
        EndsOn = endsOn;
        ScopePath = scopePath;
        OrganizationCode = organizationCode;
        OpenedBy = openedBy;
        OpenedAtUtc = openedAtUtc;
        State = CampaignState.Open;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public PresenceMethod DefaultMethod { get; private set; }

    public DateOnly StartsOn { get; private set; }

    public DateOnly EndsOn { get; private set; }

    /// <summary>The opening authority's path: the campaign is its own, seen by it and the levels above.</summary>
    public string ScopePath { get; private set; } = "";

    public string OrganizationCode { get; private set; } = "";

    public CampaignState State { get; private set; }

    public string OpenedBy { get; private set; } = "";

    public DateTime OpenedAtUtc { get; private set; }

    public string? ClosedBy { get; private set; }

    public DateTime? ClosedAtUtc { get; private set; }

    public int Version { get; private set; }

    public void RequireOpen()
    {
        if (State != CampaignState.Open)
        {
            throw AppException.Conflict($"核验批次「{Name}」已结束，不能再登记核验结果");
        }
    }

    public void Close(string by, DateTime atUtc)
    {
        if (State != CampaignState.Open)
        {
            throw AppException.Conflict($"核验批次「{Name}」已经结束");
        }

        State = CampaignState.Closed;
        ClosedBy = by;
        ClosedAtUtc = atUtc;
        Version++;
    }
}

/// <summary>A school's part of a campaign, owned by the school so that it sees the campaign it is checked in.</summary>
public sealed class PresenceCampaignSchool : IScoped
{
    private PresenceCampaignSchool()
    {
    }

    public PresenceCampaignSchool(PresenceCampaign campaign, int schoolId, string schoolCode, string schoolName, string scopePath)
    {
        CampaignId = campaign.Id;
        CampaignName = campaign.Name;
        DefaultMethod = campaign.DefaultMethod;
        StartsOn = campaign.StartsOn;
        EndsOn = campaign.EndsOn;
        State = campaign.State;
        SchoolId = schoolId;
        SchoolCode = schoolCode;
        SchoolName = schoolName;
        ScopePath = scopePath;
    }

    public long Id { get; private set; }

    public Guid CampaignId { get; private set; }

    public string CampaignName { get; private set; } = "";

    public PresenceMethod DefaultMethod { get; private set; }

    public DateOnly StartsOn { get; private set; }

    public DateOnly EndsOn { get; private set; }

    public CampaignState State { get; private set; }

    public int SchoolId { get; private set; }

    public string SchoolCode { get; private set; } = "";

    public string SchoolName { get; private set; } = "";

    public string ScopePath { get; private set; } = "";

    public void Close() => State = CampaignState.Closed;
}

/// <summary>One student's result in a campaign: present, absent or unreachable, how, when and by whom. One row per student and campaign.</summary>
public sealed class PresenceCheckResult : IScoped
{
    private PresenceCheckResult()
    {
    }

    public PresenceCheckResult(Guid id, Guid campaignId, string campaignName, Guid studentId, int schoolId, string schoolCode, string scopePath, string studentName, string idNumberMasked, string? statusNumber)
    {
        Id = id;
        CampaignId = campaignId;
        CampaignName = campaignName;
        StudentId = studentId;
        SchoolId = schoolId;
        SchoolCode = schoolCode;
        ScopePath = scopePath;
        StudentName = studentName;
        StudentIdNumberMasked = idNumberMasked;
        StatusNumber = statusNumber;
    }

    public Guid Id { get; private set; }

    public Guid CampaignId { get; private set; }

    public string CampaignName { get; private set; } = "";

    public Guid StudentId { get; private set; }

    public int SchoolId { get; private set; }

    public string SchoolCode { get; private set; } = "";

    public string ScopePath { get; private set; } = "";

    public string StudentName { get; private set; } = "";

    public string StudentIdNumberMasked { get; private set; } = "";

    public string? StatusNumber { get; private set; }

    public PresenceResult Result { get; private set; }

    public PresenceMethod Method { get; private set; }

    public DateOnly CheckedOn { get; private set; }

    public string? Note { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTime RecordedAtUtc { get; private set; }

    public int Version { get; private set; }

    public void Record(PresenceResult result, PresenceMethod method, DateOnly checkedOn, string? note, string by, DateTime atUtc)
    {
        Result = result;
        Method = method;
        CheckedOn = checkedOn;
        Note = note;
        RecordedBy = by;
        RecordedAtUtc = atUtc;
        Version++;
    }
}
