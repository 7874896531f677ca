namespace TechSchoolAid.Modules.Aid.Contracts;

/// <summary>
/// The kinds of area whose rural students (不含县城) all receive the national grant (AID-3): the national designations of
/// 财教〔2019〕25号 第三条 (and 财教〔2021〕310号), and a province's own additions.
/// </summary>
public enum DesignatedAreaKind
{
    Tibet = 1,            // 西藏
    TibetanAreas = 2,     // 四省涉藏州县（原四省藏区）
    SouthXinjiang = 3,    // 新疆南疆四地州（原南疆三地州）
    ContiguousPoverty = 4, // 集中连片特困地区（原11个片区）
    Province = 5,         // 省定地区
}

/// <summary>A designated area as entered: national (<see cref="ProvinceCode"/> empty, the ministry) or a province's own (the province).</summary>
public sealed record DesignatedAreaInput
{
    public string? ProvinceCode { get; init; }

    public string Name { get; init; } = "";

    public DesignatedAreaKind Kind { get; init; }

    public IReadOnlyList<string> CountyCodes { get; init; } = [];

    public DateOnly ValidFrom { get; init; }

    public DateOnly? ValidTo { get; init; }

    public string Source { get; init; } = "";

    /// <summary>The version the editor read (updates only; a stale version answers 409).</summary>
    public int? Version { get; init; }
}

public sealed record DesignatedAreaView(
    Guid Id,
    string? ProvinceCode,
    string Owner,
    string Name,
    DesignatedAreaKind Kind,
    string KindText,
    IReadOnlyList<string> CountyCodes,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    string Source,
    int Version,
    IReadOnlyList<string> Actions);

/// <summary>One area in force that covers a county: its name and its source, for the eligibility explanation.</summary>
public sealed record DesignatedAreaMatch(string Name, string Source, bool IsNational);

/// <summary>The designated areas in force for the schools of a province on a date (national areas and the province's own).</summary>
public interface IDesignatedAreas
{
    /// <summary>County code → the first area in force on <paramref name="date"/> that covers it.</summary>
    Task<IReadOnlyDictionary<string, DesignatedAreaMatch>> CountiesInForceAsync(string provinceCode, DateOnly date, CancellationToken ct = default);
}

public static class DesignatedAreaText
{
    public static string ToChinese(this DesignatedAreaKind k) => k switch
    {
        DesignatedAreaKind.Tibet => "西藏",
        DesignatedAreaKind.TibetanAreas => "四省涉藏州县",
        DesignatedAreaKind.SouthXinjiang => "新疆南疆四地州",
        DesignatedAreaKind.ContiguousPoverty => "集中连片特困地区",
        _ => "省定地区",
    };
}
