using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Hardship.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Domain;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Aid.Hardship.Features;

/// <summary>Reads of AID-1: the staff list (scope-filtered), one version with its history, and the public list.</summary>
public sealed class HardshipQueries(TsaDbContext db, SchoolDirectory schools, StudentLifecycle students, PersonalDataProtector protector, TimeProvider clock)
{
    public const int MaxRows = 2000;

    public async Task<IReadOnlyList<HardshipRow>> ListAsync(HardshipFilter filter, CancellationToken ct)
    {
        var q = db.Set<HardshipAssessment>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.SchoolCode))
        {
            var code = filter.SchoolCode.Trim();
            q = q.Where(a => a.SchoolCode == code);
        }

        if (filter.SchoolYear is { } year)
        {
            q = q.Where(a => a.SchoolYear == year);
        }

        if (filter.Level is { } level)
        {
            q = q.Where(a => a.Level == level);
        }

        if (filter.State is { } state)
        {
            q = q.Where(a => a.State == state);
        }

        if (!string.IsNullOrWhiteSpace(filter.ClassName))
        {
            var className = filter.ClassName.Trim();
            q = q.Where(a => a.ClassName == className);
        }

        if (filter.PriorityOnly == true)
        {
            q = q.Where(a => a.PriorityGroups != PriorityGroups.None);
        }

        if (filter.IncludeHistory != true)
        {
            q = q.Where(a => a.SupersededAtUtc == null);
        }

        var rows = await q.OrderBy(a => a.SchoolCode).ThenBy(a => a.ClassName).ThenBy(a => a.StudentName).ThenByDescending(a => a.Version)
            .Take(MaxRows).ToListAsync(ct);
        return rows.Select(a => ToRow(a)).ToList();
    }

    public async Task<HardshipDetail> DetailAsync(Guid id, CancellationToken ct)
    {
        var a = await db.Set<HardshipAssessment>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw AppException.NotFound("家庭经济困难认定");
        var actions = db.Actor.ActionsOn(a.ScopePath, HardshipAccess.ManageOwnSchool, HardshipAccess.ReadFamilySituation);
        var detail = ToDetail(a, actions);
        if (detail.FamilySituation is not null)
        {
            // SEC-1: every view of the family situation is recorded with the actor (the audit event carries who and when).
            db.Record(HardshipAuditActions.SensitiveViewed, a.Id.ToString(), a.ScopePath, null,
                new { student = a.StudentName, schoolYear = a.SchoolYear, version = a.Version }, clock);
            await db.SaveChangesAsync(ct);
        }

        return detail;
    }

    /// <summary>Every version of a student's identification for a year, newest first.</summary>
    public async Task<IReadOnlyList<HardshipRow>> HistoryAsync(Guid studentId, CancellationToken ct)
    {
        await students.GetAsync(studentId, ct); // 404 outside scope
        var rows = await db.Set<HardshipAssessment>().AsNoTracking().Where(a => a.StudentId == studentId).ToListAsync(ct);
        return rows.OrderByDescending(a => a.SchoolYear).ThenByDescending(a => a.Version).Select(a => ToRow(a)).ToList();
    }

    /// <summary>
    /// The school's publication list as shown inside the school: the current versions being published today, name, class
    /// and level only. Withdrawn when the period ends.
    /// </summary>
    public async Task<IReadOnlyList<HardshipPublicEntry>> PublicationAsync(string schoolCode, CancellationToken ct)
    {
        var school = await schools.ForReadAsync(schoolCode, ct);
        var today = clock.Today();
        var rows = await db.Set<HardshipAssessment>().AsNoTracking()
            .Where(a => a.SchoolId == school.Id && a.SupersededAtUtc == null && a.State == HardshipState.Published
                && a.PublishedFrom <= today && a.PublishedTo >= today && a.Level != null)
            .Select(a => new { a.StudentName, a.ClassName, a.Level, a.PublishedFrom, a.PublishedTo })
            .ToListAsync(ct);
        return rows.OrderBy(r => r.ClassName, StringComparer.Ordinal).ThenBy(r => r.StudentName, StringComparer.Ordinal)
            .Select(r => new HardshipPublicEntry(r.StudentName, r.ClassName, r.Level!.Value.ToChinese(), r.PublishedFrom!.Value, r.PublishedTo!.Value))
            .ToList();
    }

    /// <summary>Active students of the caller's school without a current assessment for the year: the application form's choices.</summary>
    public async Task<IReadOnlyList<HardshipStudentChoice>> StudentsToApplyAsync(int schoolYear, CancellationToken ct)
    {
        var path = db.Actor.ScopePath;
        var taken = db.Set<HardshipAssessment>().Where(a => a.SchoolYear == schoolYear && a.SupersededAtUtc == null).Select(a => a.StudentId);
        return await db.StudentRowsInScope()
            .Where(s => s.ScopePath == path && s.RegistrationApproved && s.Status == EnrolmentStatus.Active && !taken.Contains(s.Id))
            .OrderBy(s => s.ClassName).ThenBy(s => s.Name).Take(MaxRows)
            .Select(s => new HardshipStudentChoice(s.Id, s.Name, s.ClassName)).ToListAsync(ct);
    }

    public static HardshipRow ToRow(HardshipAssessment a, DateOnly today) => new(
        a.Id, a.StudentId, a.SchoolCode, a.StudentName, a.ClassName, a.SchoolYear, a.Semester, a.Version, a.State, a.State.ToChinese(),
        a.Level, a.Level?.ToChinese(),
        Enum.GetValues<PriorityGroups>().Where(g => g != PriorityGroups.None && a.PriorityGroups.HasFlag(g)).Select(g => g.ToChinese()).ToList(),
        Enum.GetValues<WatchGroups>().Where(g => g != WatchGroups.None && a.WatchGroups.HasFlag(g)).Select(g => g.ToChinese()).ToList(),
        a.PublishedTo, a.HasOpenObjection, a.ObjectionDueDate, a.IsCurrent, a.ObjectionUpheld, a.CountsForAidOn(today), a.RowVersion);

    public HardshipRow ToRow(HardshipAssessment a) => ToRow(a, clock.Today());

    private HardshipDetail ToDetail(HardshipAssessment a, IReadOnlyList<string> actions)
    {
        var sensitive = actions.Contains(HardshipAccess.ReadFamilySituation.Name);
        string? Open(byte[]? cipher) => sensitive && cipher is not null ? protector.Decrypt(cipher) : null;
        return new(
            ToRow(a), Open(a.FamilySituationCipher), a.CommitmentSigned, a.CommitmentSignedOn, a.AppliedBy, a.AppliedAtUtc,
            a.PanelMembers?.Split('、') ?? [], a.PanelReviewedOn, Open(a.PanelOpinionCipher), a.PanelRecordedBy, a.PanelRecordedAtUtc,
            Open(a.DecisionNoteCipher), a.DecidedBy, a.DecidedAtUtc, a.PublishedFrom, a.PublishedBy, a.PublishedAtUtc,
            Open(a.ObjectionTextCipher), a.ObjectionRaisedOn, a.ObjectionRecordedBy, Open(a.ObjectionAnswerCipher), a.ObjectionAnsweredBy,
            a.ObjectionAnsweredAtUtc, a.ObjectionAnsweredLate, a.ObjectionUpheld, a.ArchivedBy, a.ArchivedAtUtc, a.SupersededBy, a.SupersededAtUtc, a.PreviousId, actions);
    }

    /// <summary>The read endpoints: any signed-in user in scope; the family situation only for the school's own aid staff.</summary>
    public static void Map(IEndpointRouteBuilder api, RouteGroupBuilder g)
    {
        api.MapGet("/students/{id:guid}/hardship", (Guid id, HardshipQueries q, CancellationToken ct) => q.HistoryAsync(id, ct))
            .WithTags("家庭经济困难认定").WithSummary("学生各学年各版本的认定（含历史版本）").RequirePermission(Permission.ViewStudents);
        api.MapGet("/schools/{schoolCode}/hardship-publication", (string schoolCode, HardshipQueries q, CancellationToken ct) => q.PublicationAsync(schoolCode, ct))
            .WithTags("家庭经济困难认定").WithSummary("校内公示名单（仅姓名、班级、认定等级；公示期结束即撤下）").ProducesProblem(404)
            .RequirePermission(Permission.ViewStudents);
        g.MapGet("/", ([AsParameters] HardshipFilter filter, HardshipQueries q, CancellationToken ct) => q.ListAsync(filter, ct))
            .WithSummary("管理范围内的认定（按学校、学年、等级、状态、重点保障群体筛选；不含家庭情况）").RequirePermission(Permission.ViewStudents);
        g.MapGet("/{id:guid}", (Guid id, HardshipQueries q, CancellationToken ct) => q.DetailAsync(id, ct))
            .WithSummary("一份认定及各环节的办理人与时间（家庭情况仅本校资助工作人员可见；响应头 ETag 为其版本）").ProducesProblem(404)
            .Versioned<HardshipAssessment>().RequirePermission(Permission.ViewStudents);
    }
}
