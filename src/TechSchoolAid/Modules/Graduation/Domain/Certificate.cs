using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Graduation.Contracts;

namespace TechSchoolAid.Modules.Graduation.Domain;

/// <summary>
/// A graduation (毕业) or completion (结业) certificate. Exactly what is printed on it, copied at issue, so the public
/// lookup (GRD-2) never needs the student record. A completion certificate that is upgraded stays, marked superseded.
/// </summary>
public sealed class Certificate : IScoped
{
    private Certificate()
    {
    }

    public Certificate(Guid id, string number, CertificateKind kind, Guid studentId, Guid roundId, string scopePath, string holderName, string schoolCode, string schoolName,
        string major, string levelText, DateOnly graduationDate, string issuedBy, DateTime issuedAtUtc)
    {
        Id = id;
        Number = number;
        Kind = kind;
        StudentId = studentId;
        RoundId = roundId;
        ScopePath = scopePath;
        HolderName = holderName;
        SchoolCode = schoolCode;
        SchoolName = schoolName;
        Major = major;
        LevelText = levelText;
        GraduationDate = graduationDate;
        IssuedBy = issuedBy;
        IssuedAtUtc = issuedAtUtc;
    }

    public Guid Id { get; private set; }

    public string Number { get; private set; } = "";

    public CertificateKind Kind { get; private set; }

    public Guid StudentId { get; private set; }

    public Guid RoundId { get; private set; }

    public string ScopePath { get; private set; } = "";

    public string HolderName { get; private set; } = "";

    public string SchoolCode { get; private set; } = "";

    public string SchoolName { get; private set; } = "";

    public string Major { get; private set; } = "";

    public string LevelText { get; private set; } = "";

    /// <summary>毕业（结业）日期 printed on the certificate.</summary>
    public DateOnly GraduationDate { get; private set; }

    public string IssuedBy { get; private set; } = "";

    public DateTime IssuedAtUtc { get; private set; }

    public string? SupersededByNumber { get; private set; }

    public DateOnly? SupersededOn { get; private set; }

    public string? UpgradeReason { get; private set; }

    public bool IsSuperseded => SupersededByNumber is not null;

    public void SupersedeBy(Certificate replacement, DateOnly on, string reason)
    {
        if (Kind != CertificateKind.Completion || IsSuperseded)
        {
            throw AppException.Conflict(IsSuperseded ? $"证书 {Number} 已换发过，不能重复换发" : "只有结业证书可以换发为毕业证书");
        }

        SupersededByNumber = replacement.Number;
        SupersededOn = on;
        UpgradeReason = reason;
    }
}

/// <summary>
/// One public lookup (GRD-2): when, from which client (a keyed hash, never the address), which number, found or not.
/// Names are never stored. National, not scoped: written by anonymous callers, read by no page of a school.
/// </summary>
public sealed class CertificateLookup
{
    private CertificateLookup()
    {
    }

    public CertificateLookup(DateTime atUtc, string clientHash, string numberQueried, bool found, string channel)
    {
        AtUtc = atUtc;
        ClientHash = clientHash;
        NumberQueried = numberQueried;
        Found = found;
        Channel = channel;
    }

    public long Id { get; private set; }

    public DateTime AtUtc { get; private set; }

    public string ClientHash { get; private set; } = "";

    public string NumberQueried { get; private set; } = "";

    public bool Found { get; private set; }

    /// <summary>"api" or "page".</summary>
    public string Channel { get; private set; } = "";
}
