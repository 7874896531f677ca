using System.Globalization;
using System.Text;

namespace TechSchoolAid.Seeding.National;

/// <summary>What to generate. Scale 1 is the country: about 2,600 schools and 5,000,000 students.</summary>
public sealed record NationalDataOptions
{
    public const int FullSchools = 2_600;
    public const int FullStudents = 5_000_000;

    public int Seed { get; init; } = 20_260_901;

    public double Scale { get; init; } = 1.0;

    /// <summary>Overrides the scaled student count (tests use a few thousand).</summary>
    public int? Students { get; init; }

    /// <summary>Overrides the scaled school count; never fewer than one school per provincial unit.</summary>
    public int? Schools { get; init; }

    /// <summary>
    /// The day the data set describes: intakes, grades and enrolment dates are counted back from it. Fixed by default so
    /// that the output does not depend on the day it is generated.
    /// </summary>
    public DateOnly AsOf { get; init; } = new(2026, 9, 30);

    public int SchoolCount => Math.Max(32, Schools ?? (int)Math.Round(FullSchools * Scale, MidpointRounding.AwayFromZero));

    public int StudentCount => Math.Max(0, Students ?? (int)Math.Round(FullStudents * Scale, MidpointRounding.AwayFromZero));
}

/// <summary>One generated school: the row of schools.csv and what the student generator needs to know of it.</summary>
public sealed record GeneratedSchool(
    int Index,
    string Code,
    string Name,
    string ProvinceCode,
    string CityCode,
    string Kind,
    string Ownership,
    string ManagedBy,
    string Address,
    string Principal,
    string AidOfficeContact,
    string AidOfficePhone,
    int Students)
{
    /// <summary>The province whose counties the students come from (兵团 students hold 新疆 ID numbers).</summary>
    public string IdProvinceCode => ProvinceCode == "66" ? "65" : ProvinceCode;

    /// <summary>Where this school's student file goes, relative to the output directory.</summary>
    public string StudentFile => $"students/{ProvinceCode}/{Code}.csv";
}

/// <summary>
/// Everything a part of the national data set can use: the options, the output directory and the schools. Parts run in
/// order; each adds its files to <see cref="Files"/>, which becomes manifest.json.
/// </summary>
public sealed class NationalDataContext(NationalDataOptions options, string outputDirectory, IProgress<GenerationProgress>? progress)
{
    public NationalDataOptions Options { get; } = options;

    public string OutputDirectory { get; } = outputDirectory;

    public IProgress<GenerationProgress>? Progress { get; } = progress;

    public IReadOnlyList<GeneratedSchool> Schools { get; set; } = [];

    public SortedDictionary<string, long> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Counts reported in the manifest (schools, students, and whatever later parts add).</summary>
    public SortedDictionary<string, long> Counts { get; } = new(StringComparer.Ordinal);

    public string PathOf(string relative) => Path.Combine(OutputDirectory, relative.Replace('/', Path.DirectorySeparatorChar));
}

public sealed record GenerationProgress(string Part, long Done, long Total);

/// <summary>
/// One part of the national data set. The extension point for what comes later (docs/national-data.md): the approved aid
/// of one semester (built from <see cref="NationalStudents.Generate"/>, which re-derives every student of a school
/// from the seed without reading the files) and the other ministry's list with its planted overlap.
/// </summary>
public interface INationalDataPart
{
    string Name { get; }

    Task WriteAsync(NationalDataContext context, CancellationToken ct);
}

/// <summary>`tsa generate national`: runs the parts in order and writes manifest.json. Same options → same bytes.</summary>
public static class NationalDataGenerator
{
    public static IReadOnlyList<INationalDataPart> DefaultParts => [new SchoolsPart(), new StudentsPart()];

    public static async Task<NationalDataContext> GenerateAsync(
        NationalDataOptions options,
        string outputDirectory,
        IProgress<GenerationProgress>? progress,
        CancellationToken ct,
        IReadOnlyList<INationalDataPart>? parts = null)
    {
        Directory.CreateDirectory(outputDirectory);
        var context = new NationalDataContext(options, outputDirectory, progress);
        foreach (var part in parts ?? DefaultParts)
        {
            await part.WriteAsync(context, ct);
        }

        var manifest = new StringBuilder();
        manifest.Append("{\n  \"format\": \"techschoolaid-national/1\",\n");
        manifest.Append(CultureInfo.InvariantCulture, $"  \"seed\": {options.Seed},\n  \"scale\": {options.Scale.ToString("R", CultureInfo.InvariantCulture)},\n");
        manifest.Append(CultureInfo.InvariantCulture, $"  \"asOf\": \"{options.AsOf:yyyy-MM-dd}\",\n  \"counts\": {{");
        manifest.AppendJoin(",", context.Counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"\n    \"{c.Key}\": {c.Value}")));
        manifest.Append("\n  },\n  \"files\": {");
        manifest.AppendJoin(",", context.Files.Select(f => string.Create(CultureInfo.InvariantCulture, $"\n    \"{f.Key}\": {f.Value}")));
        manifest.Append("\n  }\n}\n");
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "manifest.json"), manifest.ToString(), new UTF8Encoding(false), ct);
        return context;
    }
}

/// <summary>
/// A small, fixed pseudo-random generator (SplitMix64). Written out here rather than System.Random so that the data set
/// stays byte-identical across .NET versions.
/// </summary>
public sealed class SeededRandom(ulong seed)
{
    private ulong _state = seed;

    public static SeededRandom For(int seed, string stream)
    {
        // FNV-1a of the stream name mixed with the seed: independent, reproducible streams per province and school.
        var h = 14695981039346656037UL;
        foreach (var ch in stream)
        {
            h = (h ^ ch) * 1099511628211UL;
        }

        return new SeededRandom(h ^ ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL));
    }

    public ulong NextULong()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>0 ≤ result &lt; max.</summary>
    public int Next(int max) => max <= 1 ? 0 : (int)(NextULong() % (ulong)max);

    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double p) => NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Picks by weight; <paramref name="cumulative"/> holds running totals.</summary>
    public int PickWeighted(IReadOnlyList<double> cumulative)
    {
        var x = NextDouble() * cumulative[^1];
        var lo = 0;
        var hi = cumulative.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (cumulative[mid] > x)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }

    public static double[] Cumulative(IEnumerable<double> weights)
    {
        var sum = 0.0;
        return weights.Select(w => sum += w).ToArray();
    }
}

/// <summary>CSV as the screen import reads it: UTF-8 with BOM (so Excel opens it), quoted only where needed.</summary>
public static class CsvText
{
    public static readonly UTF8Encoding Utf8Bom = new(encoderShouldEmitUTF8Identifier: true);

    public static void AppendRow(StringBuilder sb, IEnumerable<string?> fields)
    {
        var first = true;
        foreach (var f in fields)
        {
            if (!first)
            {
                sb.Append(',');
            }

            first = false;
            if (f is null)
            {
                continue;
            }

            if (f.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                sb.Append('"').Append(f.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                sb.Append(f);
            }
        }

        sb.Append('\n');
    }
}
