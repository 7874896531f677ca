using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Inspections.Contracts;

namespace TechSchoolAid.Modules.Inspections.Domain;

/// <summary>
/// A rectification task (整改任务) from a finding: due in official working days, answered by the school (text and
/// files), closed by the province only once answered, or returned for rework. Overdue while unanswered after its due date.
/// </summary>
public sealed class RectificationTask : IScoped
{
    public const int MaxAnswerLength = 4000;
    public const int MaxReasonLength = 500;

    private RectificationTask()
    {
    }

    public RectificationTask(Guid id, Guid findingId, Guid visitId, int year, int schoolId, string schoolCode, string schoolName, string scopePath,
        string itemKey, string requirement, DateOnly dueOn)
    {
        Id = id;
        FindingId = findingId;
        VisitId = visitId;
        Year = year;
        SchoolId = schoolId;
        SchoolCode = schoolCode;
        SchoolName = schoolName;
        ScopePath = scopePath;
        ItemKey = itemKey;
        Requirement = requirement;
        DueOn = dueOn;
        State = RectificationState.Open;
    }

    public Guid Id { get; private set; }

    public Guid FindingId { get; private set; }

    public Guid VisitId { get; private set; }

    public int Year { get; private set; }

    public int SchoolId { get; private set; }

    public string SchoolCode { get; private set; } = "";

    public string SchoolName { get; private set; } = "";

    /// <summary>The school's path.</summary>
    public string ScopePath { get; private set; } = "";

    public string ItemKey { get; private set; } = "";

    /// <summary>What is to be put right (the finding's text).</summary>
    public string Requirement { get; private set; } = "";

    public DateOnly DueOn { get; private set; }

    public RectificationState State { get; private set; }

    public string? Answer { get; private set; }

    public string? AnsweredBy { get; private set; }

    public DateTime? AnsweredAtUtc { get; private set; }

    public DateOnly? AnsweredOn { get; private set; }

    public string? ReturnReason { get; private set; }

    public string? ClosedBy { get; private set; }

    public DateTime? ClosedAtUtc { get; private set; }

    public int Version { get; private set; }

    /// <summary>Still waiting for the school's answer after its due date.</summary>
    public bool IsOverdue(DateOnly today) => State is RectificationState.Open or RectificationState.Returned && today > DueOn;

    public void AnswerWith(string text, string by, DateTime atUtc, DateOnly today)
    {
        if (State is RectificationState.Closed)
        {
            throw AppException.Conflict("该整改任务已验收关闭");
        }

        if (State is RectificationState.Answered)
        {
            throw AppException.Conflict("整改情况已报送，正在等待省级验收");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw AppException.Invalid("answer", "请填写整改情况");
        }

        Answer = text.Trim();
        AnsweredBy = by;
        AnsweredAtUtc = atUtc;
        AnsweredOn = today;
        State = RectificationState.Answered;
        Version++;
    }

    public void Close(string by, DateTime atUtc)
    {
        if (State is RectificationState.Closed)
        {
            throw AppException.Conflict("该整改任务已验收关闭");
        }

        if (State is not RectificationState.Answered)
        {
            throw AppException.Invalid("state", "学校尚未报送整改情况，不能验收关闭");
        }

        ClosedBy = by;
        ClosedAtUtc = atUtc;
        State = RectificationState.Closed;
        Version++;
    }

    public void Return(string reason)
    {
        if (State is not RectificationState.Answered)
        {
            throw AppException.Invalid("state", "只有学校已报送的整改可以退回重做");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw AppException.Invalid("reason", "请填写退回理由");
        }

        ReturnReason = reason.Trim();
        State = RectificationState.Returned;
        Version++;
    }
}
