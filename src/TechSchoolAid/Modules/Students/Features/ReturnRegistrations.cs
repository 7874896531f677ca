using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Students.Features;

/// <summary>ENR-3: the supervising authority returns students (one by one or a whole batch) to the school, with a reason.</summary>
public sealed class ReturnRegistrations(TsaDbContext db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/return", async (ReviewRequest r, HttpContext http, ReturnRegistrations h, CancellationToken ct) =>
        {
            await RegistrationReview.RequireBatchVersionAsync(http, r.BatchId);
            return await h.HandleAsync(r.StudentIds ?? [], r.BatchId, r.Reason, ct);
        }).WithSummary("退回（须填原因；整批须带 If-Match）").RequireAccess(StudentAccess.Return).ProducesProblem(409).ProducesProblem(428);

    public async Task<BatchResult> HandleAsync(IReadOnlyCollection<Guid> studentIds, Guid? batchId, string? reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw AppException.Invalid("reason", "退回必须填写原因");
        }

        if (reason.Length > 500)
        {
            throw AppException.Invalid("reason", "退回原因不能超过 500 字");
        }

        var students = await RegistrationReview.LoadForReviewAsync(db, StudentAccess.Return, studentIds, batchId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var s in students)
        {
            s.Return(reason, db.Actor.UserName, now);
            db.Record(StudentAuditActions.Returned, s.Id.ToString(), s.ScopePath, new { state = "Submitted" }, new { state = "Returned", reason }, clock);
        }

        await db.SaveChangesAsync(ct);
        return new BatchResult(batchId, null, students.Count, []);
    }
}
