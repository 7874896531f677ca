using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Modules.Students.Features;

/// <summary>ENR-3: the supervising authority approves students (one by one or a whole batch), which issues their permanent 学籍号.</summary>
public sealed class ApproveRegistrations(TsaDbContext db, RegistrationWindow window, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/approve", async (ReviewRequest r, HttpContext http, ApproveRegistrations h, CancellationToken ct) =>
        {
            await RegistrationReview.RequireBatchVersionAsync(http, r.BatchId);
            return await h.HandleAsync(r.StudentIds ?? [], r.BatchId, ct);
        }).WithSummary("审核通过（按学生或整批；整批须带 If-Match），生成学籍号").RequireAccess(StudentAccess.Approve).ProducesProblem(409).ProducesProblem(428);

    public async Task<BatchResult> HandleAsync(IReadOnlyCollection<Guid> studentIds, Guid? batchId, CancellationToken ct)
    {
        var students = await RegistrationReview.LoadForReviewAsync(db, StudentAccess.Approve, studentIds, batchId, ct);
        if (students.Count(s => db.Actor.IsHandOf(s.CollectedBy, s.SubmittedBy)) is > 0 and var own)
        {
            throw AppException.Forbidden(FourEyes.Refusal("学生注册信息") + string.Create(CultureInfo.InvariantCulture, $"（其中 {own} 名学生由您采集或报送）"));
        }

        await RegistrationReview.EnsureApprovalOpenAsync(window, students, ct);
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
}
