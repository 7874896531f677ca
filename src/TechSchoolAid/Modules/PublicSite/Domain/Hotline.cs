using TechSchoolAid.Kernel.Data;

namespace TechSchoolAid.Modules.PublicSite.Domain;

/// <summary>
/// An organisation's consultation and complaint line as the public site shows it (PUB-1, the notice 三(二)): a province's
/// (kept by the province) or the ministry's own. One row per organisation, changed in place, every change audited.
/// </summary>
public sealed class Hotline : IScoped
{
    private Hotline()
    {
    }

    public Hotline(Guid id, string organizationCode, string organizationName, string scopePath)
    {
        Id = id;
        OrganizationCode = organizationCode;
        OrganizationName = organizationName;
        ScopePath = scopePath;
    }

    public Guid Id { get; private set; }

    public string OrganizationCode { get; private set; } = "";

    public string OrganizationName { get; private set; } = "";

    public string ScopePath { get; private set; } = "";

    public string ConsultationPhone { get; private set; } = "";

    public string ComplaintPhone { get; private set; } = "";

    public string Address { get; private set; } = "";

    public string Hours { get; private set; } = "";

    public string? Email { get; private set; }

    public string UpdatedBy { get; private set; } = "";

    public DateTime UpdatedAtUtc { get; private set; }

    public int Version { get; private set; }

    public void Set(string consultationPhone, string complaintPhone, string address, string hours, string? email, string by, DateTime atUtc)
    {
        ConsultationPhone = consultationPhone;
        ComplaintPhone = complaintPhone;
        Address = address;
        Hours = hours;
        Email = email;
        UpdatedBy = by;
        UpdatedAtUtc = atUtc;
        Version++;
    }
}
