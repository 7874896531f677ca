using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Modules.Students.Contracts;

/// <summary>Where a student's status stands (STA-1). Numbers are stored: never renumber.</summary>
public enum EnrolmentStatus
{
    Pending = 0,        // 未注册（注册尚未审核通过）
    Active = 1,         // 在籍
    Suspended = 2,      // 休学
    Reserved = 3,       // 保留学籍（应征入伍）
    Withdrawn = 4,      // 退学
    Expelled = 5,       // 开除学籍
    Deceased = 6,       // 死亡
    TransferredOut = 7, // 转出
    Completed = 8,      // 结业/肄业
    Graduated = 9,      // 毕业
}

public static class EnrolmentStatuses
{
    public static string ToChinese(this EnrolmentStatus s) => s switch
    {
        EnrolmentStatus.Pending => "未注册",
        EnrolmentStatus.Active => "在籍",
        EnrolmentStatus.Suspended => "休学",
        EnrolmentStatus.Reserved => "保留学籍",
        EnrolmentStatus.Withdrawn => "退学",
        EnrolmentStatus.Expelled => "开除学籍",
        EnrolmentStatus.Deceased => "死亡",
        EnrolmentStatus.TransferredOut => "已转出",
        EnrolmentStatus.Completed => "结业/肄业",
        _ => "毕业",
    };

    /// <summary>The record is closed: the person no longer holds the full-time place at this school.</summary>
    public static bool IsEnded(this EnrolmentStatus s) =>
        s is EnrolmentStatus.Withdrawn or EnrolmentStatus.Expelled or EnrolmentStatus.Deceased or EnrolmentStatus.TransferredOut
            or EnrolmentStatus.Completed or EnrolmentStatus.Graduated;

    /// <summary>The guarded transitions of the lifecycle.</summary>
    public static bool CanMove(EnrolmentStatus from, EnrolmentStatus to) => (from, to) switch
    {
        (EnrolmentStatus.Active, EnrolmentStatus.Suspended or EnrolmentStatus.Reserved or EnrolmentStatus.Withdrawn or EnrolmentStatus.Expelled
            or EnrolmentStatus.Deceased or EnrolmentStatus.TransferredOut or EnrolmentStatus.Completed or EnrolmentStatus.Graduated) => true,
        (EnrolmentStatus.Suspended or EnrolmentStatus.Reserved, EnrolmentStatus.Active or EnrolmentStatus.Withdrawn or EnrolmentStatus.Expelled or EnrolmentStatus.Deceased) => true,
        // GRD-1: a completion (结业) certificate is upgraded to a graduation certificate once the missing courses are passed.
        (EnrolmentStatus.Completed, EnrolmentStatus.Graduated) => true,
        _ => false,
    };
}

/// <summary>What other modules may know of a student's status record.</summary>
public sealed record StudentStatusInfo(
    Guid Id,
    int SchoolId,
    string SchoolCode,
    string ScopePath,
    string Name,
    string IdNumberMasked,
    string? StatusNumber,
    string Major,
    bool MajorIsAgricultural,
    MajorArts MajorArts,
    string ClassName,
    bool IsFullTime,
    bool RegistrationApproved,
    DateOnly EnrolmentDate,
    EnrolmentStatus Status,
    DateOnly? StatusSince,
    Guid? ContinuedFromId,
    DateOnly? ContinuedOn);

/// <summary>One record of the same person (matched by the blind index), for the person's history across schools.</summary>
public sealed record PersonRecordInfo(Guid Id, string SchoolCode, string SchoolName, DateOnly EnrolmentDate, DateOnly? ContinuedOn, EnrolmentStatus Status, DateOnly? StatusSince, bool IsThisRecord);

/// <summary>
/// The status-record side of STA-1, for the StatusChanges module: reads of a record and its guarded transitions. Writes
/// are only tracked here; the caller saves them together with its own change and audit event, in one transaction.
/// </summary>
public sealed class StudentLifecycle(TsaDbContext db)
{
    public async Task<StudentStatusInfo> GetAsync(Guid studentId, CancellationToken ct) =>
        await Project(db.Set<StudentRecord>().AsNoTracking().Where(s => s.Id == studentId)).FirstOrDefaultAsync(ct)
        ?? throw AppException.NotFound("学生");

    /// <summary>A record whatever the caller's scope: only for a transfer's completion, after the caller's rights were checked.</summary>
    public async Task<StudentStatusInfo> GetAcrossSchoolsAsync(Guid studentId, CancellationToken ct) =>
        await Project(db.Unscoped<StudentRecord>("a student moves between schools: transfers and national numbering see other schools").AsNoTracking().Where(s => s.Id == studentId)).FirstOrDefaultAsync(ct)
        ?? throw AppException.NotFound("学生");

    public Task<List<StudentStatusInfo>> GetManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        Project(db.Set<StudentRecord>().AsNoTracking().Where(s => ids.Contains(s.Id))).ToListAsync(ct);

    /// <summary>Moves the record to a new status (tracked, not saved). Crossing schools is the caller's decision, checked before.</summary>
    public async Task ChangeStatusAsync(Guid studentId, EnrolmentStatus to, DateOnly on, CancellationToken ct) =>
        (await TrackedAsync(studentId, ct)).ChangeStatus(to, on);

    public async Task RestoreStatusAsync(Guid studentId, EnrolmentStatus previous, DateOnly? previousSince, CancellationToken ct) =>
        (await TrackedAsync(studentId, ct)).RestoreStatus(previous, previousSince);

    public async Task ChangeMajorAsync(Guid studentId, string major, bool agricultural, MajorArts arts, CancellationToken ct) =>
        (await TrackedAsync(studentId, ct)).ChangeMajor(major, agricultural, arts);

    public async Task ChangeClassAsync(Guid studentId, string className, CancellationToken ct) =>
        (await TrackedAsync(studentId, ct)).ChangeClass(className);

    /// <summary>An approved repeated year (+1) or its undo (−1): moves the expected end of schooling (issue 11, item 12).</summary>
    public async Task RepeatYearAsync(Guid studentId, int years, CancellationToken ct) =>
        (await TrackedAsync(studentId, ct)).RepeatYear(years);

    /// <summary>
    /// Continues a transferred-out record at the receiving school under a new 学籍号 of that school (tracked, not saved).
    /// Save the sending record's transfer-out first: the one-place index must never see two holders.
    /// </summary>
    public async Task<Guid> ContinueAtAsync(Guid sourceId, OrgRow school, DateOnly transferredOn, string by, DateTime atUtc, CancellationToken ct)
    {
        var source = await TrackedAsync(sourceId, ct);
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{source.IntakeYear}{school.Code}");
        var last = await db.Unscoped<StudentRecord>("a student moves between schools: transfers and national numbering see other schools")
            .Where(s => s.SchoolId == school.Id && s.StatusNumber != null && s.StatusNumber.StartsWith(prefix))
            .MaxAsync(s => s.StatusNumber, ct);
        var next = last is null ? 1 : int.Parse(last.AsSpan(prefix.Length), CultureInfo.InvariantCulture) + 1;
        var number = string.Create(CultureInfo.InvariantCulture, $"{prefix}{next:D5}");
        var record = StudentRecord.ContinueAt(source, Guid.CreateVersion7(), school.Id, school.Code, school.ScopePath, number, transferredOn, by, atUtc);
        db.Add(record);
        return record.Id;
    }

    /// <summary>
    /// Every record of the person of <paramref name="studentId"/>, across schools (a national rule: the history of one
    /// person follows transfers). Only school names, dates and statuses leave this method.
    /// </summary>
    public async Task<IReadOnlyList<PersonRecordInfo>> PersonHistoryAsync(Guid studentId, CancellationToken ct)
    {
        var hash = await db.Set<StudentRecord>().AsNoTracking().Where(s => s.Id == studentId).Select(s => s.IdNumberHash).FirstOrDefaultAsync(ct)
            ?? throw AppException.NotFound("学生");
        var rows = await (
            from s in db.Unscoped<StudentRecord>("a student moves between schools: transfers and national numbering see other schools").AsNoTracking()
            join o in db.AllOrganizations() on s.SchoolId equals o.Id
            where s.IdNumberHash == hash && s.RegistrationState == RegistrationState.Approved
            select new { s.Id, s.SchoolCode, o.Name, s.EnrolmentDate, s.ContinuedOn, s.Status, s.StatusSince }).ToListAsync(ct);
        return rows.OrderBy(r => r.ContinuedOn ?? r.EnrolmentDate)
            .Select(r => new PersonRecordInfo(r.Id, r.SchoolCode, r.Name, r.EnrolmentDate, r.ContinuedOn, r.Status, r.StatusSince, r.Id == studentId))
            .ToList();
    }

    private async Task<StudentRecord> TrackedAsync(Guid id, CancellationToken ct) =>
        db.Set<StudentRecord>().Local.FirstOrDefault(s => s.Id == id)
        ?? await db.Unscoped<StudentRecord>("a student moves between schools: transfers and national numbering see other schools").FirstOrDefaultAsync(s => s.Id == id, ct)
        ?? throw AppException.NotFound("学生");

    private static IQueryable<StudentStatusInfo> Project(IQueryable<StudentRecord> q) => q.Select(s => new StudentStatusInfo(
        s.Id, s.SchoolId, s.SchoolCode, s.ScopePath, s.Name, s.IdNumberMasked, s.StatusNumber, s.Major, s.MajorIsAgricultural, s.MajorArts, s.ClassName, s.IsFullTime,
        s.RegistrationState == RegistrationState.Approved, s.EnrolmentDate, s.Status, s.StatusSince, s.ContinuedFromId, s.ContinuedOn));
}
