using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Standards.Contracts;

namespace TechSchoolAid.Modules.Standards.Domain;

/// <summary>
/// A school's enrolment brochure (招生简章, PUB-2) for one intake: the file (PDF or image), the checklist of the aid
/// policies it must state — the tuition waiver (免学费), the national grant (国家助学金) and the aid hotline (资助热线),
/// each ticked with the page it is on — and its review by the school's direct supervisor. Draft or returned: the school
/// may change the file and the checklist and submit; submitted: the supervisor approves (only when every item is
/// stated) or returns it with a reason; approved: final.
/// </summary>
public sealed class Brochure : IScoped
{
    private Brochure()
    {
    }

    public Brochure(Guid id, int schoolId, string schoolCode, string schoolName, string scopePath, int year, IntakeSeason season, string by, DateTime atUtc)
    {
        Id = id;
        SchoolId = schoolId;
        SchoolCode = schoolCode;
        SchoolName = schoolName;
        ScopePath = scopePath;
        Year = year;
        Season = season;
        Status = BrochureStatus.Draft;
        UpdatedBy = by;
        UpdatedAtUtc = atUtc;
    }

    /// <summary>The checklist items: key, Chinese name.</summary>
    public static readonly IReadOnlyList<(string Key, string Name)> ChecklistItems =
    [
        ("waiver", "免学费政策"),
        ("grant", "国家助学金政策"),
        ("hotline", "资助热线电话"),
    ];

    public Guid Id { get; private set; }

    public int SchoolId { get; private set; }

    public string SchoolCode { get; private set; } = "";

    public string SchoolName { get; private set; } = "";

    public string ScopePath { get; private set; } = "";

    public int Year { get; private set; }

    public IntakeSeason Season { get; private set; }

    public string FileName { get; private set; } = "";

    public string ContentType { get; private set; } = "";

    public byte[] Content { get; private set; } = [];

    public int Size { get; private set; }

    public string Sha256 { get; private set; } = "";

    public bool StatesWaiver { get; private set; }

    public string? WaiverPage { get; private set; }

    public bool StatesGrant { get; private set; }

    public string? GrantPage { get; private set; }

    public bool StatesHotline { get; private set; }

    public string? HotlinePage { get; private set; }

    public BrochureStatus Status { get; private set; }

    public DateTime? SubmittedAtUtc { get; private set; }

    public string? SubmittedBy { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTime? DecidedAtUtc { get; private set; }

    public string? ReturnReason { get; private set; }

    /// <summary>How many times it was returned (a resubmission after return keeps the history in the audit log).</summary>
    public int Returns { get; private set; }

    public string UpdatedBy { get; private set; } = "";

    public DateTime UpdatedAtUtc { get; private set; }

    public int Version { get; private set; }

    public bool HasFile => Size > 0;

    public void EnsureVersion(int? expected)
    {
        if (expected is { } v && v != Version)
        {
            throw AppException.Conflict("该招生简章已被他人修改或审核，请刷新后重试");
        }
    }

    /// <summary>The checklist items not stated with a page, by key and name.</summary>
    public IReadOnlyList<(string Key, string Name)> MissingItems() => Missing(StatesWaiver, WaiverPage, StatesGrant, GrantPage, StatesHotline, HotlinePage);

    /// <summary>The checklist items of these ticks and pages that are not stated with a page.</summary>
    public static IReadOnlyList<(string Key, string Name)> Missing(bool waiver, string? waiverPage, bool grant, string? grantPage, bool hotline, string? hotlinePage)
    {
        var missing = new List<(string, string)>();
        if (!waiver || string.IsNullOrWhiteSpace(waiverPage))
        {
            missing.Add(ChecklistItems[0]);
        }

        if (!grant || string.IsNullOrWhiteSpace(grantPage))
        {
            missing.Add(ChecklistItems[1]);
        }

        if (!hotline || string.IsNullOrWhiteSpace(hotlinePage))
        {
            missing.Add(ChecklistItems[2]);
        }

        return missing;
    }

    /// <summary>A new file (draft or returned only).</summary>
    public void SetFile(string name, string type, byte[] content, string sha256, string by, DateTime atUtc)
    {
        EnsureEditable();
        FileName = name;
        ContentType = type;
        Content = content;
        Size = content.Length;
        Sha256 = sha256;
        Touch(by, atUtc);
    }

    /// <summary>The school ticks the checklist and cites the pages (draft or returned only); a tick needs its page, a page needs its tick.</summary>
    public void SetChecklist(bool waiver, string? waiverPage, bool grant, string? grantPage, bool hotline, string? hotlinePage, string by, DateTime atUtc)
    {
        EnsureEditable();
        (StatesWaiver, WaiverPage) = (waiver, waiver ? waiverPage : null);
        (StatesGrant, GrantPage) = (grant, grant ? grantPage : null);
        (StatesHotline, HotlinePage) = (hotline, hotline ? hotlinePage : null);
        Touch(by, atUtc);
    }

    /// <summary>Sent to the direct supervisor: needs the file; a draft or a returned brochure only.</summary>
    public void Submit(string by, DateTime atUtc)
    {
        EnsureEditable();
        if (!HasFile)
        {
            throw AppException.Invalid("file", "请先上传招生简章文件再提交");
        }

        Status = BrochureStatus.Submitted;
        SubmittedBy = by;
        SubmittedAtUtc = atUtc;
        Touch(by, atUtc);
    }

    /// <summary>The supervisor approves a submitted brochure that states every checklist item.</summary>
    public void Approve(string by, DateTime atUtc)
    {
        EnsureSubmitted();
        var missing = MissingItems();
        if (missing.Count > 0)
        {
            throw AppException.Invalid("checklist." + missing[0].Key,
                $"招生简章未载明（或未注明页码）：{string.Join("、", missing.Select(m => m.Name))}，不能审核通过，请退回学校补充");
        }

        Status = BrochureStatus.Approved;
        DecidedBy = by;
        DecidedAtUtc = atUtc;
        ReturnReason = null;
        Touch(by, atUtc);
    }

    /// <summary>The supervisor returns a submitted brochure with a reason.</summary>
    public void Return(string reason, string by, DateTime atUtc)
    {
        EnsureSubmitted();
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw AppException.Invalid("reason", "退回招生简章必须填写退回原因");
        }

        Status = BrochureStatus.Returned;
        DecidedBy = by;
        DecidedAtUtc = atUtc;
        ReturnReason = reason;
        Returns++;
        Touch(by, atUtc);
    }

    private void EnsureEditable()
    {
        if (Status is not (BrochureStatus.Draft or BrochureStatus.Returned))
        {
            throw AppException.Conflict($"招生简章{Status.ToChinese()}，不能修改或重复提交");
        }
    }

    private void EnsureSubmitted()
    {
        if (Status != BrochureStatus.Submitted)
        {
            throw AppException.Conflict($"招生简章{Status.ToChinese()}，不在待审核状态");
        }
    }

    private void Touch(string by, DateTime atUtc)
    {
        UpdatedBy = by;
        UpdatedAtUtc = atUtc;
        Version++;
    }
}
