using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Organizations.Domain;

/// <summary>
/// The tuition of comparable public schools (同类型同专业公办学校学费标准) that a province — or a city, for its own area —
/// records per school kind and optionally per major: a 民办 school's tuition waiver is paid at this figure, never at its
/// own fee and never above what it charges (AID-4; 国家免学费政策对民办学校按当地同类型同专业公办学校学费标准补助).
/// The scope path is the recording authority's, so the province's rows are its own and a city's are the city's.
/// </summary>
public sealed class ComparableTuition : IScoped
{
    private ComparableTuition()
    {
    }

    public ComparableTuition(Guid id, string provinceCode, string? cityCode, string scopePath, SchoolKind kind, TuitionTerms terms, string recordedBy, DateTime recordedAtUtc)
    {
        Id = id;
        ProvinceCode = provinceCode;
        CityCode = cityCode;
        ScopePath = scopePath;
        Kind = kind;
        Apply(terms, recordedBy, recordedAtUtc);
    }

    public Guid Id { get; private set; }

    public string ProvinceCode { get; private set; } = "";

    /// <summary>The city the figure is for, when a city recorded it for its area; null for the province's figure.</summary>
    public string? CityCode { get; private set; }

    public string ScopePath { get; private set; } = "";

    public SchoolKind Kind { get; private set; }

    public long AmountFen { get; private set; }

    public string? Major { get; private set; }

    public string DocumentNumber { get; private set; } = "";

    public DateOnly DocumentDate { get; private set; }

    public DateOnly ValidFrom { get; private set; }

    public DateOnly? ValidTo { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTime RecordedAtUtc { get; private set; }

    public int Version { get; private set; }

    public TuitionTerms Terms => new(AmountFen, Major, DocumentNumber, DocumentDate, ValidFrom, ValidTo);

    public bool AppliesOn(DateOnly date) => ValidFrom <= date && (ValidTo is null || date <= ValidTo);

    public void Correct(TuitionTerms terms, string by, DateTime atUtc)
    {
        Apply(terms, by, atUtc);
        Version++;
    }

    private void Apply(TuitionTerms terms, string by, DateTime atUtc)
    {
        if (terms.AmountFen <= 0 || (terms.ValidTo is { } to && to < terms.ValidFrom))
        {
            throw new InvalidOperationException("A tuition is positive and its period does not end before it starts.");
        }

        AmountFen = terms.AmountFen;
        Major = string.IsNullOrWhiteSpace(terms.Major) ? null : terms.Major.Trim();
        DocumentNumber = terms.DocumentNumber.Trim();
        DocumentDate = terms.DocumentDate;
        ValidFrom = terms.ValidFrom;
        ValidTo = terms.ValidTo;
        RecordedBy = by;
        RecordedAtUtc = atUtc;
    }
}
