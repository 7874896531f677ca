using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Students.Features;

/// <summary>One registration batch; <paramref name="Actions"/> names the rules of <see cref="StudentAccess"/> the caller passes on it ("approve", "return").</summary>
public sealed record BatchSummary(Guid Id, string Number, int StudentCount, string SubmittedBy, DateTime SubmittedAtUtc, IReadOnlyDictionary<string, int> States, int Version, IReadOnlyList<string> Actions);

public sealed record BatchResult(Guid? BatchId, string? BatchNumber, int Count, IReadOnlyList<string> StatusNumbers);

/// <summary>
/// ENR-3 end to end: on-site verification by the school, batch submission, and the supervising authority's approval
/// (which issues the permanent 学籍号) or return with a reason, per student or for a whole batch.
/// </summary>
public sealed class ReviewRegistrations(TsaDbContext db, SchoolDirectory schools, TimeProvider clock)
{
    public const string OnSite = "现场点名";

    public async Task<int> VerifyAsync(string schoolCode, IReadOnlyCollection<Guid> studentIds, string? method, CancellationToken ct)
    {
        db.Actor.Demand(StudentAccess.Verify);
        var school = await schools.ForWriteAsync(schoolCode, ct);
        db.Actor.Demand(StudentAccess.Verify, school.ScopePath);
        var students = await Load(school.Id, studentIds, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var how = string.IsNullOrWhiteSpace(method) ? OnSite : method.Trim();
        foreach (var s in students)
        {
            s.Verify(db.Actor.UserName, now, how);
            db.Record(StudentAuditActions.Verified, s.Id.ToString(), s.ScopePath, null, new { method = how }, clock);
        }

        await db.SaveChangesAsync(ct);
        return students.Count;
    }

    public async Task<BatchResult> SubmitAsync(string schoolCode, IReadOnlyCollection<Guid> studentIds, CancellationToken ct)
    {
        db.Actor.Demand(StudentAccess.Submit);
        var school = await schools.ForWriteAsync(schoolCode, ct);
        db.Actor.Demand(StudentAccess.Submit, school.ScopePath);
        var students = await Load(school.Id, studentIds, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = clock.Today();
        var count = await db.Unscoped<RegistrationBatch>("batch and student numbers are numbered across the country").CountAsync(b => b.SchoolId == school.Id, ct);
        var batch = new RegistrationBatch(Guid.CreateVersion7(), school.Id, school.ScopePath, string.Create(CultureInfo.InvariantCulture, $"{school.Code}-{today:yyyyMMdd}-{count + 1:D3}"), students.Count, db.Actor.UserName, now);
        db.Add(batch);
        foreach (var s in students)
        {
            s.Submit(batch.Id, db.Actor.UserName, now);
            db.Record(StudentAuditActions.Submitted, s.Id.ToString(), s.ScopePath, null, new { batch = batch.Number }, clock);
        }

        db.Record(StudentAuditActions.BatchSubmitted, batch.Id.ToString(), school.ScopePath, null, new { batch.Number, students = students.Count }, clock);
        await db.SaveChangesAsync(ct);
        return new BatchResult(batch.Id, batch.Number, students.Count, []);
    }

    public async Task<BatchResult> ApproveAsync(IReadOnlyCollection<Guid> studentIds, Guid? batchId, CancellationToken ct)
    {
        var students = await LoadForReview(StudentAccess.Approve, studentIds, batchId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var numbers = new List<string>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var group in students.GroupBy(s => (s.SchoolId, s.SchoolCode, s.IntakeYear)))
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"{group.Key.IntakeYear}{group.Key.SchoolCode}");
            var last = await db.Unscoped<StudentRecord>("batch and student numbers are numbered across the country")
                .Where(s => s.SchoolId == group.Key.SchoolId && s.StatusNumber != null && s.StatusNumber.StartsWith(prefix))
                .MaxAsync(s => s.StatusNumber, ct);
            var next = last is null ? 1 : int.Parse(last.AsSpan(prefix.Length), CultureInfo.InvariantCulture) + 1;
            foreach (var s in group.OrderBy(s => s.ClassName).ThenBy(s => s.Name))
            {
                var number = string.Create(CultureInfo.InvariantCulture, $"{prefix}{next++:D5}");
                s.Approve(number, db.Actor.UserName, now);
                numbers.Add(number);
                db.Record(StudentAuditActions.Approved, s.Id.ToString(), s.ScopePath, new { state = "Submitted" }, new { state = "Approved", statusNumber = number }, clock);
            }
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new BatchResult(batchId, null, students.Count, numbers);
    }

    public async Task<BatchResult> ReturnAsync(IReadOnlyCollection<Guid> studentIds, Guid? batchId, string? reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw AppException.Invalid("reason", "退回必须填写原因");
        }

        if (reason.Length > 500)
        {
            throw AppException.Invalid("reason", "退回原因不能超过 500 字");
        }

        var students = await LoadForReview(StudentAccess.Return, studentIds, batchId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var s in students)
        {
            s.Return(reason, db.Actor.UserName, now);
            db.Record(StudentAuditActions.Returned, s.Id.ToString(), s.ScopePath, new { state = "Submitted" }, new { state = "Returned", reason }, clock);
        }

        await db.SaveChangesAsync(ct);
        return new BatchResult(batchId, null, students.Count, []);
    }

    /// <summary>One batch with its students per state and its version (the ETag of its decisions).</summary>
    public async Task<BatchSummary> GetBatchAsync(Guid batchId, CancellationToken ct)
    {
        db.Actor.Demand(StudentAccess.View);
        var batch = await db.Set<RegistrationBatch>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == batchId, ct)
            ?? throw AppException.NotFound("批次");
        var states = await db.Set<StudentRecord>().Where(s => s.BatchId == batchId)
            .GroupBy(s => s.RegistrationState).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return new BatchSummary(batch.Id, batch.Number, batch.StudentCount, batch.SubmittedBy, batch.SubmittedAtUtc,
            states.ToDictionary(x => x.Key.ToString(), x => x.Count), batch.Version, StudentAccess.ActionsOnBatch(db.Actor, batch.ScopePath));
    }

    private async Task<List<StudentRecord>> Load(int schoolId, IReadOnlyCollection<Guid> ids, CancellationToken ct)
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
    private async Task<List<StudentRecord>> LoadForReview(AccessRule rule, IReadOnlyCollection<Guid> ids, Guid? batchId, CancellationToken ct)
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
}
