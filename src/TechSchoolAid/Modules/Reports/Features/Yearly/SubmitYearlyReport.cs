using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Reports.Contracts;
using TechSchoolAid.Modules.Reports.Domain;

namespace TechSchoolAid.Modules.Reports.Features.Yearly;

/// <summary>
/// The province submits its report of a finished year: the tables generated now are frozen as JSON with their SHA-256,
/// who and when. Submitting again is refused (409) until the ministry returns the report.
/// </summary>
public sealed class SubmitYearlyReport(TsaDbContext db, YearlyReportBuilder builder, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/yearly/{year:int}/submission", (int year, SubmitYearlyReport f, CancellationToken ct) => f.HandleAsync(year, ct))
            .RequireAccess(ReportAccess.Submit)
            .WithSummary("省级报送本省年度报告（报送时冻结统计表并计算 SHA-256 校验值；不能重复报送，部里退回后可重新报送）")
            .Produces<SubmissionView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);

    public async Task<SubmissionView> HandleAsync(int year, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(ReportAccess.Submit);
        builder.CheckYear(year);
        var today = clock.Today();
        if (year >= today.Year)
        {
            throw AppException.Invalid("year", $"{year} 年度尚未结束，不能报送年度报告");
        }

        var scope = await builder.ProvinceAsync(actor.OrganizationCode, ct);
        actor.Demand(ReportAccess.Submit, scope.ScopePath);
        var submission = await db.Set<YearlyReportSubmission>().FirstOrDefaultAsync(s => s.ScopePath == scope.ScopePath && s.Year == year, ct);
        if (submission is { State: SubmissionState.Submitted })
        {
            throw AppException.Conflict($"{scope.Name}{year}年度报告已于 {ChinaTime.Iso(submission.SubmittedOn)} 报送，不能重复报送；如需更正，请部里先退回");
        }

        var report = await builder.BuildAsync(scope, year, ct);
        var (json, sha) = YearlyReportBuilder.Freeze(report);
        var old = submission is null ? null : new { state = submission.State, sha256 = submission.Sha256, submission.ReturnReason };
        if (submission is null)
        {
            submission = new YearlyReportSubmission(Guid.CreateVersion7(), scope.OrganizationId, scope.ProvinceCode!, scope.Name, scope.ScopePath, year);
            db.Add(submission);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        submission.Submit(json, sha, report.DataAsOf, actor.UserName, now, today);
        db.Record(ReportAuditActions.ReportSubmitted, submission.Id.ToString(), scope.ScopePath, old,
            new { year, sha256 = sha, tables = report.Tables.Count, dataAsOf = ChinaTime.Iso(report.DataAsOf) }, clock);
        await ReportSteps.SaveAsync(db, ct);
        var dueOn = (await db.Set<YearlyReportDeadline>().AsNoTracking().FirstOrDefaultAsync(d => d.Year == year, ct))?.DueOn;
        return SubmissionText.View(submission, scope.ProvinceCode!, scope.Name, year, dueOn, today);
    }
}
