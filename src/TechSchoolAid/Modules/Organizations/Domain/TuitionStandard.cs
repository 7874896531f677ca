namespace TechSchoolAid.Modules.Organizations.Domain;

/// <summary>
/// What a tuition standard says, as its approving document states it: an amount per student per year (fen), optionally
/// for one major only, the document's number and date, and the period it is valid for (to open-ended when absent).
/// Shared by a school's approved tuition and the comparable public tuition; the handlers check the values first.
/// </summary>
public sealed record TuitionTerms(long AmountFen, string? Major, string DocumentNumber, DateOnly DocumentDate, DateOnly ValidFrom, DateOnly? ValidTo)
{
    /// <summary>Whether this period and the period from <paramref name="from"/> to <paramref name="to"/> (open-ended when null) share a day.</summary>
    public bool Overlaps(DateOnly from, DateOnly? to) =>
        ValidFrom <= (to ?? DateOnly.MaxValue) && from <= (ValidTo ?? DateOnly.MaxValue);
}
