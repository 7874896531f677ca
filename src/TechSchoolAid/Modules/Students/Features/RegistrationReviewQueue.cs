using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Modules.Students.Features;

/// <summary>A school in the caller's scope as the review page names it, with who reviews its registrations.</summary>
/// <param name="Reviewer">"省级" for a school the province supervises directly (省管), "市级" for one under its city (市管).</param>
public sealed record ReviewSchool(string Code, string Name, string Reviewer);

/// <summary>A registration batch as the review page lists it.</summary>
public sealed record PendingBatchInfo(Guid Id, string Number, string SubmittedBy, DateTime SubmittedAt);

/// <summary>
/// The students waiting for review in the caller's scope (at most the number asked for), each with its <c>actions</c>
/// ("approve" and "return" only where the caller is the school's direct supervisor), and the batches they came in.
/// </summary>
/// <param name="Overdue">The students past their intake's registration deadline (issue 11, item 5), with "逾期未完成注册" and the step.</param>
public sealed record PendingRegistrations(
    IReadOnlyList<StudentDto> Students, bool Truncated, IReadOnlyDictionary<Guid, PendingBatchInfo> Batches, IReadOnlyDictionary<Guid, string> Overdue);

/// <summary>What the supervising authority's review page reads (ENR-3): the waiting students and the schools in scope.</summary>
public sealed class RegistrationReviewQueue(TsaDbContext db, StudentQueries students, RegistrationWindow window)
{
    /// <summary>Every school in the caller's scope, in code order, with who reviews it.</summary>
    public async Task<IReadOnlyList<ReviewSchool>> SchoolsAsync(CancellationToken ct)
    {
        db.Actor.Demand(StudentAccess.View);
        var schools = await db.Organizations().Where(o => o.Level == OrgLevel.School).OrderBy(o => o.Code)
            .Select(o => new { o.Code, o.Name, o.ScopePath }).ToListAsync(ct);
        return schools.Select(s => new ReviewSchool(s.Code, s.Name, SupervisedByProvince(s.ScopePath) ? "省级" : "市级")).ToList();
    }

    /// <summary>The submitted students in scope, page by page up to <paramref name="max"/>, and their batches.</summary>
    public async Task<PendingRegistrations> PendingAsync(int max, CancellationToken ct)
    {
        db.Actor.Demand(StudentAccess.Approve);
        var list = new List<StudentDto>();
        var truncated = false;
        var page = 1;
        while (true)
        {
            var result = await students.ListAsync(new StudentFilter { State = RegistrationState.Submitted, Page = page, PageSize = StudentQueries.MaxPageSize }, ct);
            list.AddRange(result.Items);
            truncated = result.Total > max;
            if (result.Items.Count < result.PageSize || page * result.PageSize >= Math.Min(result.Total, max))
            {
                break;
            }

            page++;
        }

        var batchIds = list.Where(s => s.BatchId is not null).Select(s => s.BatchId!.Value).Distinct().ToList();
        var batches = await db.Set<RegistrationBatch>().AsNoTracking().Where(b => batchIds.Contains(b.Id))
            .Select(b => new PendingBatchInfo(b.Id, b.Number, b.SubmittedBy, b.SubmittedAtUtc)).ToDictionaryAsync(b => b.Id, ct);
        var overdue = new Dictionary<Guid, string>();
        foreach (var intake in list.GroupBy(s => (s.IntakeYear, s.IntakeSeason)))
        {
            var deadline = await window.DeadlineAsync(intake.Key.IntakeYear, intake.Key.IntakeSeason, ct);
            if (window.Today > deadline)
            {
                foreach (var s in intake)
                {
                    overdue[s.Id] = RegistrationLateness.Describe(s.IntakeYear, s.IntakeSeason, deadline, RegistrationLateness.StuckAt(s.RegistrationState, s.VerifiedAt is not null));
                }
            }
        }

        return new PendingRegistrations(list, truncated, batches, overdue);
    }

    /// <summary>A school path is /province/school/ under a province and /province/city/school/ under a city.</summary>
    private static bool SupervisedByProvince(string schoolPath) =>
        ScopePaths.ParentOf(schoolPath).Count(c => c == '/') == 2;
}
