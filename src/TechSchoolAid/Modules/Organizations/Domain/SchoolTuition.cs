using TechSchoolAid.Kernel.Data;

namespace TechSchoolAid.Modules.Organizations.Domain;

/// <summary>
/// A school's approved tuition (核定学费标准, ORG-2): what the price authority approved per student per year, for the
/// school or one of its majors, from the approving document's date of validity. Entered and corrected by the school's
/// supervising authority; periods of the same school and major never overlap (the handlers refuse it). A public school's
/// tuition waiver (AID-4) is paid at this figure; a 民办 school's waiver is capped by it.
/// </summary>
public sealed class SchoolTuition : IScoped
{
    private SchoolTuition()
    {
    }

    public SchoolTuition(Guid id, int schoolId, string schoolScopePath, TuitionTerms terms, string recordedBy, DateTime recordedAtUtc)
    {
        Id = id;
        SchoolId = schoolId;
        ScopePath = schoolScopePath;
        Apply(terms, recordedBy, recordedAtUtc);
    }

    public Guid Id { get; private set; }

    public int SchoolId { get; private set; }

    /// <summary>The school's scope path: the tuition is seen by whoever sees the school.</summary>
    public string ScopePath { get; private set; } = "";

    /// <summary>The amount per student per year, in fen.</summary>
    public long AmountFen { get; private set; }

    /// <summary>The major (as named in the student records) this amount is for; null for the school's general tuition.</summary>
    public string? Major { get; private set; }

    /// <summary>The approving document's number (e.g. 粤发改价格〔2024〕12号).</summary>
    public string DocumentNumber { get; private set; } = "";

    public DateOnly DocumentDate { get; private set; }

    public DateOnly ValidFrom { get; private set; }

    public DateOnly? ValidTo { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTime RecordedAtUtc { get; private set; }

    public int Version { get; private set; }

    public TuitionTerms Terms => new(AmountFen, Major, DocumentNumber, DocumentDate, ValidFrom, ValidTo);

    public bool AppliesOn(DateOnly date) => ValidFrom <= date && (ValidTo is null || date <= ValidTo);

    /// <summary>Corrects the standard (a wrong figure or a changed period); the old terms go to the audit chain.</summary>
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
