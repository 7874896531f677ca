using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Standards.Contracts;

namespace TechSchoolAid.Modules.Standards.Domain;

/// <summary>
/// One training of one staff member (INS-2): either attendance of a province's training (recorded by the province) or an
/// external training the school records with its certificate. Lives in the school's scope.
/// </summary>
public sealed class StaffTraining : IScoped
{
    private StaffTraining()
    {
    }

    public StaffTraining(Guid id, Guid staffId, string schoolCode, string scopePath, TrainingSource source, Guid? trainingId, string title, string organizer,
        DateOnly completedOn, int hours, string by, DateTime atUtc)
    {
        Id = id;
        StaffId = staffId;
        SchoolCode = schoolCode;
        ScopePath = scopePath;
        Source = source;
        TrainingId = trainingId;
        Title = title;
        Organizer = organizer;
        CompletedOn = completedOn;
        Hours = hours;
        RecordedBy = by;
        RecordedAtUtc = atUtc;
    }

    public Guid Id { get; private set; }

    public Guid StaffId { get; private set; }

    public string SchoolCode { get; private set; } = "";

    public string ScopePath { get; private set; } = "";

    public TrainingSource Source { get; private set; }

    /// <summary>The province's training attended, for <see cref="TrainingSource.Province"/>.</summary>
    public Guid? TrainingId { get; private set; }

    public string Title { get; private set; } = "";

    /// <summary>Who ran it (the province's name, or the external organiser).</summary>
    public string Organizer { get; private set; } = "";

    public DateOnly CompletedOn { get; private set; }

    public int Hours { get; private set; }

    public string? CertificateName { get; private set; }

    public string? CertificateType { get; private set; }

    public byte[]? Certificate { get; private set; }

    public string? CertificateSha256 { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTime RecordedAtUtc { get; private set; }

    /// <summary>Attaches the external training's certificate.</summary>
    public void AttachCertificate(string name, string type, byte[] content, string sha256)
    {
        CertificateName = name;
        CertificateType = type;
        Certificate = content;
        CertificateSha256 = sha256;
    }
}
