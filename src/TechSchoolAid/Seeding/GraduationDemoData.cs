using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Identity;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Graduation.Contracts;
using TechSchoolAid.Modules.Graduation.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Organizations.Domain;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Modules.Students.Features;

namespace TechSchoolAid.Seeding;

/// <summary>
/// GRD-1/GRD-2 demo data: a cohort that enrolled three years before the current intake. At 44010010 (市管, 技师学院;
/// not 44010004, whose student counts the registration tests rely on) its round of 1 July is approved by the city (four graduation certificates, one completion certificate), so
/// the public lookup has real numbers; at 44010007 four students of that cohort are still 在籍, ready for a new round.
/// </summary>
public static class GraduationDemoData
{
    public static readonly (string Name, bool Passed)[] Graduates = [("陈嘉怡", true), ("李俊豪", true), ("王思彤", true), ("张浩然", true), ("刘子轩", false)];

    public static readonly string[] Waiting = ["黄雨桐", "周博文", "吴佳琪", "郑宇航"];

    /// <summary>
    /// Loads the graduation demo once, after <see cref="DemoData"/>, in demo mode only. Separate from it so that the data
    /// tests' small data sets (exactly N students a school) stay as they are; those tests that need it call it themselves.
    /// </summary>
    public static async Task<bool> EnsureAsync(TsaDbContext db, PersonalDataProtector protector, TimeProvider clock, CancellationToken ct)
    {
        var schools = db.Unscoped<Organization>("demo and reference data are seeded by the system for the whole country");
        var graduated = await schools.FirstOrDefaultAsync(o => o.Code == "44010010", ct);
        var waiting = await schools.FirstOrDefaultAsync(o => o.Code == "44010007", ct);
        if (graduated is null || waiting is null || await db.Unscoped<GraduationRound>("demo and reference data are seeded by the system for the whole country").AnyAsync(ct))
        {
            return false;
        }

        await SeedAsync(db, protector, clock, graduated, waiting, ct);
        return true;
    }

    public static async Task SeedAsync(TsaDbContext db, PersonalDataProtector protector, TimeProvider clock, Organization graduated, Organization waiting, CancellationToken ct)
    {
        var today = clock.Today();
        var currentIntakeYear = today.Month >= 7 ? today.Year : today.Year - 1;
        var intakeYear = currentIntakeYear - 3;
        var now = clock.GetUtcNow().UtcDateTime;

        var majors = await Modules.Students.Features.Majors.MajorCatalogues.InForceAsync(db, today, ct);
        var done = Cohort(db, protector, graduated, intakeYear, Graduates.Select(g => g.Name).ToArray(), 0, today, now, majors);
        Cohort(db, protector, waiting, intakeYear, Waiting, Graduates.Length, today, now, majors);

        var reviewer = $"city-{graduated.CityCode}";
        var round = new GraduationRound(Guid.CreateVersion7(), graduated.Id, graduated.Code, graduated.Name, (int)(graduated.Kind ?? SchoolKind.TechnicalSchool), graduated.ScopePath,
            string.Create(CultureInfo.InvariantCulture, $"{currentIntakeYear}年夏季毕业"), new DateOnly(currentIntakeYear, 7, 1), $"school-{graduated.Code}", now);
        db.Add(round);
        var entries = new List<GraduationEntry>();
        foreach (var (record, i) in done.Select((r, i) => (r, i)))
        {
            var entry = new GraduationEntry(Guid.CreateVersion7(), round.Id, round.ScopePath, record.Id, record.Name, record.IdNumberMasked, record.StatusNumber, record.Major,
                record.TrainingLevel switch { TrainingLevel.Intermediate => "中级工", TrainingLevel.Senior => "高级工", _ => "预备技师" }, record.EnrolmentDate.AddYears(record.SchoolingYears));
            entry.Assess(true, Graduates[i].Passed, $"school-{graduated.Code}", now);
            entries.Add(entry);
            db.Add(entry);
        }

        round.Submit(entries, $"school-{graduated.Code}", now);
        round.Approve(reviewer, now);
        var serial = new Dictionary<CertificateKind, int>();
        foreach (var (entry, record) in entries.Zip(done))
        {
            var kind = entry.Passed ? CertificateKind.Graduation : CertificateKind.Completion;
            serial[kind] = serial.GetValueOrDefault(kind) + 1;
            var number = CertificateNumber.Compose(round.GraduationDate.Year, round.SchoolCode, round.SchoolKind, kind, serial[kind]);
            var certificate = new Certificate(Guid.CreateVersion7(), number, kind, record.Id, round.Id, round.ScopePath, record.Name, round.SchoolCode, round.SchoolName,
                entry.Major, entry.LevelText, round.GraduationDate, reviewer, now);
            db.Add(certificate);
            entry.Issued(certificate);
            record.ChangeStatus(entry.Passed ? EnrolmentStatus.Graduated : EnrolmentStatus.Completed, round.GraduationDate);
        }

        db.Record(SeedingAuditActions.GraduationSeeded, "demo", "/", null, new { round = round.Name, school = graduated.Code, certificates = entries.Count }, clock);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Active students of a school whose schooling has ended (enrolled three years before the current intake), saved:
    /// for demo data and for tests that need graduation candidates. <paramref name="firstPerson"/> makes ID and status
    /// numbers unique: each person index gets its own birth day (from 2004-01-01, before every other demo cohort).
    /// </summary>
    public static async Task<List<Guid>> AddCandidatesAsync(TsaDbContext db, PersonalDataProtector protector, TimeProvider clock, string schoolCode, int count, int firstPerson, CancellationToken ct)
    {
        var today = clock.Today();
        var intakeYear = (today.Month >= 7 ? today.Year : today.Year - 1) - 3;
        var school = await db.Unscoped<Organization>("demo and reference data are seeded by the system for the whole country").SingleAsync(o => o.Code == schoolCode, ct);
        var names = Enumerable.Range(0, count).Select(i => Waiting[i % Waiting.Length]).ToArray();
        var majors = await Modules.Students.Features.Majors.MajorCatalogues.InForceAsync(db, today, ct);
        var records = Cohort(db, protector, school, intakeYear, names, firstPerson, today, clock.GetUtcNow().UtcDateTime, majors);
        await db.SaveChangesAsync(ct);
        return records.Select(r => r.Id).ToList();
    }

    private static List<StudentRecord> Cohort(TsaDbContext db, PersonalDataProtector protector, Organization school, int intakeYear, string[] names, int firstPerson, DateOnly today, DateTime now, Modules.Students.Contracts.MajorCatalogueView majors)
    {
        var counties = Divisions.CountiesOfProvince(school.ProvinceCode!).Select(c => c.Code).ToArray();
        var batchId = Guid.CreateVersion7();
        var batchNumber = string.Create(CultureInfo.InvariantCulture, $"{school.Code}-demo-{intakeYear}-{firstPerson}");
        var records = new List<StudentRecord>();
        foreach (var (name, n) in names.Select((x, i) => (x, i)))
        {
            var person = firstPerson + n;
            var county = counties[person % counties.Length];
            var birth = new DateOnly(2004, 1, 1).AddDays(person);
            var first17 = string.Create(CultureInfo.InvariantCulture, $"{county}{birth:yyyyMMdd}02{person % 10}");
            var input = new StudentInput
            {
                Name = name,
                DocumentType = IdDocumentType.ResidentIdCard,
                IdNumber = first17 + IdDocument.ComputeCheckChar(first17),
                Ethnicity = "汉族",
                Household = Household.Rural,
                HouseholdCountyCode = county,
                Major = n % 2 == 0 ? "数控加工" : "汽车维修",
                MajorIsAgricultural = false,
                TrainingLevel = school.Kind == SchoolKind.TechnicalSchool ? TrainingLevel.Intermediate : TrainingLevel.Senior,
                EntryEducation = EntryEducation.JuniorMiddle,
                SchoolingYears = 3,
                IsFullTime = true,
                IntakeYear = intakeYear,
                IntakeSeason = IntakeSeason.Autumn,
                EnrolmentDate = new DateOnly(intakeYear, 9, 1),
                ClassName = string.Create(CultureInfo.InvariantCulture, $"{intakeYear}级{(n % 2 == 0 ? "数控" : "汽修")}1班"),
                PaperFileMade = true,
            };
            var valid = StudentValidation.Validate(input, today, protector, majors, out var errors)
                ?? throw new InvalidOperationException("Demo graduate invalid: " + string.Join("; ", errors.SelectMany(e => e.Value)));
            var record = new StudentRecord(Guid.CreateVersion7(), school.Id, school.Code, school.ScopePath, valid.Data, valid.Personal, $"school-{school.Code}", now);
            record.Verify($"school-{school.Code}", now, VerifyRegistration.OnSite);
            record.Submit(batchId, $"school-{school.Code}", now);
            var reviewer = school.ManagedBy == ManagedBy.Province ? $"prov-{school.ProvinceCode}" : $"city-{school.CityCode}";
            record.Approve(string.Create(CultureInfo.InvariantCulture, $"{intakeYear}{school.Code}{90001 + person:D5}"), reviewer, now);
            records.Add(record);
        }

        db.Add(new RegistrationBatch(batchId, school.Id, school.ScopePath, batchNumber, records.Count, $"school-{school.Code}", now));
        db.AddRange(records);
        return records;
    }
}
