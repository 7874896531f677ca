using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Identity;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Modules.Students.Features;

public sealed class StudentFilter
{
    public string? SchoolCode { get; set; }

    public string? Search { get; set; }

    public RegistrationState? State { get; set; }

    /// <summary>The enrolment status (在籍, 休学, 退学 …).</summary>
    public EnrolmentStatus? Status { get; set; }

    public int? IntakeYear { get; set; }

    public IntakeSeason? IntakeSeason { get; set; }

    public string? ClassName { get; set; }

    public Guid? BatchId { get; set; }

    public int Page { get; set; } = 1;

    public int PageSize { get; set; } = 50;
}

/// <summary>
/// A student as lists and the API show it: masked personal data, and who did each step. <see cref="BirthDate"/> is null
/// for a role without <see cref="Permission.RevealPersonalData"/>: beside the masked ID number it would narrow the hidden
/// digits to a handful of candidates (docs/adr/0003). <see cref="Actions"/> names the rules of <see cref="StudentAccess"/>
/// the caller passes on this student ("edit", "verify", "submit", "approve", "return", "reveal-id-number"), so pages show
/// buttons from data; whether the record's state allows the step is the record's own business.
/// </summary>
public sealed record StudentDto(
    Guid Id,
    string SchoolCode,
    string SchoolName,
    string Name,
    IdDocumentType DocumentType,
    string IdNumberMasked,
    DateOnly? BirthDate,
    Sex Sex,
    string Ethnicity,
    Household Household,
    string HouseholdCountyCode,
    string Major,
    bool MajorIsAgricultural,
    MajorArts MajorArts,
    TrainingLevel TrainingLevel,
    EntryEducation EntryEducation,
    int SchoolingYears,
    bool IsFullTime,
    int IntakeYear,
    IntakeSeason IntakeSeason,
    DateOnly EnrolmentDate,
    string ClassName,
    string? PhoneMasked,
    string? GuardianName,
    string? GuardianPhoneMasked,
    bool PaperFileMade,
    RegistrationState RegistrationState,
    string? StatusNumber,
    string CollectedBy,
    DateTime CollectedAt,
    string? VerifiedBy,
    DateTime? VerifiedAt,
    string? VerificationMethod,
    string? SubmittedBy,
    DateTime? SubmittedAt,
    string? ReviewedBy,
    DateTime? ReviewedAt,
    string? ReviewNote,
    Guid? BatchId,
    EnrolmentStatus Status,
    DateOnly? StatusSince,
    DateOnly? ContinuedOn,
    int Version)
{
    public IReadOnlyList<string> Actions { get; init; } = [];

    /// <summary>The major's code in the catalogue edition it was entered against (ADR 0025); null before the catalogue.</summary>
    public string? MajorCode { get; init; }

    /// <summary>Approved repeated years (留级/降级): each moves the expected end of schooling by a year.</summary>
    public int RepeatedYears { get; init; }

    /// <summary>Days of approved, ended suspensions (休学): they move the expected end of schooling.</summary>
    public int SuspendedDays { get; init; }

    /// <summary>预计学制结束日期 on <paramref name="today"/> (issue 11, item 12; <see cref="ExpectedSchoolingEnd"/>).</summary>
    public DateOnly ExpectedEndOn(DateOnly today) => ExpectedSchoolingEnd.Of(EnrolmentDate, SchoolingYears, RepeatedYears, SuspendedDays, Status, StatusSince, today);

    /// <summary>What moved the expected end, in Chinese, or null.</summary>
    public string? ExpectedEndMoves(DateOnly today) => ExpectedSchoolingEnd.Moves(RepeatedYears, SuspendedDays, Status, StatusSince, today);
}


public sealed class StudentQueries(TsaDbContext db, PersonalDataProtector protector, TimeProvider clock)
{
    /// <summary>The lists (a school's, the scope's), the detail, the audited reveal and the export.</summary>
    public static void Map(RouteGroupBuilder schools, RouteGroupBuilder students)
    {
        // The school code comes from the route through the query object only: a second `string schoolCode` parameter
        // declared the same path parameter twice in the API document.
        schools.MapGet("/students", ([AsParameters] StudentListQuery q, StudentQueries queries, CancellationToken ct) =>
            queries.ListAsync(q.ToFilter(q.SchoolCode), ct)).WithSummary("本校学生名单（筛选、分页）").RequireAccess(StudentAccess.View);
        students.MapGet("/", ([AsParameters] StudentListQuery q, StudentQueries queries, CancellationToken ct) =>
            queries.ListAsync(q.ToFilter(q.SchoolCode), ct)).WithSummary("管理范围内的学生（筛选、分页）").RequireAccess(StudentAccess.View);
        students.MapGet("/{id:guid}", (Guid id, StudentQueries queries, CancellationToken ct) => queries.GetAsync(id, ct))
            .WithSummary("学生详情（证件号码脱敏；响应头 ETag 为其版本）").RequireAccess(StudentAccess.View).Versioned<StudentRecord>();
        students.MapPost("/{id:guid}/reveal-id-number", async (Guid id, StudentQueries queries, CancellationToken ct) =>
            TypedResults.Ok(new { idNumber = await queries.RevealIdNumberAsync(id, ct) })).WithSummary("查看完整证件号码（记入审计）")
            // The student is looked up before the rule is demanded, so a student outside scope is 404 for every role: the
            // endpoint carries the reading permission, the handler demands StudentAccess.RevealIdNumber on the record.
            .RequireAccess(StudentAccess.View);
        students.MapGet("/export", async ([AsParameters] StudentListQuery q, StudentQueries queries, CancellationToken ct) =>
            TypedResults.File(await queries.ExportAsync(q.ToFilter(q.SchoolCode), ct), FileResponses.Xlsx, "学生名单.xlsx")).WithSummary("导出 Excel").RequireAccess(StudentAccess.Export).ProducesFile(FileResponses.Xlsx);
    }

    public const int MaxPageSize = 500;

    public IQueryable<StudentRecord> Filtered(StudentFilter f)
    {
        var q = db.Set<StudentRecord>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(f.SchoolCode))
        {
            q = q.Where(s => s.SchoolCode == f.SchoolCode);
        }

        if (f.State is { } state)
        {
            q = q.Where(s => s.RegistrationState == state);
        }

        if (f.Status is { } status)
        {
            q = q.Where(s => s.Status == status);
        }

        if (f.IntakeYear is { } year)
        {
            q = q.Where(s => s.IntakeYear == year);
        }

        if (f.IntakeSeason is { } season)
        {
            q = q.Where(s => s.IntakeSeason == season);
        }

        if (!string.IsNullOrWhiteSpace(f.ClassName))
        {
            q = q.Where(s => s.ClassName == f.ClassName);
        }

        if (f.BatchId is { } batch)
        {
            q = q.Where(s => s.BatchId == batch);
        }

        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            var term = f.Search.Trim();
            var normalized = IdDocument.Normalize(term);
            if (normalized.Length is 15 or 18 && normalized[..6].All(char.IsAsciiDigit))
            {
                // A whole ID number: found through the blind index, never by decrypting rows.
                // During a re-index (docs/adr/0003) a row may still carry the previous index: both are looked up.
                var hashes = protector.BlindIndexes(normalized.Length == 15 ? IdDocument.Upgrade15To18(normalized) : normalized);
                var hash = hashes[0];
                var previous = hashes.Count > 1 ? hashes[1] : hash;
                q = q.Where(s => s.IdNumberHash == hash || s.IdNumberHash == previous);
            }
            else
            {
                q = q.Where(s => s.Name.StartsWith(term) || s.StatusNumber == term);
            }
        }

        return q;
    }

    /// <summary>The most rows a list above a school counts exactly.</summary>
    public const int TotalCap = 10_000;

    /// <summary>
    /// For a province or city without a school chosen: also bounds the school code by the lowest and highest code of the
    /// schools in scope. Redundant with the scope filter (every record carries its school's code), but it lets PostgreSQL
    /// walk the list's (SchoolCode, ClassName, Name) index from the scope's first school instead of from the country's
    /// (docs/postgres-physical-design.md: a province's first page went from seconds to under a millisecond).
    /// </summary>
    private async Task<IQueryable<StudentRecord>> WithinSchoolCodesAsync(IQueryable<StudentRecord> q, StudentFilter f, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(f.SchoolCode) || db.Actor.Level is not (OrgLevel.Province or OrgLevel.City))
        {
            return q;
        }

        var codes = db.Organizations().Where(o => o.Level == OrgLevel.School).Select(o => o.Code);
        var low = await codes.OrderBy(c => c).FirstOrDefaultAsync(ct);
        var high = await codes.OrderByDescending(c => c).FirstOrDefaultAsync(ct);
        return low is null || high is null ? q : q.Where(s => string.Compare(s.SchoolCode, low) >= 0 && string.Compare(s.SchoolCode, high) <= 0);
    }

    public async Task<PagedResult<StudentDto>> ListAsync(StudentFilter f, CancellationToken ct)
    {
        db.Actor.Demand(StudentAccess.View);
        var (page, pageSize) = Paging.Clamp(f.Page, f.PageSize, MaxPageSize);
        var filtered = Filtered(f);
        // Above a school the exact count of a province (hundreds of thousands) costs more than the page itself; past the cap
        // the page says "10,000+" and asks for a filter. Counted without the school-code bound: the scope index alone then
        // stops at the cap (prov-44 at 5 M students: 33 → 2 ms; with the bound PostgreSQL intersected two bitmaps of the
        // whole province).
        var capped = db.Actor.Level != OrgLevel.School;
        var total = capped ? await filtered.Take(TotalCap + 1).CountAsync(ct) : await filtered.CountAsync(ct);
        var q = await WithinSchoolCodesAsync(filtered, f, ct);

        // The page in two steps: its ids first, in order (from the scope index's included columns, or by walking the
        // school-code index for a province), then those rows. One query would read every row of a city to sort it.
        var ids = await q.OrderBy(s => s.SchoolCode).ThenBy(s => s.ClassName).ThenBy(s => s.Name).ThenBy(s => s.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).Select(s => s.Id).ToListAsync(ct);
        var position = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var rows = (await Project(db.Set<StudentRecord>().AsNoTracking().Where(s => ids.Contains(s.Id))).ToListAsync(ct))
            .OrderBy(r => position[r.Id]).Select(Shown).ToList();
        return total > TotalCap && capped
            ? new PagedResult<StudentDto>(rows, TotalCap, page, pageSize, TotalIsCapped: true)
            : new PagedResult<StudentDto>(rows, total, page, pageSize);
    }

    public async Task<StudentDto> GetAsync(Guid id, CancellationToken ct)
    {
        db.Actor.Demand(StudentAccess.View);
        var row = await Project(db.Set<StudentRecord>().AsNoTracking().Where(s => s.Id == id)).FirstOrDefaultAsync(ct)
            ?? throw AppException.NotFound("学生");
        return Shown(row);
    }

    /// <summary>Shows one clear ID number to a role that may see it, and audits the view (SEC-1, AUD-1).</summary>
    public async Task<string> RevealIdNumberAsync(Guid id, CancellationToken ct)
    {
        var record = await db.Set<StudentRecord>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct)
            ?? throw AppException.NotFound("学生");
        db.Actor.Demand(StudentAccess.RevealIdNumber, record.ScopePath);
        db.Record(StudentAuditActions.IdNumberViewed, record.Id.ToString(), record.ScopePath, null, new { record.Name, idNumber = record.IdNumberMasked }, clock);
        await db.SaveChangesAsync(ct);
        return protector.Decrypt(record.IdNumberCipher);
    }

    /// <summary>Excel export of the filtered list, in scope and with masked numbers and neutralised formulas (IMP-1).</summary>
    public async Task<byte[]> ExportAsync(StudentFilter f, CancellationToken ct)
    {
        db.Actor.Demand(StudentAccess.Export);
        var rows = (await Project(Filtered(f).OrderBy(s => s.SchoolCode).ThenBy(s => s.ClassName).ThenBy(s => s.Name).Take(100_000)).ToListAsync(ct))
            .Select(Shown).ToList();
        db.Record(StudentAuditActions.Exported, f.SchoolCode ?? "*", db.ScopePath, null, new { rows = rows.Count, f.SchoolCode, f.State, f.IntakeYear }, clock);
        await db.SaveChangesAsync(ct);
        return SafeExcel.Write(rows.Select(s => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["学校代码"] = s.SchoolCode,
            ["学校"] = s.SchoolName,
            ["学籍号"] = s.StatusNumber,
            ["姓名"] = s.Name,
            ["证件类型"] = s.DocumentType.ToChinese(),
            ["证件号码"] = s.IdNumberMasked,
            ["性别"] = s.Sex.ToChinese(),
            ["出生日期"] = s.BirthDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? HiddenText,
            ["民族"] = s.Ethnicity,
            ["户籍性质"] = s.Household.ToChinese(),
            ["专业"] = s.Major,
            ["培养层次"] = s.TrainingLevel.ToChinese(),
            ["学制"] = s.SchoolingYears,
            ["全日制"] = s.IsFullTime ? "是" : "否",
            ["招生季"] = StudentText.Intake(s.IntakeYear, s.IntakeSeason),
            ["班级"] = s.ClassName,
            ["注册状态"] = s.RegistrationState.ToChinese(),
            ["学籍状态"] = s.Status.ToChinese(),
            ["采集人"] = s.CollectedBy,
            ["报送人"] = s.SubmittedBy,
            ["审核人"] = s.ReviewedBy,
        }), "学生名单");
    }

    /// <summary>What the export and the pages show in place of a birth date the role may not see.</summary>
    public const string HiddenText = "（已隐藏）";

    /// <summary>The one place that withholds the birth date from a role that may not reveal the ID number.</summary>
    private StudentDto Shown(ShownRow row) => row.Student with
    {
        BirthDate = db.Actor.May(StudentAccess.RevealIdNumber, row.ScopePath) ? row.Student.BirthDate : null,
        Actions = StudentAccess.ActionsOnStudent(db.Actor, row.ScopePath),
    };

    /// <summary>A projected student with the scope path its actions are decided on.</summary>
    private sealed record ShownRow(StudentDto Student, string ScopePath)
    {
        public Guid Id => Student.Id;
    }

    private IQueryable<ShownRow> Project(IQueryable<StudentRecord> q) =>
        from s in q
        join o in db.Organizations() on s.SchoolId equals o.Id
        select new ShownRow(new StudentDto(
            s.Id, s.SchoolCode, o.Name, s.Name, s.DocumentType, s.IdNumberMasked, (DateOnly?)s.BirthDate, s.Sex, s.Ethnicity, s.Household,
            s.HouseholdCountyCode, s.Major, s.MajorIsAgricultural, s.MajorArts, s.TrainingLevel, s.EntryEducation, s.SchoolingYears, s.IsFullTime,
            s.IntakeYear, s.IntakeSeason, s.EnrolmentDate, s.ClassName, s.PhoneMasked, s.GuardianName, s.GuardianPhoneMasked,
            s.PaperFileMade, s.RegistrationState, s.StatusNumber, s.CollectedBy, s.CollectedAtUtc, s.VerifiedBy, s.VerifiedAtUtc,
            s.VerificationMethod, s.SubmittedBy, s.SubmittedAtUtc, s.ReviewedBy, s.ReviewedAtUtc, s.ReviewNote, s.BatchId,
            s.Status, s.StatusSince, s.ContinuedOn, s.Version) { RepeatedYears = s.RepeatedYears, SuspendedDays = s.SuspendedDays, MajorCode = s.MajorCode }, s.ScopePath);
}
