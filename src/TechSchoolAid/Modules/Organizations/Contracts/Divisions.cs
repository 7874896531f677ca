using System.Collections.Frozen;
using System.Reflection;

namespace TechSchoolAid.Modules.Organizations.Contracts;

public sealed record DivisionInfo(string Code, string Name, string? ParentCode);

/// <summary>
/// GB/T 2260 divisions shipped with the product (ReferenceData/, National Bureau of Statistics 2023 codes, see README),
/// plus 新疆生产建设兵团 as provincial unit 66: it has no GB/T 2260 code, and HR and education systems commonly use 66.
/// </summary>
public static class Divisions
{
    public const string CorpsCode = "66";
    public const string CorpsName = "新疆生产建设兵团";

    private static readonly Lazy<Data> Loaded = new(Load);

    public static IReadOnlyList<DivisionInfo> Provinces => Loaded.Value.Provinces;

    public static IReadOnlyList<DivisionInfo> Cities => Loaded.Value.Cities;

    /// <summary>The 31 GB/T 2260 province codes: the valid first two digits of a resident ID number (66 is not one).</summary>
    public static IReadOnlySet<string> IdProvinceCodes => Loaded.Value.IdProvinceCodes;

    public static bool IsCounty(string code) => Loaded.Value.Counties.ContainsKey(code);

    public static string? CountyName(string code) => Loaded.Value.Counties.TryGetValue(code, out var c) ? c.Name : null;

    public static string? ProvinceName(string code) => Loaded.Value.Provinces.FirstOrDefault(p => p.Code == code)?.Name;

    public static IEnumerable<DivisionInfo> CountiesOfProvince(string provinceCode) =>
        Loaded.Value.Counties.Values.Where(c => c.Code.StartsWith(provinceCode, StringComparison.Ordinal));

    public static IEnumerable<string> ReadResourceLines(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"ReferenceData.{name}")
            ?? throw new InvalidOperationException($"Reference data {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        reader.ReadLine(); // header
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                yield return line;
            }
        }
    }

    private static Data Load()
    {
        static string[] Split(string line) => line.Split(',').Select(f => f.Trim().Trim('"')).ToArray();

        var provinces = ReadResourceLines("provinces.csv").Select(Split).Select(f => new DivisionInfo(f[0], f[1], null)).ToList();
        var idCodes = provinces.Select(p => p.Code).ToFrozenSet();
        provinces.Add(new DivisionInfo(CorpsCode, CorpsName, null));
        var cities = ReadResourceLines("cities.csv").Select(Split).Select(f => new DivisionInfo(f[0], f[1], f[2])).ToList();
        var counties = ReadResourceLines("counties.csv").Select(Split).Select(f => new DivisionInfo(f[0], f[1], f[2])).ToFrozenDictionary(c => c.Code);
        return new Data(provinces, cities, counties, idCodes);
    }

    private sealed record Data(
        List<DivisionInfo> Provinces,
        List<DivisionInfo> Cities,
        FrozenDictionary<string, DivisionInfo> Counties,
        FrozenSet<string> IdProvinceCodes);
}
