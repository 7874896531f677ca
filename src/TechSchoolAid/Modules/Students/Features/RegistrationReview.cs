using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Modules.Students.Features;

public sealed record StudentIdsRequest(IReadOnlyList<Guid>? StudentIds, string? Method);

public sealed record ReviewRequest(IReadOnlyList<Guid>? StudentIds, Guid? BatchId, string? Reason);

public sealed record BatchResult(Guid? BatchId, string? BatchNumber, int Count, IReadOnlyList<string> StatusNumbers);

/// <summary>
/// ENR-3, what its steps share: the school's selected students (verification, submission) and the students under review,
/// one by one or a whole batch (approval, return), each checked against the reviewer's rule.
/// </summary>
internal static class RegistrationReview
{
    public static async Task<List<StudentRecord>> LoadAsync(TsaDbContext db, int schoolId, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            throw AppException.Invalid("studentIds", "请至少选择一名学生");
        }

        var list = ids.Distinct().ToList();
        var students = await db.Set<StudentRecord>().Where(s => s.SchoolId == schoolId && list.Contains(s.Id)).ToListAsync(ct);
        if (students.Count != list.Count)
        {
            throw AppException.NotFound("所选学生中有的");
        }

        return students;
    }

    /// <summary>
    /// The reviewer must be the school's supervising authority itself: the city for 市管, the province for 省管 — the
    /// organisation directly above the school in the scope tree — and hold the review permission (<paramref name="rule"/>).
    /// </summary>
    public static async Task<List<StudentRecord>> LoadForReviewAsync(TsaDbContext db, AccessRule rule, IReadOnlyCollection<Guid> ids, Guid? batchId, CancellationToken ct)
    {
        db.Actor.Demand(rule);

        List<StudentRecord> students;
        if (batchId is { } b)
        {
            // A decision on the batch changes the batch's version, so two reviewers deciding one batch at once (or one
            // deciding from a stale view, If-Match) cannot both win: the second save fails its version check (409).
            var batch = await db.Set<RegistrationBatch>().FirstOrDefaultAsync(x => x.Id == b, ct)
                ?? throw AppException.NotFound("待审核的批次");
            batch.RecordDecision();
            students = await db.Set<StudentRecord>().Where(s => s.BatchId == b && s.RegistrationState == RegistrationState.Submitted).ToListAsync(ct);
            if (students.Count == 0)
            {
                throw AppException.Conflict($"批次 {batch.Number} 已没有待审核的学生（可能刚被其他审核人员处理），请刷新后查看");
            }
        }
        else
        {
            if (ids.Count == 0)
            {
                throw AppException.Invalid("studentIds", "请至少选择一名学生");
            }

            var list = ids.Distinct().ToList();
            students = await db.Set<StudentRecord>().Where(s => list.Contains(s.Id)).ToListAsync(ct);
            if (students.Count != list.Count)
            {
                throw AppException.NotFound("所选学生中有的");
            }
        }

        foreach (var s in students)
        {
            if (!db.Actor.May(rule, s.ScopePath))
            {
                throw AppException.Forbidden($"{s.Name} 所在学校不由您直接主管，应由其主管部门审核");
            }
        }

        return students;
    }

    /// <summary>
    /// Issue 11, item 5: entry, verification and submission belong to the intake's deadline (ENR-2); after it only a
    /// reopening that covers the school's steps allows them.
    /// </summary>
    public static async Task EnsureSchoolStepsOpenAsync(RegistrationWindow window, int schoolId, IEnumerable<StudentRecord> students, CancellationToken ct)
    {
        foreach (var (year, season) in students.Select(s => (s.IntakeYear, s.IntakeSeason)).Distinct().ToList())
        {
            await window.EnsureOpenAsync(schoolId, year, season, ct);
        }
    }

    /// <summary>
    /// Issue 11, item 5: the supervisor's approval belongs to the intake's deadline too; after it only a reopening of the
    /// school and intake that covers the approval allows it (refused naming the deadline, nothing written).
    /// </summary>
    public static async Task EnsureApprovalOpenAsync(RegistrationWindow window, IEnumerable<StudentRecord> students, CancellationToken ct)
    {
        foreach (var g in students.GroupBy(s => (s.SchoolId, s.IntakeYear, s.IntakeSeason)).ToList())
        {
            await window.EnsureApprovalOpenAsync(g.Key.SchoolId, g.First().SchoolCode, g.Key.IntakeYear, g.Key.IntakeSeason, ct);
        }
    }

    /// <summary>
    /// A decision on a whole batch carries the batch's version (If-Match, 428 without it); one on selected students has no
    /// single resource to name and is guarded by each student's own version and state.
    /// </summary>
    public static Task RequireBatchVersionAsync(HttpContext http, Guid? batchId) =>
        batchId is { } id ? Versioning.RequireAsync<RegistrationBatch>(http, id.ToString()) : Task.CompletedTask;
}
