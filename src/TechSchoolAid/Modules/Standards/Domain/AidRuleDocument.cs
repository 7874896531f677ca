using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Standards.Contracts;

namespace TechSchoolAid.Modules.Standards.Domain;

/// <summary>
/// One aid rule a school adopted (资助工作制度, INS-2): its title, kind, adoption date and the document itself (PDF, image
/// or Word, the type decided by its bytes). A newer version replaces it; a rule no longer in force is withdrawn with a
/// reason. Only current rules count for the inspection checklist.
/// </summary>
public sealed class AidRuleDocument : IScoped
{
    private AidRuleDocument()
    {
    }

    public AidRuleDocument(Guid id, int schoolId, string schoolCode, string scopePath, string title, AidRuleKind kind, DateOnly adoptedOn,
        string fileName, string contentType, byte[] content, string sha256, string by, DateTime atUtc)
    {
        Id = id;
        SchoolId = schoolId;
        SchoolCode = schoolCode;
        ScopePath = scopePath;
        Title = title;
        Kind = kind;
        AdoptedOn = adoptedOn;
        FileName = fileName;
        ContentType = contentType;
        Content = content;
        Size = content.Length;
        Sha256 = sha256;
        Status = AidRuleStatus.Current;
        RecordedBy = by;
        RecordedAtUtc = atUtc;
    }

    public Guid Id { get; private set; }

    public int SchoolId { get; private set; }

    public string SchoolCode { get; private set; } = "";

    public string ScopePath { get; private set; } = "";

    public string Title { get; private set; } = "";

    public AidRuleKind Kind { get; private set; }

    public DateOnly AdoptedOn { get; private set; }

    public string FileName { get; private set; } = "";

    public string ContentType { get; private set; } = "";

    public byte[] Content { get; private set; } = [];

    public int Size { get; private set; }

    public string Sha256 { get; private set; } = "";

    public AidRuleStatus Status { get; private set; }

    /// <summary>The version that replaced this one.</summary>
    public Guid? ReplacedById { get; private set; }

    public DateOnly? EndedOn { get; private set; }

    public string? EndReason { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTime RecordedAtUtc { get; private set; }

    public int Version { get; private set; }

    public void EnsureVersion(int? expected)
    {
        if (expected is { } v && v != Version)
        {
            throw AppException.Conflict("该制度已被他人修改，请刷新后重试");
        }
    }

    /// <summary>A newer version of the rule took its place on <paramref name="on"/>.</summary>
    public void ReplaceBy(Guid newer, DateOnly on)
    {
        EnsureCurrent();
        Status = AidRuleStatus.Replaced;
        ReplacedById = newer;
        EndedOn = on;
        EndReason = "已由新版本替代";
        Version++;
    }

    /// <summary>The rule is no longer in force (废止), with the reason.</summary>
    public void Withdraw(DateOnly on, string reason)
    {
        EnsureCurrent();
        Status = AidRuleStatus.Withdrawn;
        EndedOn = on;
        EndReason = reason;
        Version++;
    }

    private void EnsureCurrent()
    {
        if (Status != AidRuleStatus.Current)
        {
            throw AppException.Conflict($"该制度{Status.ToChinese()}，不能再次替代或废止");
        }
    }
}
