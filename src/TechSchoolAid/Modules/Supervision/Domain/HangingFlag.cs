using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Supervision.Contracts;

namespace TechSchoolAid.Modules.Supervision.Domain;

/// <summary>
/// A record flagged as possibly hanging (疑似空挂学籍, STA-3), with its reason, owned by the student's school, which must
/// answer it (说明); the school's direct supervising authority accepts the answer or asks again.
/// </summary>
public sealed class HangingFlag : IScoped
{
    private HangingFlag()
    {
    }

    public HangingFlag(
        Guid id, HangingReason reason, string detail, Guid? campaignId, Guid studentId, int schoolId, string schoolCode, string scopePath,
        string studentName, string idNumberMasked, string? statusNumber, DateOnly detectedOn, string detectedBy, DateTime detectedAtUtc)
    {
        Id = id;
        Reason = reason;
        Detail = detail;
        CampaignId = campaignId;
        StudentId = studentId;
        SchoolId = schoolId;
        SchoolCode = schoolCode;
        ScopePath = scopePath;
        StudentName = studentName;
        StudentIdNumberMasked = idNumberMasked;
        StatusNumber = statusNumber;
        DetectedOn = detectedOn;
        DetectedBy = detectedBy;
        DetectedAtUtc = detectedAtUtc;
        State = HangingFlagState.Open;
    }

    public Guid Id { get; private set; }

    public HangingReason Reason { get; private set; }

    /// <summary>The reason in words, with its facts (campaign and result, last activity, expected graduation date).</summary>
    public string Detail { get; private set; } = "";

    public Guid? CampaignId { get; private set; }

    public Guid StudentId { get; private set; }

    public int SchoolId { get; private set; }

    public string SchoolCode { get; private set; } = "";

    public string ScopePath { get; private set; } = "";

    public string StudentName { get; private set; } = "";

    public string StudentIdNumberMasked { get; private set; } = "";

    public string? StatusNumber { get; private set; }

    public DateOnly DetectedOn { get; private set; }

    public string DetectedBy { get; private set; } = "";

    public DateTime DetectedAtUtc { get; private set; }

    public HangingFlagState State { get; private set; }

    public string? Answer { get; private set; }

    public string? AnsweredBy { get; private set; }

    public DateTime? AnsweredAtUtc { get; private set; }

    /// <summary>The supervisor's note: why it asked again, or a remark on acceptance; or why the flag was cleared.</summary>
    public string? ReviewNote { get; private set; }

    public string? ReviewedBy { get; private set; }

    public DateTime? ReviewedAtUtc { get; private set; }

    public int AnswerCount { get; private set; }

    public int Version { get; private set; }

    public bool IsOpen => State is HangingFlagState.Open or HangingFlagState.Answered;

    public void AnswerWith(string text, string by, DateTime atUtc)
    {
        if (State != HangingFlagState.Open)
        {
            throw AppException.Conflict($"该疑似空挂记录当前为「{State.ToChinese()}」，不需要再说明");
        }

        Answer = text;
        AnsweredBy = by;
        AnsweredAtUtc = atUtc;
        AnswerCount++;
        State = HangingFlagState.Answered;
        Version++;
    }

    public void Accept(string? note, string by, DateTime atUtc)
    {
        if (State != HangingFlagState.Answered)
        {
            throw AppException.Conflict(State == HangingFlagState.Open ? "学校尚未说明，不能认可" : $"该疑似空挂记录当前为「{State.ToChinese()}」，不能认可");
        }

        State = HangingFlagState.Accepted;
        ReviewNote = note;
        ReviewedBy = by;
        ReviewedAtUtc = atUtc;
        Version++;
    }

    public void AskAgain(string reason, string by, DateTime atUtc)
    {
        if (State != HangingFlagState.Answered)
        {
            throw AppException.Conflict(State == HangingFlagState.Open ? "学校尚未说明，无需退回" : $"该疑似空挂记录当前为「{State.ToChinese()}」，不能要求重新说明");
        }

        State = HangingFlagState.Open;
        ReviewNote = reason;
        ReviewedBy = by;
        ReviewedAtUtc = atUtc;
        Version++;
    }

    /// <summary>A campaign flag whose result was corrected (absent ↔ unreachable) before the school answered it.</summary>
    public void Restate(HangingReason reason, string detail)
    {
        if (State != HangingFlagState.Open)
        {
            return;
        }

        Reason = reason;
        Detail = detail;
        Version++;
    }

    /// <summary>A campaign flag whose result was corrected to "present" before the school answered it.</summary>
    public void Clear(string note, string by, DateTime atUtc)
    {
        if (State != HangingFlagState.Open)
        {
            return;
        }

        State = HangingFlagState.Cleared;
        ReviewNote = note;
        ReviewedBy = by;
        ReviewedAtUtc = atUtc;
        Version++;
    }
}

/// <summary>
/// The thresholds of the hanging rules as dated policy data: days without any recorded activity, and the grace period
/// after the expected graduation date (enrolment + schooling years). Administrators add a row when a notice changes them.
/// </summary>
public sealed class HangingPolicy
{
    private HangingPolicy()
    {
    }

    public HangingPolicy(int id, int noActivityDays, int graduationGraceDays, DateOnly validFrom, DateOnly? validTo, string source)
    {
        Id = id;
        NoActivityDays = noActivityDays;
        GraduationGraceDays = graduationGraceDays;
        ValidFrom = validFrom;
        ValidTo = validTo;
        Source = source;
    }

    public int Id { get; private set; }

    public int NoActivityDays { get; private set; }

    public int GraduationGraceDays { get; private set; }

    public DateOnly ValidFrom { get; private set; }

    public DateOnly? ValidTo { get; private set; }

    public string Source { get; private set; } = "";

    public bool AppliesTo(DateOnly date) => date >= ValidFrom && (ValidTo is null || date <= ValidTo);
}
