using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

/// <summary>A student's aid lines over the terms, with who collected, submitted and reviewed each (AID-6).</summary>
public sealed class StudentAidRecords(TsaDbContext db)
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/students/{id:guid}/aid-records", (Guid id, StudentAidRecords records, CancellationToken ct) => records.HandleAsync(id, ct))
            .RequirePermission(Permission.ViewStudents)
            .WithTags("资助名单").WithSummary("学生各学期的资助记录及采集、报送、审核人与时间");

    public async Task<IReadOnlyList<StudentAidRecord>> HandleAsync(Guid studentId, CancellationToken ct)
    {
        if (!await db.StudentAidFactsInScope().AnyAsync(s => s.Id == studentId, ct))
        {
            throw AppException.NotFound("学生");
        }

        var rows = await (from e in db.Set<AidEntry>().AsNoTracking()
                          where e.StudentId == studentId
                          join r in db.Set<AidRound>().AsNoTracking() on e.RoundId equals r.Id
                          orderby r.SchoolYear descending, r.Semester descending, r.Item
                          select new { e, r.SchoolName, r.SubmittedBy, r.SubmittedAtUtc, r.ApprovalDeadline }).ToListAsync(ct);
        return rows.Select(x => new StudentAidRecord(x.e.Id, x.e.RoundId, new AidTerm(x.e.SchoolYear, x.e.Semester).ToString(), x.e.Item,
            AidTerm.ItemText(x.e.Item), x.e.AmountFen, x.e.State, x.e.State.ToChinese(), x.SchoolName, x.e.CollectedBy, x.e.CollectedAtUtc,
            x.SubmittedBy, x.SubmittedAtUtc, x.e.ReviewedBy, x.e.ReviewedAtUtc, x.e.ReviewNote,
            x.ApprovalDeadline, AidRoundRows.ApprovedLate(x.e.State, x.e.ReviewedAtUtc, x.ApprovalDeadline))).ToList();
    }
}
