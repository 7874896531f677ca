using TechSchoolAid.Modules.Aid.Contracts;

namespace TechSchoolAid.Modules.Aid.Policies.Domain;

/// <summary>
/// An area where every rural student (农村学生，不含县城) receives the national grant (AID-3; 财教〔2019〕25号 第三条,
/// 财教〔2021〕310号), valid over a period and citing its source. <see cref="ProvinceCode"/> null: a national designation
/// (the ministry maintains it); otherwise a province's own addition, applied to that province's schools.
/// </summary>
public sealed class DesignatedArea
{
    private DesignatedArea()
    {
    }

    internal DesignatedArea(Guid id, string? provinceCode, DesignatedAreaInput input)
    {
        Id = id;
        ProvinceCode = provinceCode;
        Apply(input);
    }

    public Guid Id { get; private set; }

    public string? ProvinceCode { get; private set; }

    /// <summary>"/" for a national area, "/44/" for a province's own.</summary>
    public string ScopePath { get; private set; } = "/";

    public string Name { get; private set; } = "";

    public DesignatedAreaKind Kind { get; private set; }

    /// <summary>Six-digit county codes, comma-separated, sorted.</summary>
    public string CountyCodes { get; private set; } = "";

    public DateOnly ValidFrom { get; private set; }

    public DateOnly? ValidTo { get; private set; }

    public string Source { get; private set; } = "";

    public int Version { get; private set; }

    public IReadOnlyList<string> Counties => CountyCodes.Length == 0 ? [] : CountyCodes.Split(',');

    public bool AppliesTo(DateOnly date) => date >= ValidFrom && (ValidTo is null || date <= ValidTo);

    internal static DesignatedArea Seed(Guid id, DesignatedAreaInput input)
    {
        var area = new DesignatedArea(id, null, input);
        area.Version = 1;
        return area;
    }

    internal void Apply(DesignatedAreaInput input)
    {
        ScopePath = ProvinceCode is null ? "/" : $"/{ProvinceCode}/";
        Name = input.Name.Trim();
        Kind = input.Kind;
        CountyCodes = string.Join(',', input.CountyCodes.Select(c => c.Trim()).Distinct().Order(StringComparer.Ordinal));
        ValidFrom = input.ValidFrom;
        ValidTo = input.ValidTo;
        Source = input.Source.Trim();
        Version++;
    }
}
