using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.PublicSite.Contracts;

namespace TechSchoolAid.Modules.PublicSite.Domain;

/// <summary>
/// A consultation or complaint from the public (PUB-1). It lives in the scope of the organisation it is routed to (the
/// school it is about, else the province), so that organisation and every level above it see it. When it is not answered
/// by its deadline (working days, <see cref="ComplaintDeadline"/>), the scheduled escalation puts it on the desk of the
/// level above (<see cref="EscalatedToPath"/>: school → its supervising authority → province → ministry) with a new
/// deadline; the routed organisation can still answer it. The complainant's name and phone are encrypted; staff see them
/// masked; the public sees the status and the answer, never anything personal.
/// </summary>
public sealed class Complaint : IScoped
{
    public const int MaxTextLength = 2_000;
    public const int MaxAnswerLength = 2_000;

    private Complaint()
    {
    }

    public Complaint(Guid id, string trackingNumber, ComplaintKind kind, string provinceCode, string provinceName, string? schoolCode, string? schoolName,
        string routedToCode, string routedToName, string scopePath, string text, byte[]? nameCipher, string? nameMasked, byte[] phoneCipher,
        string phoneMasked, string lookupKey, string contentKey, DateOnly filedOn, DateTime filedAtUtc, DateOnly dueOn, int answerWorkingDays)
    {
        Id = id;
        TrackingNumber = trackingNumber;
        Kind = kind;
        ProvinceCode = provinceCode;
        ProvinceName = provinceName;
        SchoolCode = schoolCode;
        SchoolName = schoolName;
        RoutedToCode = routedToCode;
        RoutedToName = routedToName;
        ScopePath = scopePath;
        Text = text;
        NameCipher = nameCipher;
        NameMasked = nameMasked;
        PhoneCipher = phoneCipher;
        PhoneMasked = phoneMasked;
        LookupKey = lookupKey;
        ContentKey = contentKey;
        FiledOn = filedOn;
        FiledAtUtc = filedAtUtc;
        DueOn = dueOn;
        FirstDueOn = dueOn;
        AnswerWorkingDays = answerWorkingDays;
        Status = ComplaintStatus.Open;
    }

    public Guid Id { get; private set; }

    /// <summary>The number the public follows it with (TS-2026-XXXX-XXXX, random, unambiguous alphabet).</summary>
    public string TrackingNumber { get; private set; } = "";

    public ComplaintKind Kind { get; private set; }

    public string ProvinceCode { get; private set; } = "";

    public string ProvinceName { get; private set; } = "";

    /// <summary>The school it is about, or null when it is about the province's aid work.</summary>
    public string? SchoolCode { get; private set; }

    public string? SchoolName { get; private set; }

    /// <summary>The organisation it is routed to (the school, else the province; another after a transfer).</summary>
    public string RoutedToCode { get; private set; } = "";

    public string RoutedToName { get; private set; } = "";

    /// <summary>The routed organisation's path.</summary>
    public string ScopePath { get; private set; } = "";

    /// <summary>What the person wrote, stored as text (shown escaped everywhere).</summary>
    public string Text { get; private set; } = "";

    public byte[]? NameCipher { get; private set; }

    public string? NameMasked { get; private set; }

    public byte[] PhoneCipher { get; private set; } = [];

    /// <summary>The phone as staff see it (138****5678).</summary>
    public string PhoneMasked { get; private set; } = "";

    /// <summary>Keyed hash of the tracking number with the phone's last four digits: the follow-up compares it in constant time.</summary>
    public string LookupKey { get; private set; } = "";

    /// <summary>Keyed hash of kind, subject, phone and text: the same complaint sent again within a day is refused.</summary>
    public string ContentKey { get; private set; } = "";

    public DateOnly FiledOn { get; private set; }

    public DateTime FiledAtUtc { get; private set; }

    /// <summary>The deadline of whoever has it now (the routed organisation's, or after escalation the level above's).</summary>
    public DateOnly DueOn { get; private set; }

    /// <summary>The routed organisation's own deadline: "answered on time" is measured against it.</summary>
    public DateOnly FirstDueOn { get; private set; }

    /// <summary>The working days the deadline was set with (policy data in force on the filing day).</summary>
    public int AnswerWorkingDays { get; private set; }

    public ComplaintStatus Status { get; private set; }

    /// <summary>How many times it was escalated (0: never).</summary>
    public int EscalationLevel { get; private set; }

    /// <summary>The level it was escalated to (its path), or null.</summary>
    public string? EscalatedToPath { get; private set; }

    public string? EscalatedToName { get; private set; }

    public DateOnly? EscalatedOn { get; private set; }

    public string? Answer { get; private set; }

    /// <summary>Whether the complaint was found justified (投诉属实); null for a consultation or before the answer.</summary>
    public bool? Upheld { get; private set; }

    public DateOnly? AnsweredOn { get; private set; }

    public string? AnsweredBy { get; private set; }

    public string? AnsweredByName { get; private set; }

    public int TransferCount { get; private set; }

    public int Version { get; private set; }

    /// <summary>Open past the routed organisation's own deadline (what the public and the statistics call 逾期).</summary>
    public bool IsOverdue(DateOnly today) => Status == ComplaintStatus.Open && today > FirstDueOn;

    /// <summary>Open past the deadline of whoever has it now: the next escalation is due.</summary>
    public bool NeedsEscalation(DateOnly today) => Status == ComplaintStatus.Open && today > DueOn;

    public bool AnsweredOnTime => AnsweredOn is { } on && on <= FirstDueOn;

    /// <summary>Refuses (409) when the caller edited an older version.</summary>
    public void EnsureVersion(int? expected)
    {
        if (expected is { } v && v != Version)
        {
            throw AppException.Conflict("该咨询投诉已被他人处理，请刷新后重试");
        }
    }

    /// <summary>The answer the public sees; once.</summary>
    public void AnswerWith(string answer, bool? upheld, string by, string byName, DateOnly today)
    {
        if (Status == ComplaintStatus.Answered)
        {
            throw AppException.Conflict($"该咨询投诉已于 {ChinaTime.Iso(AnsweredOn!.Value)} 答复，不能重复答复");
        }

        Answer = answer;
        Upheld = Kind == ComplaintKind.Complaint ? upheld : null;
        AnsweredOn = today;
        AnsweredBy = by;
        AnsweredByName = byName;
        Status = ComplaintStatus.Answered;
        Version++;
    }

    /// <summary>Passes it to another organisation; the deadline stays (the public's wait does not restart).</summary>
    public void TransferTo(string code, string name, string scopePath, string? schoolCode, string? schoolName)
    {
        if (Status == ComplaintStatus.Answered)
        {
            throw AppException.Conflict("该咨询投诉已答复，不能再转办");
        }

        if (string.Equals(scopePath, ScopePath, StringComparison.Ordinal))
        {
            throw AppException.Invalid("toOrganizationCode", "转办对象不能是当前承办单位");
        }

        RoutedToCode = code;
        RoutedToName = name;
        ScopePath = scopePath;
        if (schoolCode is not null)
        {
            SchoolCode = schoolCode;
            SchoolName = schoolName;
        }

        // An escalation that is no longer above the new handler no longer applies.
        if (EscalatedToPath is { } up && !scopePath.StartsWith(up, StringComparison.Ordinal))
        {
            EscalatedToPath = null;
            EscalatedToName = null;
        }

        TransferCount++;
        Version++;
    }

    /// <summary>
    /// Puts an overdue complaint on the desk of the level above the one that has it now, with a new deadline. Returns
    /// false (nothing changes) when it is not overdue or already at the ministry: running twice the same day is harmless.
    /// </summary>
    public bool EscalateTo(string parentPath, string parentName, DateOnly today, DateOnly newDueOn)
    {
        if (!NeedsEscalation(today) || (EscalatedToPath ?? ScopePath) == "/")
        {
            return false;
        }

        EscalatedToPath = parentPath;
        EscalatedToName = parentName;
        EscalatedOn = today;
        EscalationLevel++;
        DueOn = newDueOn;
        Version++;
        return true;
    }

    /// <summary>The path of whoever has it now.</summary>
    public string CurrentPath => EscalatedToPath ?? ScopePath;
}
