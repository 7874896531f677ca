using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.StatusChanges.Domain;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.StatusChanges.Features;

/// <summary>
/// STA-5 from the record and its approved changes, replayed in date order: the answer for a date does not depend on
/// the record's status today, so a payment run for a past month gets the answer that was true then.
/// </summary>
public sealed class AidEligibility(TsaDbContext db, StudentLifecycle students) : IAidEligibility
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/students/{id:guid}/aid-eligibility", async (Guid id, DateOnly? date, IAidEligibility eligibility, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(await eligibility.IsEligibleForAidAsync(id, date ?? ChinaTime.Today(clock), ct)))
            .WithTags("学籍异动").WithSummary("某日是否具备资助资格（在籍、全日制、正式学籍）").RequirePermission(Permission.ViewStudents).ProducesProblem(404);

    public async Task<EligibilityAnswer> IsEligibleForAidAsync(Guid studentId, DateOnly date, CancellationToken ct = default)
    {
        var s = await students.GetAsync(studentId, ct);
        EligibilityAnswer No(string reason) => new(studentId, date, false, reason);
        if (!s.RegistrationApproved)
        {
            return No("学籍注册尚未审核通过，不是正式学籍");
        }

        if (!s.IsFullTime)
        {
            return No("非全日制学生不享受资助");
        }

        if (s.ContinuedOn is { } joined && date < joined)
        {
            return No($"{ChinaTime.Iso(date)} 该生尚未转入本校（{ChinaTime.Iso(joined)} 起在本校）");
        }

        if (date < s.EnrolmentDate)
        {
            return No($"{ChinaTime.Iso(date)} 该生尚未入学（入学日期 {ChinaTime.Iso(s.EnrolmentDate)}）");
        }

        var changes = await db.Set<StatusChange>().AsNoTracking()
            .Where(c => c.StudentId == studentId && c.Side != TransferSide.In && c.State == StatusChangeState.Approved && c.OccurredOn <= date)
            .OrderBy(c => c.OccurredOn).ThenBy(c => c.ApprovedAtUtc)
            .Select(c => new { c.Kind, c.OccurredOn })
            .ToListAsync(ct);
        var eligible = true;
        var reason = s.ContinuedOn is { } from ? $"在籍全日制正式学籍（{ChinaTime.Iso(from)} 转入本校）" : "在籍全日制正式学籍";
        foreach (var c in changes)
        {
            switch (c.Kind)
            {
                // Ending on day D means still eligible on D, not from D + 1.
                case StatusChangeKind.Suspension or StatusChangeKind.Reservation or StatusChangeKind.Withdrawal or StatusChangeKind.Expulsion
                    or StatusChangeKind.Death or StatusChangeKind.Transfer or StatusChangeKind.Completion when c.OccurredOn < date:
                    eligible = false;
                    reason = $"{ChinaTime.Iso(c.OccurredOn)} {(c.Kind == StatusChangeKind.Transfer ? "转出" : c.Kind.ToChinese())}，自次日起不再享受资助";
                    break;
                case StatusChangeKind.Resumption:
                    eligible = true;
                    reason = $"{ChinaTime.Iso(c.OccurredOn)} 复学，恢复资助资格";
                    break;
            }
        }

        return new EligibilityAnswer(studentId, date, eligible, reason);
    }
}
