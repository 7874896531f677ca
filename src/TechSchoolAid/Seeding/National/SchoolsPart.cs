using System.Globalization;
using System.Text;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Seeding.National;

/// <summary>
/// schools.csv: about 2,600 schools over the 32 provincial units and their cities, in proportion to the size of each
/// province's technical-school system; about one in six supervised by the province (省管, mostly 技师学院 in the capital),
/// one in four 民办; 技师学院 larger than 技工学校.
/// </summary>
public sealed class SchoolsPart : INationalDataPart
{
    public const string FileName = "schools.csv";

    public static readonly string[] Header =
        ["学校代码", "学校名称", "办学类型", "举办性质", "管理层级", "省级单位代码", "所在地市代码", "地址", "校长", "资助办联系人", "资助办电话", "学生数"];

    // Relative size of each provincial unit's technical-school system (roughly the published school counts).
    private static readonly Dictionary<string, double> ProvinceWeights = new()
    {
        ["11"] = 20, ["12"] = 25, ["13"] = 160, ["14"] = 90, ["15"] = 50, ["21"] = 80, ["22"] = 55, ["23"] = 60,
        ["31"] = 20, ["32"] = 130, ["33"] = 90, ["34"] = 120, ["35"] = 70, ["36"] = 100, ["37"] = 190, ["41"] = 250,
        ["42"] = 110, ["43"] = 100, ["44"] = 160, ["45"] = 80, ["46"] = 15, ["50"] = 45, ["51"] = 110, ["52"] = 45,
        ["53"] = 60, ["54"] = 5, ["61"] = 60, ["62"] = 40, ["63"] = 8, ["64"] = 12, ["65"] = 40, ["66"] = 10,
    };

    private static readonly string[] Trades =
    [
        "交通", "机电", "工业", "轻工", "建筑", "信息", "商贸", "电力", "化工", "冶金", "纺织", "城建", "科技", "工程", "铁路",
        "航空", "电子", "汽车", "旅游", "现代", "高级", "职业", "技术", "机械", "能源", "农业", "林业", "水利", "矿业", "通信",
    ];

    private static readonly string[] PrivateBrands = ["华信", "东方", "新华", "蓝天", "华夏", "育才", "博雅", "振华", "明德", "远航", "天成", "鼎盛"];

    private static readonly string[] Streets = ["职教路", "学院路", "技工路", "文化路", "建设路", "人民路", "工业大道", "科技路", "育才街", "新华路"];

    private static readonly string[] GivenNames = ["建国", "志强", "国华", "文斌", "海涛", "丽华", "红梅", "卫东", "振华", "永刚", "立新", "秀英", "建军", "晓明", "德胜"];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"];

    public string Name => "schools";

    public async Task WriteAsync(NationalDataContext context, CancellationToken ct)
    {
        var schools = Plan(context.Options);
        context.Schools = schools;
        var sb = new StringBuilder();
        CsvText.AppendRow(sb, Header);
        foreach (var s in schools)
        {
            CsvText.AppendRow(sb, [s.Code, s.Name, s.Kind, s.Ownership, s.ManagedBy, s.ProvinceCode, s.CityCode, s.Address, s.Principal, s.AidOfficeContact, s.AidOfficePhone, s.Students.ToString(CultureInfo.InvariantCulture)]);
        }

        var bytes = CsvText.Utf8Bom.GetBytes(sb.ToString());
        await File.WriteAllBytesAsync(context.PathOf(FileName), [.. CsvText.Utf8Bom.GetPreamble(), .. bytes], ct);
        context.Files[FileName] = schools.Count;
        context.Counts["schools"] = schools.Count;
        context.Counts["students"] = schools.Sum(s => (long)s.Students);
        context.Progress?.Report(new GenerationProgress(Name, schools.Count, schools.Count));
    }

    /// <summary>The schools and how many students each has; pure function of the options.</summary>
    public static IReadOnlyList<GeneratedSchool> Plan(NationalDataOptions options)
    {
        var random = SeededRandom.For(options.Seed, "schools");
        var provinces = Divisions.Provinces.OrderBy(p => p.Code, StringComparer.Ordinal).ToList();
        var perProvince = Apportion(options.SchoolCount, provinces.Select(p => ProvinceWeights.GetValueOrDefault(p.Code, 10)).ToArray(), minimum: 1);

        var drafts = new List<(string Province, string City, string CityName, int Kind, bool Private, bool ProvinceManaged, double Size)>();
        for (var p = 0; p < provinces.Count; p++)
        {
            var province = provinces[p];
            var cities = province.Code == Divisions.CorpsCode
                ? [new DivisionInfo("6590", "兵团", "65")]
                : Divisions.Cities.Where(c => c.ParentCode == province.Code).OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
            // The capital (first city) has three times the weight of any other city.
            var cityWeights = SeededRandom.Cumulative(cities.Select((_, i) => i == 0 ? 3.0 : 0.6 + random.NextDouble()));
            var count = perProvince[p];
            for (var i = 0; i < count; i++)
            {
                var provinceManaged = province.Code == Divisions.CorpsCode || i < Math.Max(1, count / 6);
                var city = provinceManaged ? cities[0] : cities[random.PickWeighted(cityWeights)];
                // Kinds: 1 技师学院 ~20 %, 2 高级技工学校 ~20 %, 3 技工学校 ~60 %; the province keeps most 技师学院.
                var kind = provinceManaged ? (random.Chance(0.7) ? 1 : 2) : random.NextDouble() switch { < 0.12 => 1, < 0.32 => 2, _ => 3 };
                var isPrivate = !provinceManaged && random.Chance(0.3);
                var size = (kind switch { 1 => 3.0, 2 => 1.6, _ => 0.75 }) * (0.6 + (0.8 * random.NextDouble()));
                drafts.Add((province.Code, city.Code, CityShortName(province, city), kind, isPrivate, provinceManaged, size));
            }
        }

        var sizes = Apportion(options.StudentCount, drafts.Select(d => d.Size).ToArray(), minimum: 0);
        var result = new List<GeneratedSchool>(drafts.Count);
        var sequenceInCity = new Dictionary<string, int>();
        var namesUsed = new HashSet<string>();
        for (var i = 0; i < drafts.Count; i++)
        {
            var d = drafts[i];
            var seq = sequenceInCity[d.City] = sequenceInCity.GetValueOrDefault(d.City) + 1;
            // City code + 4 digits from 1001: the demo schools use 0001–0010, so both sets can share a database.
            var code = string.Create(CultureInfo.InvariantCulture, $"{d.City}{1000 + seq:D4}");
            var kindName = d.Kind switch { 1 => "技师学院", 2 => "高级技工学校", _ => "技工学校" };
            string name;
            var attempt = 0;
            do
            {
                var word = d.Private ? PrivateBrands[random.Next(PrivateBrands.Length)] : Trades[random.Next(Trades.Length)];
                name = attempt < 5 ? $"{d.CityName}{word}{kindName}" : $"{d.CityName}第{seq}{kindName}";
                attempt++;
            }
            while (!namesUsed.Add(name));

            result.Add(new GeneratedSchool(
                i,
                code,
                name,
                d.Province,
                d.City,
                kindName,
                d.Private ? "民办" : "公办",
                d.ProvinceManaged ? "省管" : "市管",
                $"{d.CityName}{Streets[random.Next(Streets.Length)]} {random.Next(1, 400)} 号",
                Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)],
                "资助办" + Surnames[random.Next(Surnames.Length)] + "老师",
                string.Create(CultureInfo.InvariantCulture, $"0{random.Next(10, 999):D3}-{random.Next(2000000, 89999999)}"),
                sizes[i]));
        }

        return result;
    }

    private static string CityShortName(DivisionInfo province, DivisionInfo city) =>
        city.Code == "6590" ? "新疆生产建设兵团" : city.Name is "市辖区" or "县" ? province.Name : city.Name;

    /// <summary>Splits <paramref name="total"/> in proportion to the weights (largest remainder), at least <paramref name="minimum"/> each.</summary>
    public static int[] Apportion(int total, IReadOnlyList<double> weights, int minimum)
    {
        var result = new int[weights.Count];
        var rest = total - (minimum * weights.Count);
        if (rest <= 0)
        {
            Array.Fill(result, minimum);
            return result;
        }

        var sum = weights.Sum();
        var remainders = new (double Remainder, int Index)[weights.Count];
        var given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = rest * weights[i] / sum;
            var whole = (int)Math.Floor(exact);
            result[i] = minimum + whole;
            given += whole;
            remainders[i] = (exact - whole, i);
        }

        foreach (var (_, index) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take(rest - given))
        {
            result[index]++;
        }

        return result;
    }
}
