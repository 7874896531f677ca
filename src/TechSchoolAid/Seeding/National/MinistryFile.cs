using System.Globalization;
using System.Text;
using TechSchoolAid.Kernel.Identity;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Seeding.National;

/// <summary>What `tsa generate ministry-file` writes. Rows default to 13,000,000 × scale (the ministry's national list).</summary>
public sealed record MinistryFileOptions
{
    public required NationalDataOptions National { get; init; }

    public required AidTerm Term { get; init; }

    public required string Month { get; init; }

    public long? Rows { get; init; }

    /// <summary>Planted matches; default 0.5 % of the students (at least 10).</summary>
    public int? Overlap { get; init; }

    /// <summary>Malformed rows; default 3 per million rows, at least 6 (two of each kind).</summary>
    public int? Malformed { get; init; }

    public bool Gbk { get; init; }

    public long RowCount => Rows ?? Math.Max(1, (long)Math.Round(13_000_000 * National.Scale, MidpointRounding.AwayFromZero));
}

/// <summary>The counts written next to the file (FILE.expected.json): what a correct cross-check must report.</summary>
public sealed record MinistryFileExpected(
    string Month, string Term, int Seed, double Scale, string Encoding, long Rows, long ExpectedMatches, long Malformed, long NearMisses,
    long Legacy15, long FullWidth, long LowerX, long Spaced, long ApprovedGrants, long ApprovedWaivers)
{
    public string ToJson() => string.Create(CultureInfo.InvariantCulture, $$"""
        {
          "format": "techschoolaid-ministry-file/1",
          "month": "{{Month}}",
          "term": "{{Term}}",
          "seed": {{Seed}},
          "scale": {{Scale.ToString("R", CultureInfo.InvariantCulture)}},
          "encoding": "{{Encoding}}",
          "rows": {{Rows}},
          "expectedMatches": {{ExpectedMatches}},
          "malformed": {{Malformed}},
          "valid": {{Rows - Malformed}},
          "nearMisses": {{NearMisses}},
          "legacy15": {{Legacy15}},
          "fullWidth": {{FullWidth}},
          "lowerX": {{LowerX}},
          "spaced": {{Spaced}},
          "approvedGrants": {{ApprovedGrants}},
          "approvedWaivers": {{ApprovedWaivers}},
          "notes": "expectedMatches = planted rows (national students with an approved line of that item and term, regenerated from the seed, NationalAidRules); other valid rows are born 1996-2001 (no national student is born before 2002) or name a planted person under the term before (nearMisses)"
        }

        """);
}

/// <summary>
/// The ministry of education's monthly list for the national data set, in the exchange format
/// (docs/crosscheck-exchange-format.md): a known planted overlap — national students re-derived from the seed
/// (<see cref="NationalStudents.Generate"/>, never read back from the database) who have an approved line of that item
/// and term by <see cref="NationalAidRules"/> — and everything else a real file brings: lower-case x, full-width digits,
/// spaces, 15-digit legacy numbers, optional GBK, a few malformed rows (bad check digit, wrong length, unknown item), and
/// planted persons under the term before (near misses that must not match). The other rows are valid numbers of real
/// counties with birth years 1996–2001: the student generator's youngest intake (6 school years back) at the oldest entry
/// age (19) is born in 2002, so these can never be national students. Same options → same bytes.
/// </summary>
public static class MinistryFileGenerator
{
    private const int ChunkRows = 100_000;

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐"];

    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "浩", "宇", "轩", "欣", "怡", "晨", "博", "佳"];

    private sealed record Planted(ulong Score, string IdNumber, string Name, AidItem Item, string ProvinceCode);

    public static async Task<MinistryFileExpected> WriteAsync(MinistryFileOptions options, string path, IProgress<GenerationProgress>? progress, CancellationToken ct)
    {
        var seed = options.National.Seed;
        var term = options.Term;
        var policy = NationalAidRules.DefaultPolicy(term);
        var schools = SchoolsPart.Plan(options.National);
        var groups = NationalStudents.Groups(schools);
        var rows = options.RowCount;

        // 1. Every approved line of the term, re-derived from the seed; a random score per line picks the planted ones.
        long grants = 0, waivers = 0, done = 0;
        var total = schools.Sum(s => (long)s.Students);
        var overlap = options.Overlap ?? Math.Max(10, options.National.StudentCount / 200);
        var keep = overlap + Math.Max(1, overlap / 10) + 1;
        var perGroup = new List<Planted>[groups.Count];
        Parallel.For(0, groups.Count, new ParallelOptions { CancellationToken = ct }, g =>
        {
            var heap = new PriorityQueue<Planted, ulong>(Comparer<ulong>.Create((a, b) => b.CompareTo(a)));
            long lg = 0, lw = 0;
            foreach (var (school, students) in NationalStudents.Generate(options.National, groups[g]))
            {
                foreach (var s in students)
                {
                    var (grant, waiver) = NationalAidRules.Decide(s, term, policy);
                    lg += grant ? 1 : 0;
                    lw += waiver ? 1 : 0;
                    foreach (var item in (ReadOnlySpan<(bool On, AidItem Item)>)[(grant, AidItem.Grant), (waiver, AidItem.Waiver)])
                    {
                        if (!item.On)
                        {
                            continue;
                        }

                        var score = SeededRandom.For(seed, "moe-pick:" + s.IdNumber + (int)item.Item).NextULong();
                        if (heap.Count < keep || score < PeekScore(heap))
                        {
                            heap.Enqueue(new Planted(score, s.IdNumber, s.Name, item.Item, school.ProvinceCode), score);
                            if (heap.Count > keep)
                            {
                                heap.Dequeue();
                            }
                        }
                    }
                }

                progress?.Report(new GenerationProgress("ministry-pick", Interlocked.Add(ref done, students.Count), total));
            }

            Interlocked.Add(ref grants, lg);
            Interlocked.Add(ref waivers, lw);
            var list = new List<Planted>(heap.Count);
            while (heap.Count > 0)
            {
                list.Add(heap.Dequeue());
            }

            perGroup[g] = list;
        });

        var ranked = perGroup.SelectMany(l => l).OrderBy(p => p.Score).ThenBy(p => p.IdNumber, StringComparer.Ordinal).ThenBy(p => p.Item).ToList();
        if (ranked.Count < overlap)
        {
            throw new InvalidOperationException($"Only {ranked.Count} approved lines in {term}: cannot plant {overlap}.");
        }

        var planted = ranked.Take(overlap).ToList();
        var nearMiss = ranked.Skip(overlap).Take(Math.Min(ranked.Count - overlap, Math.Max(1, overlap / 10))).ToList();
        var malformed = options.Malformed ?? (int)Math.Max(6, rows * 3 / 1_000_000);
        var filler = rows - planted.Count - nearMiss.Count - malformed;
        if (filler < 0)
        {
            throw new InvalidOperationException($"--rows {rows} is smaller than the planted ({planted.Count}), near-miss ({nearMiss.Count}) and malformed ({malformed}) rows.");
        }

        // 2. The rows, in chunks generated in parallel and written in order; each chunk has its own random stream and a
        // fixed share of the planted, near-miss and malformed rows, so the output never depends on threads.
        var counties = Divisions.Provinces.SelectMany(p => Divisions.CountiesOfProvince(p.Code)).Select(c => c.Code).Order(StringComparer.Ordinal).ToArray();
        var chunks = (int)Math.Max(1, (rows + ChunkRows - 1) / ChunkRows);
        var encoding = options.Gbk ? GbkEncoding() : new UTF8Encoding(false);
        var stats = new long[4]; // legacy15, fullWidth, lowerX, spaced
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        await using (var writer = new StreamWriter(file, encoding, 1 << 20))
        {
            await writer.WriteAsync("证件号码,姓名,资助项目,学年,学期,学校名称\n");
            var window = Math.Max(2, Environment.ProcessorCount * 2);
            for (var first = 0; first < chunks; first += window)
            {
                var count = Math.Min(window, chunks - first);
                var texts = new StringBuilder[count];
                Parallel.For(0, count, new ParallelOptions { CancellationToken = ct }, i =>
                {
                    var c = first + i;
                    texts[i] = Chunk(c, seed, term, counties,
                        Slice(planted, c, chunks), Slice(nearMiss, c, chunks), Share(malformed, c, chunks),
                        Share(filler, c, chunks), stats);
                });
                foreach (var t in texts)
                {
                    await writer.WriteAsync(t, ct);
                }

                progress?.Report(new GenerationProgress("ministry-rows", Math.Min(rows, (long)(first + count) * ChunkRows), rows));
            }
        }

        var expected = new MinistryFileExpected(options.Month, $"{term.SchoolYear}-{(term.Semester == Semester.Autumn ? "autumn" : "spring")}", seed,
            options.National.Scale, options.Gbk ? "GB18030" : "UTF-8", rows, planted.Count, malformed, nearMiss.Count,
            stats[0], stats[1], stats[2], stats[3], grants, waivers);
        await File.WriteAllTextAsync(path + ".expected.json", expected.ToJson(), new UTF8Encoding(false), ct);
        return expected;
    }

    public static Encoding GbkEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    private static ulong PeekScore(PriorityQueue<Planted, ulong> heap) => heap.TryPeek(out _, out var s) ? s : ulong.MaxValue;

    private static long Share(long total, int chunk, int chunks) => (total * (chunk + 1) / chunks) - (total * chunk / chunks);

    private static List<Planted> Slice(List<Planted> all, int chunk, int chunks) =>
        all.GetRange((int)((long)all.Count * chunk / chunks), (int)Share(all.Count, chunk, chunks));

    private static StringBuilder Chunk(int chunk, int seed, AidTerm term, string[] counties, List<Planted> planted, List<Planted> nearMiss, long malformed,
        long filler, long[] stats)
    {
        var random = SeededRandom.For(seed, "moe:" + chunk.ToString(CultureInfo.InvariantCulture));
        var sb = new StringBuilder((int)((planted.Count + nearMiss.Count + malformed + filler) * 72));
        long p = 0, n = 0, m = 0, f = 0;
        long legacy = 0, full = 0, lower = 0, spaced = 0;
        var before = term.Semester == Semester.Autumn ? new AidTerm(term.SchoolYear - 1, Semester.Spring) : new AidTerm(term.SchoolYear, Semester.Autumn);
        while (true)
        {
            var left = (planted.Count - p) + (nearMiss.Count - n) + (malformed - m) + (filler - f);
            if (left == 0)
            {
                break;
            }

            // Exact counts in a random order: each kind with the probability of its remaining share.
            var x = (long)(random.NextDouble() * left);
            if (x < planted.Count - p)
            {
                var row = planted[(int)p++];
                Row(sb, Noisy(random, row.IdNumber, ref full, ref lower, ref spaced), row.Name, row.Item, term, random, row.ProvinceCode);
            }
            else if ((x -= planted.Count - p) < nearMiss.Count - n)
            {
                var row = nearMiss[(int)n++];
                Row(sb, Noisy(random, row.IdNumber, ref full, ref lower, ref spaced), row.Name, row.Item, before, random, row.ProvinceCode);
            }
            else if ((x -= nearMiss.Count - n) < malformed - m)
            {
                var id = Outsider(random, counties, out _);
                var kind = (chunk + m++) % 3;
                switch (kind)
                {
                    case 0: // bad check digit
                        var check = id[17];
                        Row(sb, id[..17] + (check == '9' ? '0' : check == 'X' ? '1' : (char)(check + 1)), RandomName(random), AidItem.Grant, term, random, null);
                        break;
                    case 1: // wrong length
                        Row(sb, id[..16], RandomName(random), AidItem.Waiver, term, random, null);
                        break;
                    default: // unknown item
                        sb.Append(id).Append(',').Append(RandomName(random)).Append(",生活补助,").Append(ExchangeYear(term, random)).Append(',')
                            .Append(ExchangeSemester(term, random)).Append(",\n");
                        break;
                }
            }
            else
            {
                f++;
                string id;
                if (random.Chance(0.003))
                {
                    id = Legacy15(random, counties);
                    legacy++;
                }
                else
                {
                    id = Noisy(random, Outsider(random, counties, out _), ref full, ref lower, ref spaced);
                }

                Row(sb, id, RandomName(random), random.Chance(0.25) ? AidItem.Grant : AidItem.Waiver, term, random, null);
            }
        }

        Interlocked.Add(ref stats[0], legacy);
        Interlocked.Add(ref stats[1], full);
        Interlocked.Add(ref stats[2], lower);
        Interlocked.Add(ref stats[3], spaced);
        return sb;
    }

    private static void Row(StringBuilder sb, string id, string name, AidItem item, AidTerm term, SeededRandom random, string? province)
    {
        sb.Append(id).Append(',').Append(name).Append(',')
            .Append(item == AidItem.Grant ? (random.Chance(0.2) ? "国家助学金" : "助学金") : "免学费").Append(',')
            .Append(ExchangeYear(term, random)).Append(',').Append(ExchangeSemester(term, random)).Append(',');
        var p = province ?? Divisions.Provinces[random.Next(Divisions.Provinces.Count)].Code;
        sb.Append(Divisions.ProvinceName(p) ?? "").Append('第').Append(1 + random.Next(60)).Append("中等职业学校\n");
    }

    private static string ExchangeYear(AidTerm term, SeededRandom random) =>
        random.Chance(0.1) ? term.SchoolYear.ToString(CultureInfo.InvariantCulture) : $"{term.SchoolYear}-{term.SchoolYear + 1}";

    private static string ExchangeSemester(AidTerm term, SeededRandom random) =>
        (term.Semester == Semester.Autumn ? "秋季" : "春季") + (random.Chance(0.1) ? "" : "学期");

    private static string RandomName(SeededRandom random) =>
        Surnames[random.Next(Surnames.Length)] + Given[random.Next(Given.Length)] + (random.Chance(0.7) ? Given[random.Next(Given.Length)] : "");

    /// <summary>A valid 18-digit number born 1996–2001: never a national student (they are born 2002 or later).</summary>
    private static string Outsider(SeededRandom random, string[] counties, out DateOnly birth)
    {
        birth = new DateOnly(1996 + random.Next(6), 1, 1).AddDays(random.Next(365));
        var first17 = string.Create(CultureInfo.InvariantCulture, $"{counties[random.Next(counties.Length)]}{birth:yyyyMMdd}{random.Next(1000):D3}");
        return first17 + IdDocument.ComputeCheckChar(first17);
    }

    /// <summary>A 15-digit legacy number (born 1996–1999: the form has no century, 19 is implied).</summary>
    private static string Legacy15(SeededRandom random, string[] counties)
    {
        var birth = new DateOnly(1996 + random.Next(4), 1, 1).AddDays(random.Next(365));
        return string.Create(CultureInfo.InvariantCulture, $"{counties[random.Next(counties.Length)]}{birth:yyMMdd}{random.Next(1000):D3}");
    }

    /// <summary>Lower-case x (half the numbers ending in X), full-width digits (0.5 %), spaces (1 %).</summary>
    private static string Noisy(SeededRandom random, string id, ref long full, ref long lower, ref long spaced)
    {
        if (id[^1] == 'X' && random.Chance(0.5))
        {
            id = id[..^1] + "x";
            lower++;
        }

        if (random.Chance(0.005))
        {
            id = string.Concat(id.Select(c => char.IsAsciiDigit(c) ? (char)('０' + (c - '0')) : c));
            full++;
        }
        else if (random.Chance(0.01))
        {
            id = random.Next(3) switch
            {
                0 => " " + id + " ",
                1 => id[..6] + " " + id[6..14] + " " + id[14..],
                _ => id + " ",
            };
            spaced++;
        }

        return id;
    }
}
