using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Identity;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Accounts.Domain;
using TechSchoolAid.Modules.Accounts.Features;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Calendar.Contracts;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Organizations.Domain;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.StatusChanges.Domain;
using TechSchoolAid.Modules.StatusChanges.Seeding;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Modules.Students.Features;

namespace TechSchoolAid.Seeding;

/// <summary>
/// The demo data set, loaded once into an empty database in demo mode: two provinces (广东 44, 四川 51) with three cities
/// each, 20 schools of every kind, both management levels and both ownerships, about 3,000 students with valid ID
/// numbers, and an account for every role. Deterministic (fixed seed), so screenshots and tests see the same data.
/// </summary>
public static class DemoData
{
    public static readonly string[] Provinces = ["44", "51"];

    public static readonly IReadOnlyDictionary<string, string[]> CitiesOf = new Dictionary<string, string[]>
    {
        ["44"] = ["4401", "4403", "4405"],
        ["51"] = ["5101", "5107", "5113"],
    };

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高", "梁", "郑", "谢", "宋", "唐"];
    private static readonly string[] GivenChars = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "文", "华", "鑫", "宇", "浩", "婷", "欣", "晨", "子", "梓", "俊", "佳", "嘉", "思", "雨", "博", "晓", "一"];
    private static readonly (string Name, bool Agri)[] Majors = [("数控加工", false), ("电气自动化设备安装与维修", false), ("汽车维修", false), ("计算机网络应用", false), ("现代农业技术", true), ("园林技术", true), ("烹饪（中式烹调）", false), ("电子商务", false), ("工业机器人应用与维护", false), ("畜牧兽医", true)];

    /// <summary>The demo school whose first two students live in a designated area (issue 11, item 7): one 农村, one 县镇.</summary>
    public const string DesignatedAreaDemoSchool = "44010004";

    /// <summary>泸定县, 甘孜藏族自治州 — one of the 四省涉藏州县 (ReferenceData/designated-areas.csv).</summary>
    public const string DesignatedAreaDemoCounty = "513322";

    public static async Task<bool> EnsureAsync(TsaDbContext db, PersonalDataProtector protector, TimeProvider clock, string password, int studentsPerSchool, CancellationToken ct)
    {
        var orgs = db.Unscoped<Organization>("demo and reference data are seeded by the system for the whole country");
        if (await orgs.AnyAsync(o => o.Level == OrgLevel.School, ct))
        {
            return false;
        }

        var random = new Random(20241);
        var now = clock.GetUtcNow().UtcDateTime;
        var byCode = await orgs.ToDictionaryAsync(o => o.Code, ct);
        var schools = new List<Organization>();
        SchoolKind[] kinds = [SchoolKind.TechnicianCollege, SchoolKind.SeniorTechnicalSchool, SchoolKind.TechnicalSchool];
        foreach (var provinceCode in Provinces)
        {
            var province = byCode[provinceCode];
            var cityCodes = CitiesOf[provinceCode];
            for (var i = 0; i < 10; i++)
            {
                var cityCode = cityCodes[i % cityCodes.Length];
                var city = byCode[cityCode];
                var provinceManaged = i < 3;
                var kind = kinds[i % 3];
                var ownership = i % 4 == 3 ? Ownership.Private : Ownership.Public;
                var code = string.Create(CultureInfo.InvariantCulture, $"{cityCode}{i + 1:D4}");
                var cityShort = city.Name.Replace("市辖区", "", StringComparison.Ordinal);
                var name = $"{cityShort}{(ownership == Ownership.Private ? "华信" : "第" + ChineseNumber(i + 1))}{kind.ToChinese()}";
                var school = Organization.School(provinceManaged ? province : city, cityCode, code, name, kind, ownership,
                    $"{cityShort}职教路 {i + 10} 号", "校长" + Surnames[i], "资助办" + Surnames[i + 5], string.Create(CultureInfo.InvariantCulture, $"020-8{i:D3}1234"));
                schools.Add(school);
                db.Add(school);
            }
        }

        await db.SaveChangesAsync(ct);
        AddTuitions(db, schools, now);
        await db.SaveChangesAsync(ct);

        var accounts = new List<UserAccount>();
        // One hash for the one shared demo password: hashing is deliberately slow, and demo accounts all share it anyway.
        string? demoHash = null;
        // People, not accounts (issue 13, item 8): each demo account is a person with a name; the role is shown beside it.
        void Account(string userName, Role role, Organization org)
        {
            var u = new UserAccount(userName, DemoPeople.NameFor(accounts.Count), role, org.Id, org.ScopePath, "", now, "demo");
            demoHash ??= AccountRules.HashPassword(u, password);
            u.SetPasswordHash(demoHash);
            accounts.Add(u);
        }

        var ministry = await orgs.FirstAsync(o => o.Level == OrgLevel.Ministry, ct);
        Account("ministry", Role.MinistryAdmin, ministry);
        Account("ministry-viewer", Role.MinistryViewer, ministry);
        Account("inspector", Role.Inspector, ministry);
        foreach (var p in Provinces)
        {
            Account($"prov-{p}", Role.ProvinceAdmin, byCode[p]);
            Account($"prov-{p}-reviewer", Role.ProvinceReviewer, byCode[p]);
            foreach (var c in CitiesOf[p])
            {
                Account($"city-{c}", Role.CityReviewer, byCode[c]);
            }
        }

        // Every school has a records officer beside its administrator: what the one enters and submits, the other approves
        // (four eyes, FourEyes in the kernel).
        foreach (var s in schools)
        {
            Account($"school-{s.Code}", Role.SchoolAdmin, s);
            Account($"school-{s.Code}-records", Role.SchoolRecordsOfficer, s);
        }

        var first = schools.First(s => s.ManagedBy == ManagedBy.City);
        Account($"school-{first.Code}-aid", Role.SchoolAidOfficer, first);
        Account($"school-{first.Code}-finance", Role.SchoolFinanceOfficer, first);
        db.AddRange(accounts);
        await db.SaveChangesAsync(ct);

        var today = clock.Today();
        var majors = await Modules.Students.Seeding.MajorCatalogueDemoData.EnsureAsync(db, clock, ct);
        var currentIntakeYear = today.Month >= 7 ? today.Year : today.Year - 1;
        var usedIds = new HashSet<string>();
        foreach (var school in schools)
        {
            var counties = Divisions.CountiesOfProvince(school.ProvinceCode!).Select(c => c.Code).ToArray();
            var records = new List<StudentRecord>();
            var batchId = Guid.CreateVersion7();
            var declared = studentsPerSchool + random.Next(0, 12);
            db.Add(new DeclaredIntake(school.Id, school.ScopePath, currentIntakeYear, IntakeSeason.Autumn, declared, "demo", now));
            for (var n = 0; n < studentsPerSchool; n++)
            {
                var lastYear = n < studentsPerSchool / 2;
                var intakeYear = lastYear ? currentIntakeYear - 1 : currentIntakeYear;
                var birth = new DateOnly(intakeYear - 15 - random.Next(0, 3), random.Next(1, 13), random.Next(1, 29));
                var sex = random.Next(2) == 0 ? Sex.Male : Sex.Female;
                var county = counties[random.Next(counties.Length)];
                string first17;
                do
                {
                    // Order code: two digits, then the sex digit (odd for men) of GB 11643.
                    var order = random.Next(0, 500);
                    first17 = string.Create(CultureInfo.InvariantCulture, $"{county}{birth:yyyyMMdd}{order / 5:D2}{(order % 5 * 2) + (sex == Sex.Male ? 1 : 0)}");
                }
                while (!usedIds.Add(first17));

                var id = first17 + IdDocument.ComputeCheckChar(first17);
                var major = Majors[random.Next(Majors.Length)];
                var input = new StudentInput
                {
                    Name = Surnames[random.Next(Surnames.Length)] + GivenChars[random.Next(GivenChars.Length)] + (random.Next(3) == 0 ? "" : GivenChars[random.Next(GivenChars.Length)]),
                    DocumentType = IdDocumentType.ResidentIdCard,
                    IdNumber = id,
                    Ethnicity = random.Next(10) == 0 ? "壮族" : "汉族",
                    Household = HouseholdOf(random.Next(10), school.Code, n),
                    HouseholdCountyCode = school.Code == DesignatedAreaDemoSchool && n < 2 ? DesignatedAreaDemoCounty : county,
                    Major = major.Name,
                    MajorIsAgricultural = major.Agri,
                    TrainingLevel = school.Kind == SchoolKind.TechnicalSchool ? TrainingLevel.Intermediate : (TrainingLevel)random.Next(1, 4),
                    EntryEducation = random.Next(5) == 0 ? EntryEducation.SeniorMiddle : EntryEducation.JuniorMiddle,
                    SchoolingYears = 3,
                    IsFullTime = random.Next(20) != 0,
                    IntakeYear = intakeYear,
                    IntakeSeason = IntakeSeason.Autumn,
                    EnrolmentDate = new DateOnly(intakeYear, 9, 1),
                    ClassName = string.Create(CultureInfo.InvariantCulture, $"{intakeYear}级{major.Name[..2]}{n % 3 + 1}班"),
                    Phone = string.Create(CultureInfo.InvariantCulture, $"13{random.Next(100000000, 999999999)}"),
                    GuardianName = Surnames[random.Next(Surnames.Length)] + GivenChars[random.Next(GivenChars.Length)],
                    PaperFileMade = lastYear,
                };
                var valid = StudentValidation.Validate(input, today, protector, majors, out var errors)
                    ?? throw new InvalidOperationException("Demo student invalid: " + string.Join("; ", errors.SelectMany(e => e.Value)));
                var record = new StudentRecord(Guid.CreateVersion7(), school.Id, school.Code, school.ScopePath, valid.Data, valid.Personal, $"school-{school.Code}", now);
                var stage = lastYear ? 4 : n % 4; // this year's intake: collected, verified, submitted, approved
                if (stage >= 1)
                {
                    record.Verify($"school-{school.Code}", now, VerifyRegistration.OnSite);
                }

                if (stage >= 2)
                {
                    record.Submit(batchId, $"school-{school.Code}", now);
                }

                if (stage >= 3)
                {
                    var reviewer = school.ManagedBy == ManagedBy.Province ? $"prov-{school.ProvinceCode}" : $"city-{school.CityCode}";
                    record.Approve(string.Create(CultureInfo.InvariantCulture, $"{intakeYear}{school.Code}{n + 1:D5}"), reviewer, now);
                }

                records.Add(record);
            }

            db.Add(new RegistrationBatch(batchId, school.Id, school.ScopePath, $"{school.Code}-demo-001", records.Count(r => r.BatchId == batchId), $"school-{school.Code}", now));
            db.AddRange(records);
        }

        // Registration for the current intake is past its deadline once November comes: the province has reopened it
        // for one school, as ENR-2 allows, so the demo shows both a closed and a reopened school.
        var reopenedSchool = schools[3];
        var deadline = new DateOnly(currentIntakeYear, 10, 31);
        if (today > deadline)
        {
            db.Add(new RegistrationReopening(reopenedSchool.Id, reopenedSchool.ScopePath, currentIntakeYear, IntakeSeason.Autumn, today.AddDays(30), "部分新生因延迟报到未能按时注册（演示数据）", "prov-44", now));
        }

        db.Record(SeedingAuditActions.DemoSeeded, "demo", "/", null, new { schools = schools.Count, students = studentsPerSchool * schools.Count, accounts = accounts.Count }, clock);
        await db.SaveChangesAsync(ct);
        await SeedStatusChangesAsync(db, first, schools.First(s => s.ProvinceCode == "51" && s.ManagedBy == ManagedBy.City), clock, ct);
        await Modules.Supervision.Seeding.SupervisionDemoData.SeedAsync(db, first.Code, clock, ct);
        await Modules.Standards.Seeding.StandardsDemoData.SeedAsync(db, protector, clock, ct);
        await Modules.Inspections.Seeding.InspectionDemoData.SeedAsync(db, clock, ct);
        await Modules.PublicSite.Seeding.PublicSiteDemoData.SeedAsync(db, protector, first.Code, clock, ct);
        return true;
    }

    /// <summary>
    /// A few status changes at the first 市管 school (STA-1, STA-2): one late, one due soon, one approved suspension, and a
    /// transfer to a school in 四川 waiting for the receiving school. Students of the previous intake (all approved) are used,
    /// counted from the end of the class list, so the first students of each list stay untouched for the tests.
    /// </summary>
    private static async Task SeedStatusChangesAsync(TsaDbContext db, Organization school, Organization receiving, TimeProvider clock, CancellationToken ct)
    {
        var calendar = new WorkingDayCalendar(await db.Set<CalendarDay>().AsNoTracking().ToListAsync(ct));
        var students = await db.Set<StudentRecord>().Where(r => r.SchoolId == school.Id && r.RegistrationState == RegistrationState.Approved && r.IsFullTime)
            .OrderByDescending(r => r.EnrolmentDate).ThenByDescending(r => r.StatusNumber).Take(8).ToListAsync(ct);
        if (students.Count < 4)
        {
            return;
        }

        var today = clock.Today();
        var now = clock.GetUtcNow().UtcDateTime;
        var clerk = $"school-{school.Code}-records";
        StudentStatusInfo Info(StudentRecord r) => new(r.Id, r.SchoolId, r.SchoolCode, r.ScopePath, r.Name, r.IdNumberMasked, r.StatusNumber, r.Major,
            r.MajorIsAgricultural, r.MajorArts, r.ClassName, r.IsFullTime, true, r.EnrolmentDate, r.Status, r.StatusSince, r.ContinuedFromId, r.ContinuedOn);
        StatusChange Change(StudentRecord r, StatusChangeKind kind, DateOnly occurred, string reason)
        {
            var c = new StatusChange(Guid.CreateVersion7(), kind, kind == StatusChangeKind.Transfer ? TransferSide.Out : TransferSide.None, Info(r), school.Name,
                occurred, calendar.AddWorkingDays(occurred, 10), reason, clerk, now);
            db.Add(c);
            db.Add(new StatusChangeEvent(c.Id, c.ScopePath, "entered", clerk, now, null));
            return c;
        }

        // Late: happened four weeks ago, still not submitted.
        Change(students[^1], StatusChangeKind.Suspension, today.AddDays(-28), "因病住院治疗，监护人申请休学一年（演示数据）").SetSuspensionPeriod(today.AddDays(-28).AddYears(1), null);

        // Due soon: the latest occurrence date whose deadline falls within the next two working days.
        var soonLimit = calendar.AddWorkingDays(today, 2);
        var occurred = today;
        while (calendar.AddWorkingDays(occurred, 10) > soonLimit)
        {
            occurred = occurred.AddDays(-1);
        }

        Change(students[^2], StatusChangeKind.Withdrawal, occurred, "本人及监护人书面申请退学（演示数据）");

        // Approved suspension: the record is suspended; aid stops from the next day.
        var approved = Change(students[^3], StatusChangeKind.Suspension, today.AddDays(-20), "参加省队集训，申请休学一学期（演示数据）");
        approved.SetSuspensionPeriod(approved.OccurredOn.AddMonths(5), null);
        var scan = StatusChangeDemo.AttachEvidence(db, approved, "休学申请及集训通知.png", clerk, now.AddDays(-19));
        approved.Submit(clerk, now.AddDays(-18), today.AddDays(-18));
        approved.Approve($"school-{school.Code}", now.AddDays(-17), scan);
        approved.RememberPrevious(Info(students[^3]));
        students[^3].ChangeStatus(EnrolmentStatus.Suspended, approved.OccurredOn);
        db.Add(new StatusChangeEvent(approved.Id, approved.ScopePath, "submitted", clerk, now, null));
        db.Add(new StatusChangeEvent(approved.Id, approved.ScopePath, "approved", $"school-{school.Code}", now, null));

        // Transfer in progress: proposed to a school in 四川, waiting for it to accept.
        var transfer = Change(students[^4], StatusChangeKind.Transfer, today.AddDays(-3), "随父母工作调动迁居成都，申请转学（演示数据）");
        transfer.SetTransferTarget(receiving.Code, receiving.Name);
        transfer.Submit(clerk, now, today);
        var inbound = StatusChange.InboundOf(transfer, Guid.CreateVersion7(), receiving.Id, receiving.Code, receiving.Name, receiving.ScopePath);
        transfer.LinkCounterpart(inbound.Id);
        db.Add(inbound);
        db.Add(new StatusChangeEvent(transfer.Id, transfer.ScopePath, "submitted", clerk, now, null));
        db.Add(new StatusChangeEvent(inbound.Id, inbound.ScopePath, "proposed", clerk, now, $"{school.Name} 申请转入本校"));
        // Submitted on time, still waiting for the authority past its due date: late, and the lateness is the authority's
        // (the 10 working days run to the completion in the system, 人社厅函〔2024〕53号).
        // The late suspension's student is used again (a pending change of another kind), so no further student is taken.
        var waiting = Change(students[^1], StatusChangeKind.Withdrawal, today.AddDays(-25), "本人及监护人书面申请退学，已报送待主管部门审批（演示数据）");
        waiting.Submit(clerk, now.AddDays(-24), today.AddDays(-24));
        db.Add(new StatusChangeEvent(waiting.Id, waiting.ScopePath, "submitted", clerk, now.AddDays(-24), null));
        db.Record(SeedingAuditActions.StatusChangesSeeded, "demo", "/", null, new { school = school.Code, changes = 5 }, clock);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Demo school fees (ORG-2), valid since autumn 2020: a public school's approved tuition of 2,400–3,600 yuan per
    /// student per year (a plausible range for public technical schools), a 民办 school's own fee twice that, and each
    /// province's comparable public tuition per kind (技师学院 3,300, 高级技工学校 3,000, 技工学校 2,700 yuan), at which
    /// the 民办 schools' waivers are paid. The document numbers are made up for the demo.
    /// </summary>
    private static void AddTuitions(TsaDbContext db, List<Organization> schools, DateTime now)
    {
        var from = new DateOnly(2020, 9, 1);
        var documentDate = new DateOnly(2020, 7, 15);
        foreach (var (school, index) in schools.Select((s, i) => (s, i)))
        {
            var i = index % 10;
            var publicFee = 240_000 + (i % 5) * 30_000;
            var fee = school.Ownership == Ownership.Private ? publicFee * 2 : publicFee;
            db.Add(new SchoolTuition(Guid.CreateVersion7(), school.Id, school.ScopePath,
                new TuitionTerms(fee, null, $"{Abbreviation(school.ProvinceCode)}发改价格〔2020〕{100 + i}号", documentDate, from, null), "demo", now));
        }

        foreach (var provinceCode in Provinces)
        {
            foreach (var (kind, fen) in new[] { (SchoolKind.TechnicianCollege, 330_000L), (SchoolKind.SeniorTechnicalSchool, 300_000L), (SchoolKind.TechnicalSchool, 270_000L) })
            {
                db.Add(new ComparableTuition(Guid.CreateVersion7(), provinceCode, null, $"/{provinceCode}/", kind,
                    new TuitionTerms(fen, null, $"{Abbreviation(provinceCode)}发改价格〔2020〕88号", documentDate, from, null), "demo", now));
            }
        }
    }

    private static string Abbreviation(string? provinceCode) => provinceCode == "51" ? "川" : "粤";

    /// <summary>
    /// 农村 40 %, 县镇 20 %, 城市 40 % (one draw, as before 县镇 existed: the rural-or-town share stays 60 %); the designated
    /// area school's first student is 农村, its second 县镇.
    /// </summary>
    private static Household HouseholdOf(int draw, string schoolCode, int n) => (schoolCode, n) switch
    {
        (DesignatedAreaDemoSchool, 0) => Household.Rural,
        (DesignatedAreaDemoSchool, 1) => Household.CountyTown,
        _ => draw < 4 ? Household.Rural : draw < 6 ? Household.CountyTown : Household.Urban,
    };

    private static string ChineseNumber(int n) => n switch
    {
        1 => "一", 2 => "二", 3 => "三", 4 => "四", 5 => "五", 6 => "六", 7 => "七", 8 => "八", 9 => "九", _ => "十",
    };
}
