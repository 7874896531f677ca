using TechSchoolAid.Modules.PublicSite.Contracts;

namespace TechSchoolAid.Modules.PublicSite.Domain;

/// <summary>
/// How many working days the routed organisation has to answer a consultation or a complaint (PUB-1): national policy
/// data, dated, with its source, set by the ministry. The row in force on the filing day applies.
/// </summary>
public sealed class ComplaintDeadline
{
    private ComplaintDeadline()
    {
    }

    public ComplaintDeadline(Guid id, ComplaintKind kind, int answerWorkingDays, DateOnly validFrom, string source, string by, DateTime atUtc)
    {
        Id = id;
        Kind = kind;
        AnswerWorkingDays = answerWorkingDays;
        ValidFrom = validFrom;
        Source = source;
        RecordedBy = by;
        RecordedAtUtc = atUtc;
    }

    public const int MaxWorkingDays = 60;

    public Guid Id { get; private set; }

    public ComplaintKind Kind { get; private set; }

    public int AnswerWorkingDays { get; private set; }

    public DateOnly ValidFrom { get; private set; }

    public string Source { get; private set; } = "";

    public string RecordedBy { get; private set; } = "";

    public DateTime RecordedAtUtc { get; private set; }

    public int Version { get; private set; }
}
