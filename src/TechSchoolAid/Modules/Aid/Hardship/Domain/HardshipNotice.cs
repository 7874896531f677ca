using TechSchoolAid.Kernel.Data;

namespace TechSchoolAid.Modules.Aid.Hardship.Domain;

/// <summary>
/// The school's advance notice of the year's hardship identification (提前告知): what is identified, who may apply, the
/// documents to bring and the dates. 教财〔2018〕16号《教育部等六部门关于做好家庭经济困难学生认定工作的指导意见》 四、认定程序
/// starts with (一) 提前告知 — the school tells students of the identification's work before (二) 个人申请 — so an
/// application before the school's notice for its school year is refused (issue 11 item 9). One notice per school and
/// school year.
/// </summary>
public sealed class HardshipNotice : IScoped
{
    private HardshipNotice()
    {
    }

    public HardshipNotice(
        Guid id, int schoolId, string schoolCode, string scopePath, int schoolYear, string content, string whoMayApply, string documents,
        DateOnly applyFrom, DateOnly applyTo, DateOnly publishedOn, string by, DateTime atUtc)
    {
        Id = id;
        SchoolId = schoolId;
        SchoolCode = schoolCode;
        ScopePath = scopePath;
        SchoolYear = schoolYear;
        Content = content;
        WhoMayApply = whoMayApply;
        Documents = documents;
        ApplyFrom = applyFrom;
        ApplyTo = applyTo;
        PublishedOn = publishedOn;
        PublishedBy = by;
        PublishedAtUtc = atUtc;
    }

    public Guid Id { get; private set; }

    public int SchoolId { get; private set; }

    public string SchoolCode { get; private set; } = "";

    public string ScopePath { get; private set; } = "";

    /// <summary>The school year by its first calendar year: 2026 is 2026-2027.</summary>
    public int SchoolYear { get; private set; }

    /// <summary>What the identification is for and how it runs (工作事项).</summary>
    public string Content { get; private set; } = "";

    /// <summary>Who may apply (申请对象).</summary>
    public string WhoMayApply { get; private set; } = "";

    /// <summary>The documents an applicant brings (所需材料).</summary>
    public string Documents { get; private set; } = "";

    /// <summary>The first day applications are received; none before it.</summary>
    public DateOnly ApplyFrom { get; private set; }

    public DateOnly ApplyTo { get; private set; }

    public DateOnly PublishedOn { get; private set; }

    public string PublishedBy { get; private set; } = "";

    public DateTime PublishedAtUtc { get; private set; }

    public int Version { get; private set; }
}
