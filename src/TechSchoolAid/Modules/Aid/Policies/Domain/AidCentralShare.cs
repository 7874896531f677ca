using TechSchoolAid.Modules.Aid.Policies.Contracts;

namespace TechSchoolAid.Modules.Aid.Policies.Domain;

/// <summary>
/// The central government's share of a province's grant and waiver money (AID-7), valid over a period; with
/// <see cref="CityCode"/>, the share of a 计划单列市 of its own (国办发〔2018〕6号 puts 大连、宁波、厦门、青岛、深圳 in the
/// fourth group, whatever their province's group).
/// </summary>
public sealed class AidCentralShare
{
    /// <summary>The five province groups of 国办发〔2018〕6号.</summary>
    public static IReadOnlyList<int> AllowedPercents => AidCentralShareGroups.Percents;

    private AidCentralShare()
    {
    }

    internal AidCentralShare(Guid id, string provinceCode, string? cityCode, int sharePercent, DateOnly validFrom, DateOnly? validTo, string source)
    {
        Id = id;
        ProvinceCode = provinceCode;
        CityCode = string.IsNullOrWhiteSpace(cityCode) ? null : cityCode.Trim();
        Apply(sharePercent, validFrom, validTo, source);
    }

    public Guid Id { get; private set; }

    public string ProvinceCode { get; private set; } = "";

    /// <summary>A 计划单列市's code (4 digits) for its own share; null for the province's share.</summary>
    public string? CityCode { get; private set; }

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
