using TechSchoolAid.Modules.Aid.Policies.Contracts;

namespace TechSchoolAid.Modules.Aid.Policies.Domain;

/// <summary>The central government's share of a province's grant and waiver money (AID-7), valid over a period.</summary>
public sealed class AidCentralShare
{
    /// <summary>The five province groups of 国办发〔2018〕6号.</summary>
    public static IReadOnlyList<int> AllowedPercents => AidCentralShareGroups.Percents;

    private AidCentralShare()
    {
    }

    internal AidCentralShare(Guid id, string provinceCode, int sharePercent, DateOnly validFrom, DateOnly? validTo, string source)
    {
        Id = id;
        ProvinceCode = provinceCode;
        Apply(sharePercent, validFrom, validTo, source);
    }

    public Guid Id { get; private set; }

    public string ProvinceCode { get; private set; } = "";

    public int SharePercent { get; private set; }

    public DateOnly ValidFrom { get; private set; }

    public DateOnly? ValidTo { get; private set; }

    public string Source { get; private set; } = "";

    public bool AppliesTo(DateOnly date) => date >= ValidFrom && (ValidTo is null || date <= ValidTo);

    internal void Apply(int sharePercent, DateOnly validFrom, DateOnly? validTo, string source)
    {
        SharePercent = sharePercent;
        ValidFrom = validFrom;
        ValidTo = validTo;
        Source = source.Trim();
    }
}
