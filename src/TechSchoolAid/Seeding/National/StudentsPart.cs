using System.Globalization;
using System.Text;
using TechSchoolAid.Kernel.Identity;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Features;

namespace TechSchoolAid.Seeding.National;

/// <summary>One generated student, in the words of the import template.</summary>
public sealed record GeneratedStudent(
    string Name,
    string IdNumber,
    DateOnly BirthDate,
    bool Male,
    string Ethnicity,
    Household Household,
    string CountyCode,
    string Major,
    bool Agricultural,
    string TrainingLevel,
    string EntryEducation,
    int SchoolingYears,
    bool FullTime,
    int IntakeYear,
    bool Spring,
    DateOnly EnrolmentDate,
    string ClassName,
    string? Phone,
    string? GuardianName,
    string? GuardianPhone,
    bool PaperFileMade)
{
    /// <summary>The row in template column order (<see cref="ImportStudents.Columns"/>).</summary>
    public IEnumerable<string?> Cells(IReadOnlyList<string> fields)
    {
        foreach (var field in fields)
        {
            yield return field switch
            {
                "name" => Name,
                "documentType" => "居民身份证",
                "idNumber" => IdNumber,
                "birthDate" => BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                "sex" => Male ? "男" : "女",
                "ethnicity" => Ethnicity,
                "household" => Household.ToChinese(),
                "householdCountyCode" => CountyCode,
                "major" => Major,
                "majorIsAgricultural" => Agricultural ? "是" : "否",
                "trainingLevel" => TrainingLevel,
                "entryEducation" => EntryEducation,
                "schoolingYears" => SchoolingYears.ToString(CultureInfo.InvariantCulture),
                "isFullTime" => FullTime ? "是" : "否",
                "intakeYear" => IntakeYear.ToString(CultureInfo.InvariantCulture),
                "intakeSeason" => Spring ? "春季" : "秋季",
                "enrolmentDate" => EnrolmentDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                "className" => ClassName,
                "phone" => Phone,
                "guardianName" => GuardianName,
                "guardianPhone" => GuardianPhone,
                "paperFileMade" => PaperFileMade ? "是" : "否",
                "majorArts" => NationalAidRules.ArtsOf(Major) switch
                {
                    MajorArts.PerformingArts => "艺术类表演",
                    MajorArts.TraditionalOpera => "戏曲表演",
                    _ => "否",
                },
                _ => null, // a column added to the template later is left empty: optional by construction
            };
        }
    }
}

/// <summary>
/// students/&lt;province&gt;/&lt;school code&gt;.csv: one file per school in the screen import's template format. Provinces are
/// generated in parallel; inside a province the schools go in a fixed order, so the output never depends on threads.
/// </summary>
public sealed class StudentsPart : INationalDataPart
{
    public string Name => "students";

    public async Task WriteAsync(NationalDataContext context, CancellationToken ct)
    {
        var headers = ImportStudents.Columns.Select(c => c.Header).ToArray();
        var fields = ImportStudents.Columns.Select(c => c.Field).ToArray();
        var total = context.Schools.Sum(s => (long)s.Students);
        long done = 0;
        var groups = NationalStudents.Groups(context.Schools);
        var files = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        await Parallel.ForEachAsync(groups, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount }, async (group, token) =>
        {
            foreach (var (school, students) in NationalStudents.Generate(context.Options, group))
            {
                var path = context.PathOf(school.StudentFile);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var sb = new StringBuilder(students.Count * 200);
                CsvText.AppendRow(sb, headers);
                foreach (var s in students)
                {
                    CsvText.AppendRow(sb, s.Cells(fields));
                }

                await using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                await using (var writer = new StreamWriter(stream, CsvText.Utf8Bom))
                {
                    await writer.WriteAsync(sb, token);
                }

                files[school.StudentFile] = students.Count;
                var now = Interlocked.Add(ref done, students.Count);
                context.Progress?.Report(new GenerationProgress(Name, now, total));
            }
        });

        foreach (var (file, rows) in files)
        {
            context.Files[file] = rows;
        }
    }
}

/// <summary>
/// The students of the national data set, derived from the seed alone. ID numbers follow GB 11643 (address code of a
/// real county of the school's province, birth date, order code with the sex digit, check character) and are unique:
/// provinces never share address codes, so uniqueness is kept per province (新疆 and 兵团 together).
/// </summary>
public static class NationalStudents
{
    /// <summary>The share of 县镇 among a county's rural-or-town households: a generator assumption, not a published figure.</summary>
    public const double CountyTownShare = 0.3;

    private static readonly (string Name, string Short, bool Agri, double Weight, double MaleShare)[] Majors =
    [
        ("数控加工", "数控", false, 9, 0.9), ("机床切削加工", "切削", false, 4, 0.9), ("电气自动化设备安装与维修", "电气", false, 9, 0.85),
        ("汽车维修", "汽修", false, 9, 0.9), ("新能源汽车检测与维修", "新能源", false, 5, 0.88), ("焊接加工", "焊接", false, 4, 0.95),
        ("机电一体化技术", "机电", false, 7, 0.85), ("工业机器人应用与维护", "机器人", false, 4, 0.85), ("计算机网络应用", "网络", false, 6, 0.7),
        ("计算机程序设计", "程序", false, 3, 0.7), ("电子商务", "电商", false, 6, 0.35), ("物流服务与管理", "物流", false, 3, 0.5),
        ("会计事务", "会计", false, 3, 0.2), ("烹饪（中式烹调）", "烹饪", false, 4, 0.6), ("美容美发与造型", "美发", false, 2, 0.3),
        ("幼儿教育", "幼教", false, 4, 0.05), ("酒店服务与管理", "酒店", false, 2, 0.3), ("建筑施工", "建筑", false, 3, 0.85),
        ("工程测量", "测量", false, 2, 0.8), ("服装设计与制作", "服装", false, 1.5, 0.2), ("无人机应用技术", "无人机", false, 2, 0.85),
        // 涉农 majors are a small part of technical schools (their catalogue is mostly industry and services): about 5 % of
        // the students. Each 涉农 student of grades 1–3 has the national grant, so this share steers the grant figure.
        ("现代农业技术", "农技", true, 1.4, 0.6), ("畜牧兽医", "畜牧", true, 0.7, 0.6), ("园林技术", "园林", true, 0.9, 0.5),
        ("农业机械使用与维护", "农机", true, 0.7, 0.9), ("食品加工与检验", "食品", true, 0.7, 0.4), ("茶叶生产与加工", "茶叶", true, 0.4, 0.4),
        ("舞蹈表演", "舞蹈", false, 0.6, 0.2), ("音乐表演", "音乐", false, 0.5, 0.4), ("戏曲表演", "戏曲", false, 0.3, 0.4),
    ];

    private static readonly double[] MajorWeights = SeededRandom.Cumulative(Majors.Select(m => m.Weight));

    private static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高", "郑", "梁",
        "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程",
        "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "付",
        "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "闫", "段", "雷", "侯", "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝",
        "欧阳", "司马", "上官",
    ];

    // Heavier weight for the commonest surnames (王 李 张 刘 陈 …), tailing off.
    private static readonly double[] SurnameWeights = SeededRandom.Cumulative(Surnames.Select((_, i) => 1.0 / (1 + (i * 0.15))));

    private static readonly string[] GivenChars =
    [
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂",
        "浩", "宇", "轩", "子", "涵", "梓", "欣", "怡", "晨", "博", "文", "俊", "思", "雨", "嘉", "佳", "鑫", "鹏", "辉", "婷", "雪", "琳",
        "晓", "建", "国", "华", "志", "新", "海", "林", "宏", "亮", "斌", "凯", "航", "天", "一", "诺", "泽", "瑞", "阳", "楠", "彤", "颖",
        "悦", "可", "馨", "昊", "然", "睿", "铭", "萱", "妍", "晴", "成", "康", "乐", "安",
    ];

    private static readonly string[] UyghurNames = ["买买提", "艾力", "阿不都", "吐尔逊", "努尔", "热合曼", "阿依古丽", "古丽", "帕提古丽", "迪丽努尔", "热依拉", "米日古丽", "艾合买提", "依明"];

    private static readonly string[] TibetanNames = ["扎西", "次仁", "卓玛", "拉姆", "多吉", "央金", "平措", "德吉", "格桑", "尼玛", "达瓦", "旦增"];

    private static readonly Dictionary<string, (string Ethnicity, double Share)[]> Minorities = new()
    {
        ["13"] = [("满族", 0.03), ("回族", 0.01)],
        ["15"] = [("蒙古族", 0.18), ("满族", 0.02)],
        ["21"] = [("满族", 0.12), ("蒙古族", 0.02)],
        ["22"] = [("朝鲜族", 0.04), ("满族", 0.04)],
        ["42"] = [("土家族", 0.04)],
        ["43"] = [("土家族", 0.05), ("苗族", 0.03)],
        ["45"] = [("壮族", 0.32), ("瑶族", 0.03)],
        ["46"] = [("黎族", 0.15)],
        ["50"] = [("土家族", 0.05)],
        ["51"] = [("彝族", 0.03), ("藏族", 0.02)],
        ["52"] = [("苗族", 0.12), ("布依族", 0.08), ("侗族", 0.04), ("土家族", 0.04)],
        ["53"] = [("彝族", 0.11), ("白族", 0.04), ("哈尼族", 0.04), ("傣族", 0.03), ("壮族", 0.03)],
        ["54"] = [("藏族", 0.88)],
        ["62"] = [("回族", 0.05), ("藏族", 0.02), ("东乡族", 0.02)],
        ["63"] = [("藏族", 0.25), ("回族", 0.15), ("土族", 0.04)],
        ["64"] = [("回族", 0.36)],
        ["65"] = [("维吾尔族", 0.45), ("哈萨克族", 0.07), ("回族", 0.04)],
        ["66"] = [("维吾尔族", 0.10), ("回族", 0.03)],
    };

    private static readonly string[] MobilePrefixes = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156", "157", "158", "159", "166", "173", "176", "177", "178", "180", "181", "182", "183", "185", "186", "187", "188", "189", "191", "198", "199"];

    /// <summary>The schools in uniqueness groups (a province, or 新疆 with 兵团), each in school order.</summary>
    public static IReadOnlyList<IReadOnlyList<GeneratedSchool>> Groups(IReadOnlyList<GeneratedSchool> schools) =>
        schools.GroupBy(s => s.IdProvinceCode).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (IReadOnlyList<GeneratedSchool>)g.OrderBy(s => s.Index).ToList()).ToList();

    /// <summary>
    /// Every student of one group's schools, school by school. Later parts (approved aid, the other ministry's list) call
    /// this to re-derive the students they need, in the same order, without reading the files.
    /// </summary>
    public static IEnumerable<(GeneratedSchool School, IReadOnlyList<GeneratedStudent> Students)> Generate(NationalDataOptions options, IReadOnlyList<GeneratedSchool> group)
    {
        if (group.Count == 0)
        {
            yield break;
        }

        var idProvince = group[0].IdProvinceCode;
        var counties = Divisions.CountiesOfProvince(idProvince).Select(c => c.Code).Order(StringComparer.Ordinal).ToArray();
        var used = new HashSet<long>();
        foreach (var school in group)
        {
            yield return (school, GenerateSchool(options, school, counties, used));
        }
    }

    private static List<GeneratedStudent> GenerateSchool(NationalDataOptions options, GeneratedSchool school, string[] counties, HashSet<long> used)
    {
        var random = SeededRandom.For(options.Seed, "students:" + school.Code);
        var asOf = options.AsOf;
        // The school year that began in the last September (before 10 September, the one before).
        var schoolYear = asOf >= new DateOnly(asOf.Year, 9, 10) ? asOf.Year : asOf.Year - 1;
        var countyWeights = SeededRandom.Cumulative(counties.Select(c => c.StartsWith(school.CityCode, StringComparison.Ordinal) ? 6.0 : 1.0));
        var minorities = Minorities.GetValueOrDefault(school.ProvinceCode, [("回族", 0.005)]);
        var urbanProvince = school.ProvinceCode is "11" or "12" or "31";
        var inCityDistrict = counties.Select(InCityDistrict).ToArray();
        var classesPerMajor = Math.Max(1, school.Students / 600);
        var students = new List<GeneratedStudent>(school.Students);
        for (var n = 0; n < school.Students; n++)
        {
            var major = Majors[random.PickWeighted(MajorWeights)];
            var male = random.Chance(major.MaleShare);

            // Training levels: 中级工 classes are the most numerous everywhere, 预备技师 classes the fewest (技师学院 only).
            var (level, levelName) = school.Kind switch
            {
                "技师学院" => random.NextDouble() switch { < 0.4 => (1, "中级工"), < 0.85 => (2, "高级工"), _ => (3, "预备技师") },
                "高级技工学校" => random.Chance(0.6) ? (1, "中级工") : (2, "高级工"),
                _ => random.Chance(0.95) ? (1, "中级工") : (2, "高级工"),
            };
            var fromSenior = random.Chance(0.18);
            var years = (level, fromSenior) switch
            {
                (1, false) => 3,
                (1, true) => 2,
                (2, false) => 5,
                (2, true) => 3,
                (_, false) => 6,
                _ => 4,
            };
            // Lower grades are fuller: some leave every year, and intakes have grown (GradeWeights).
            var grade = 1 + random.PickWeighted(GradeWeights(years));
            var spring = random.Chance(0.1);
            var intakeYear = spring ? schoolYear - grade + 2 : schoolYear - grade + 1;
            var enrolment = spring ? new DateOnly(intakeYear, 3, 1 + random.Next(10)) : new DateOnly(intakeYear, 9, 1 + random.Next(10));
            if (enrolment > asOf)
            {
                // A spring intake not yet come: that student joined the autumn before instead.
                spring = false;
                intakeYear = schoolYear - grade + 1;
                enrolment = new DateOnly(intakeYear, 9, 1 + random.Next(10));
            }

            var entryAge = fromSenior ? 17 + random.Next(3) : 14 + random.PickWeighted(EntryAgeWeights);
            var birth = new DateOnly(enrolment.Year - entryAge, 1, 1).AddDays(random.Next(365));
            var countyIndex = random.PickWeighted(countyWeights);
            var county = counties[countyIndex];
            var id = NewIdNumber(random, county, birth, male, used);
            var ethnicity = "汉族";
            var roll = random.NextDouble();
            foreach (var (e, share) in minorities)
            {
                if (roll < share)
                {
                    ethnicity = e;
                    break;
                }

                roll -= share;
            }

            var surname = Surnames[random.PickWeighted(SurnameWeights)];
            var name = ethnicity switch
            {
                "维吾尔族" or "哈萨克族" => $"{UyghurNames[random.Next(UyghurNames.Length)]}·{UyghurNames[random.Next(UyghurNames.Length)]}",
                "藏族" => TibetanNames[random.Next(TibetanNames.Length)] + TibetanNames[random.Next(TibetanNames.Length)],
                _ => surname + GivenChars[random.Next(GivenChars.Length)] + (random.Chance(0.7) ? GivenChars[random.Next(GivenChars.Length)] : ""),
            };
            // The household in the aid policy's sense, 农村（含县镇）: every household of a county, banner or county-level city
            // (its villages and its towns), and of a city district (市辖区) those of its towns and villages — many districts
            // were counties until recently; fewer in the three eastern municipalities. See docs/national-data.md, section 3.
            // Of those, the ones in the county's seat and its 建制镇 are 县镇 (issue 11, item 6: the waiver covers them, the
            // designated areas' grant does not). The generator's share of 县镇 households, CountyTownShare, is an assumption of the
            // generator, not a statistic; one draw decides both, so the rural-or-town count is the same as before 县镇 existed.
            var householdRoll = random.NextDouble();
            var ruralOrTown = !inCityDistrict[countyIndex] ? 1.0 : urbanProvince ? 0.6 : 0.9;
            var household = householdRoll >= ruralOrTown ? Household.Urban
                : householdRoll < ruralOrTown * CountyTownShare ? Household.CountyTown : Household.Rural;
            var className = string.Create(CultureInfo.InvariantCulture, $"{intakeYear}级{major.Short}{1 + random.Next(classesPerMajor)}班");
            var hasGuardian = random.Chance(0.85);
            students.Add(new GeneratedStudent(
                name,
                id,
                birth,
                male,
                ethnicity,
                household,
                county,
                major.Name,
                major.Agri,
                levelName,
                fromSenior ? "高中" : "初中",
                years,
                random.Chance(0.96),
                intakeYear,
                spring,
                enrolment,
                className,
                random.Chance(0.9) ? Mobile(random) : null,
                hasGuardian ? (ethnicity == "汉族" ? surname + GivenChars[random.Next(GivenChars.Length)] + GivenChars[random.Next(GivenChars.Length)] : name.Split('·')[^1] + "·" + UyghurNames[random.Next(UyghurNames.Length)]) : null,
                hasGuardian ? Mobile(random) : null,
                grade > 1 ? random.Chance(0.97) : random.Chance(0.6)));
        }

        return students;
    }

    private static readonly double[] EntryAgeWeights = SeededRandom.Cumulative([0.25, 0.5, 0.2, 0.05]);

    /// <summary>
    /// Each grade about 15 % smaller than the one below (intakes have grown, and some leave every year), so that the
    /// students in school are about 2.5 times a year's intake, as in the ministry's statistics (2021: 426.7万 in school,
    /// 167.2万 enrolled). Literal weights, not powers, so the output cannot depend on the platform's Math.Pow.
    /// </summary>
    private static double[] GradeWeights(int years) => years switch
    {
        2 => SeededRandom.Cumulative([0.54, 0.46]),
        3 => SeededRandom.Cumulative([0.39, 0.33, 0.28]),
        4 => SeededRandom.Cumulative([0.31, 0.27, 0.23, 0.19]),
        5 => SeededRandom.Cumulative([0.27, 0.23, 0.19, 0.17, 0.14]),
        _ => SeededRandom.Cumulative([0.24, 0.2, 0.17, 0.15, 0.13, 0.11]),
    };

    /// <summary>A city district (市辖区) or development zone, by the name of the GB/T 2260 county-level division: not a 县镇.</summary>
    private static bool InCityDistrict(string countyCode) => Divisions.CountyName(countyCode)?.EndsWith('区') == true;

    private static string Mobile(SeededRandom random) =>
        MobilePrefixes[random.Next(MobilePrefixes.Length)] + random.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);

    private static string NewIdNumber(SeededRandom random, string county, DateOnly birth, bool male, HashSet<long> used)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{county}{birth:yyyyMMdd}");
        while (true)
        {
            // Order code: three digits, the last odd for men and even for women (GB 11643).
            var order = (random.Next(500) * 2) + (male ? 1 : 0);
            var first17 = string.Create(CultureInfo.InvariantCulture, $"{prefix}{order:D3}");
            if (used.Add(long.Parse(first17, CultureInfo.InvariantCulture)))
            {
                return first17 + IdDocument.ComputeCheckChar(first17);
            }
        }
    }
}
