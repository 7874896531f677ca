using TechSchoolAid.Modules.Standards.Contracts;

namespace TechSchoolAid.Modules.Standards.Domain;

/// <summary>
/// The province's standards policy from a date on (INS-2, PUB-2): how many months a staff member's training counts
/// (the inspection asks that every current staff member was trained within it) and which intake the brochures are
/// checked for, with the document it comes from. Dated rows: the row in force on a day is the latest that starts on or
/// before it. Public reference data, read by the province's schools: not scoped, written only by the province's
/// administrator (the handler demands the rule on the province's path).
/// </summary>
public sealed class StandardsPolicy
{
    private StandardsPolicy()
    {
    }

    public StandardsPolicy(Guid id, string provinceCode, string provinceScopePath, DateOnly validFrom, int trainingValidityMonths, int intakeYear,
        IntakeSeason intakeSeason, string source, string by, DateTime atUtc)
    {
        Id = id;
        ProvinceCode = provinceCode;
        ProvinceScopePath = provinceScopePath;
        ValidFrom = validFrom;
        TrainingValidityMonths = trainingValidityMonths;
        IntakeYear = intakeYear;
        IntakeSeason = intakeSeason;
        Source = source;
        RecordedBy = by;
        RecordedAtUtc = atUtc;
    }

    public const int MaxValidityMonths = 60;

    public Guid Id { get; private set; }

    public string ProvinceCode { get; private set; } = "";

    public string ProvinceScopePath { get; private set; } = "";

    public DateOnly ValidFrom { get; private set; }

    public int TrainingValidityMonths { get; private set; }

    public int IntakeYear { get; private set; }

    public IntakeSeason IntakeSeason { get; private set; }

    /// <summary>The document the figures come from (文件名称及文号).</summary>
    public string Source { get; private set; } = "";

    public string RecordedBy { get; private set; } = "";

    public DateTime RecordedAtUtc { get; private set; }

    /// <summary>The earliest completion date that still counts on <paramref name="asOf"/>.</summary>
    public DateOnly TrainedSince(DateOnly asOf) => asOf.AddMonths(-TrainingValidityMonths);
}
