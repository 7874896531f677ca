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

public sealed class ReturnReportInput
{
    public string? Reason { get; set; }
}

/// <summary>The ministry returns a province's submitted report with its reason: the only way the province may submit again.</summary>
public sealed class ReturnYearlyReport(TsaDbContext db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/yearly/{year:int}/submissions/{provinceCode}/return", (int year, string provinceCode, ReturnReportInput input, ReturnYearlyReport f, CancellationToken ct) =>
                f.HandleAsync(year, provinceCode, input, ct))
            .RequireAccess(ReportAccess.Review)
            .WithSummary("部级退回某省已报送的年度报告（须填写原因；退回后该省可重新报送）")
            .Produces<SubmissionView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<SubmissionView> HandleAsync(int year, string provinceCode, ReturnReportInput input, CancellationToken ct)
    {
        db.Actor.Demand(ReportAccess.Review);
        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length == 0)
        {
            throw AppException.Invalid("reason", "请填写退回原因");
        }

        if (InputGuard.TextProblem(reason, YearlyReportSubmission.MaxReasonLength) is { } problem)
        {
            throw AppException.Invalid("reason", $"退回原因{problem}");
        }

        var s = await db.Set<YearlyReportSubmission>().FirstOrDefaultAsync(x => x.ProvinceCode == provinceCode && x.Year == year && x.TablesJson != "", ct)
            ?? throw AppException.NotFound($"{provinceCode} 省 {year} 年度已报送的报告");
        db.Actor.Demand(ReportAccess.Review, s.ScopePath);
        s.Return(reason, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record(ReportAuditActions.ReportReturned, s.Id.ToString(), s.ScopePath, new { state = SubmissionState.Submitted }, new { state = SubmissionState.Returned, reason }, clock);
        await ReportSteps.SaveAsync(db, ct);
        var dueOn = (await db.Set<YearlyReportDeadline>().AsNoTracking().FirstOrDefaultAsync(d => d.Year == year, ct))?.DueOn;
        return SubmissionText.View(s, s.ProvinceCode, s.ProvinceName, year, dueOn, clock.Today());
    }
}
