namespace TechSchoolAid.Modules.Aid.Policies.Domain;

/// <summary>The national range every province's tiers must lie in, and the national minimum publication period (AID-3, AID-5).</summary>
public sealed class AidNationalRange
{
    private AidNationalRange()
    {
    }

    public AidNationalRange(Guid id, long tierMinFen, long tierMaxFen, int minPublicationWorkingDays, DateOnly validFrom, DateOnly? validTo, string source)
    {
        Id = id;
        TierMinFen = tierMinFen;
        TierMaxFen = tierMaxFen;
        MinPublicationWorkingDays = minPublicationWorkingDays;
        ValidFrom = validFrom;
        ValidTo = validTo;
        Source = source;
    }

    public Guid Id { get; private set; }

    public long TierMinFen { get; private set; }

    public long TierMaxFen { get; private set; }

    public int MinPublicationWorkingDays { get; private set; }

    public DateOnly ValidFrom { get; private set; }

    public DateOnly? ValidTo { get; private set; }

    public string Source { get; private set; } = "";

    public bool AppliesTo(DateOnly date) => date >= ValidFrom && (ValidTo is null || date <= ValidTo);

    /// <summary>Replaces every number; the caller has checked them (<c>UpdateNationalRange</c>).</summary>
    internal void Apply(long tierMinFen, long tierMaxFen, int minPublicationWorkingDays, DateOnly validFrom, DateOnly? validTo, string source)
    {
        TierMinFen = tierMinFen;
        TierMaxFen = tierMaxFen;
        MinPublicationWorkingDays = minPublicationWorkingDays;
        ValidFrom = validFrom;
        ValidTo = validTo;
        Source = source.Trim();
    }
}
