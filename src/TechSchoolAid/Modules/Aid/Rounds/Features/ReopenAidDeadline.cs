using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Audit;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

public sealed class AidReopenInput
{
    /// <summary>The province; the caller's own when omitted.</summary>
    public string? ProvinceCode { get; set; }

    public int? SchoolYear { get; set; }

    public Semester? Semester { get; set; }

    public DateOnly? Until { get; set; }

    public string? Reason { get; set; }
}

/// <summary>The province reopens the approval deadline of a term until a date, with the reason (AID-5).</summary>
public sealed class ReopenAidDeadline(TsaDbContext db, AidRoundSteps steps, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder rounds) =>
        rounds.MapPost("/reopenings", async (AidReopenInput input, ReopenAidDeadline reopen, CancellationToken ct) =>
        {
            var r = await reopen.HandleAsync(input, ct);
            return TypedResults.Created($"/api/v1/aid-rounds/reopenings/{r.Id}", new { r.Id, r.ProvinceCode, r.SchoolYear, r.Semester, r.Until, r.Reason, r.CreatedBy, r.CreatedAtUtc });
        }).RequireAccess(AidRoundAccess.ReopenDeadline)
            .WithSummary("省级重新开放某学期的资助审批（截止日期、原因）").ProducesProblem(400).ProducesProblem(403);

    public async Task<AidDeadlineReopening> HandleAsync(AidReopenInput input, CancellationToken ct)
    {
        db.Actor.Demand(AidRoundAccess.ReopenDeadline);
        var province = input.ProvinceCode is { Length: > 0 } p ? p : db.Actor.OrganizationCode;
        db.Actor.Demand(AidRoundAccess.ReopenDeadline, AidRoundAccess.ProvincePath(province));
        if (input.SchoolYear is not { } year || input.Semester is not { } semester || !new AidTerm(year, semester).IsValid)
        {
            throw AppException.Invalid("schoolYear", "请填写学年和学期");
        }

        var term = new AidTerm(year, semester);
        var today = clock.Today();
        if (input.Until is not { } until || until < today)
        {
            throw AppException.Invalid("until", "请填写重新开放的截止日期（不早于今天）");
        }

        // A reopening lets the late approvals of the term be completed; it cannot outlast the term itself.
        if (until > term.EndsOn)
        {
            throw AppException.Invalid("until", $"重新开放的截止日期不能晚于{term}结束日 {ChinaTime.Iso(term.EndsOn)}");
        }

        var reason = AidRoundSteps.Required(input.Reason, "reason", "请填写重新开放的原因", 500);
        var r = new AidDeadlineReopening(Guid.CreateVersion7(), province, db.Actor.ScopePath, term, until, reason, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Add(r);
        db.Record(AidRoundAuditActions.DeadlineReopened, r.Id.ToString(), r.ScopePath, null, new { term = term.ToString(), until = ChinaTime.Iso(until), reason }, clock);
        await steps.SaveAsync(ct);
        return r;
    }
}
