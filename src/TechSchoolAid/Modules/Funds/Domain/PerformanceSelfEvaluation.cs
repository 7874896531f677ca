using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;

namespace TechSchoolAid.Modules.Funds.Domain;

/// <summary>A province's self-evaluation of a fiscal year (绩效自评, FND-3): a score of 0–100 and its notes. One per province and year, revisable.</summary>
public sealed class PerformanceSelfEvaluation : IScoped
{
    public const int MaxNotesLength = 2000;

    private PerformanceSelfEvaluation()
    {
    }

    public PerformanceSelfEvaluation(Guid id, int organizationId, string scopePath, int fiscalYear)
    {
        Id = id;
        OrganizationId = organizationId;
        ScopePath = scopePath;
        FiscalYear = fiscalYear;
    }

    public Guid Id { get; private set; }

    public int OrganizationId { get; private set; }

    public string ScopePath { get; private set; } = "";

    public int FiscalYear { get; private set; }

    public int Score { get; private set; }

    public string Notes { get; private set; } = "";

    public string RecordedBy { get; private set; } = "";

    public DateTime RecordedAtUtc { get; private set; }

    public int Version { get; private set; }

    public void Record(int score, string notes, string by, DateTime atUtc)
    {
        if (score is < 0 or > 100)
        {
            throw AppException.Invalid("score", "自评得分应在 0 至 100 分之间");
        }

        if (string.IsNullOrWhiteSpace(notes))
        {
            throw AppException.Invalid("notes", "请填写自评说明");
        }

        if (notes.Length > MaxNotesLength)
        {
            throw AppException.Invalid("notes", $"自评说明不能超过 {MaxNotesLength} 字");
        }

        Score = score;
        Notes = notes.Trim();
        RecordedBy = by;
        RecordedAtUtc = atUtc;
        Version++;
    }
}
